package io.swapflex.service.openadr;

import com.fasterxml.jackson.databind.JsonNode;
import io.swapflex.optimizer.contract.InvalidProblemException;
import io.swapflex.service.openadr.OpenAdrEvent.Interval;
import io.swapflex.service.openadr.OpenAdrEvent.Payload;
import io.swapflex.service.openadr.OpenAdrEvent.PayloadType;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an OpenADR 3.0.1 {@code event} object (components/schemas/event) strictly, and reports every fault at once with
 * the JSON path of the field ({@code intervals[2].intervalPeriod.duration}, {@code payloadDescriptors[0].payloadType},
 * {@code targets[0].values[1]}).
 *
 * <p>Rules beyond the schema, because SwapFlex must turn the event into slots and kW:
 * <ul>
 *   <li>{@code targets}: at least one valuesMap of type {@code RESOURCE_NAME} whose values are station ids (each
 *       registered); other target types are refused, since they would not say which stations are meant.</li>
 *   <li>{@code payloadDescriptors[].payloadType} and {@code intervals[].payloads[].type}: one of
 *       {@link PayloadType}; each payload has exactly one number ({@code values: [x]}), ≥ 0 for power; a type at most
 *       once per interval and per descriptor list.</li>
 *   <li>Units: power in {@code KW} (the default) or {@code W} (divided by 1000); prices in {@code KWH} (per kWh, the
 *       default). A descriptor's {@code currency} is checked against each station's tariff when mapping.</li>
 *   <li>Time: an interval's {@code intervalPeriod} overrides the event's; an interval without a start of its own
 *       follows the interval before it (the first starts at the event's start). The duration (ISO 8601, days, weeks,
 *       hours, minutes, seconds; no years or months, whose length varies) must be positive: an open-ended
 *       {@code PT0S} interval has no slots to map to. {@code randomizeStart} is read, kept and not applied: a station
 *       follows the interval as given.</li>
 *   <li>VTN-assigned fields sent by a client ({@code id}, {@code createdDateTime}, {@code modificationDateTime}) are
 *       replaced when the event is stored; {@code objectType}, if sent, must be {@code EVENT}.</li>
 * </ul>
 */
public final class OpenAdrEventReader {

    /** The target type naming stations: each value is a station id. */
    public static final String TARGET_TYPE = "RESOURCE_NAME";

    /** The OpenADR 3.0.1 duration pattern (components/schemas/duration). */
    private static final Pattern DURATION = Pattern.compile(
            "^(-?)P(?=\\d|T\\d)(?:(\\d+)Y)?(?:(\\d+)M)?(?:(\\d+)([DW]))?(?:T(?:(\\d+)H)?(?:(\\d+)M)?(?:(\\d+(?:\\.\\d+)?)S)?)?$");
    /** RFC 3339 date-time: seconds required, an offset or Z required (OffsetDateTime.parse alone accepts less). */
    private static final Pattern RFC_3339 = Pattern.compile(
            "^\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?([Zz]|[+-]\\d{2}:\\d{2})$");
    private static final Pattern OBJECT_ID = Pattern.compile("^[a-zA-Z0-9_-]{1,128}$");
    /** The longest interval (or randomizeStart) read: about ten years. */
    static final Duration MAX_DURATION = Duration.ofDays(3_660);

    private final List<String> errors = new ArrayList<>();
    private final Predicate<String> knownStation;

    private OpenAdrEventReader(Predicate<String> knownStation) {
        this.knownStation = knownStation;
    }

    /**
     * @param knownStation whether a station id is registered
     * @throws InvalidProblemException every fault, each message starting with its path
     */
    public static OpenAdrEvent read(JsonNode event, Predicate<String> knownStation) {
        return new OpenAdrEventReader(knownStation).event(event);
    }

    private OpenAdrEvent event(JsonNode e) {
        if (e == null || !e.isObject()) {
            throw new InvalidProblemException(List.of("$ must be an OpenADR 3 event object: {\"programID\": ..., "
                    + "\"targets\": [{\"type\": \"RESOURCE_NAME\", \"values\": [station ids]}], \"intervals\": [...]}"));
        }
        JsonNode objectType = e.get("objectType");
        if (objectType != null && !objectType.isNull() && !"EVENT".equals(objectType.asText(null))) {
            errors.add("objectType must be EVENT, is " + objectType);
        }
        String programId = text(e, "programID", "programID", true);
        if (programId != null && !OBJECT_ID.matcher(programId).matches()) {
            errors.add("programID must be 1-128 characters of a-z, A-Z, 0-9, _ and -, is '" + programId + "'");
        }
        String eventName = text(e, "eventName", "eventName", false);
        JsonNode priority = e.get("priority");
        if (priority != null && !priority.isNull() && !(priority.isIntegralNumber() && priority.asLong() >= 0)) {
            errors.add("priority must be an integer ≥ 0, is " + priority);
        }
        List<String> stations = targets(e.get("targets"));
        Map<PayloadType, String> currencies = new EnumMap<>(PayloadType.class);
        Map<PayloadType, String> units = new EnumMap<>(PayloadType.class);
        descriptors(e.get("payloadDescriptors"), currencies, units);
        Period defaults = period(e.get("intervalPeriod"), "intervalPeriod");
        List<Interval> intervals = intervals(e.get("intervals"), defaults, units);
        if (!errors.isEmpty()) {
            throw new InvalidProblemException(errors);
        }
        return new OpenAdrEvent(programId, eventName, stations, intervals, currencies, units);
    }

    private List<String> targets(JsonNode targets) {
        Set<String> stations = new LinkedHashSet<>();
        if (targets == null || targets.isNull() || (targets.isArray() && targets.isEmpty())) {
            errors.add("targets is required: [{\"type\": \"" + TARGET_TYPE + "\", \"values\": [station ids]}] names "
                    + "the stations the event is for");
            return List.of();
        }
        if (!targets.isArray()) {
            errors.add("targets must be an array of valuesMap objects");
            return List.of();
        }
        for (int i = 0; i < targets.size(); i++) {
            String path = "targets[" + i + "]";
            JsonNode target = targets.get(i);
            if (!target.isObject()) {
                errors.add(path + " must be a valuesMap object {\"type\": ..., \"values\": [...]}");
                continue;
            }
            String type = text(target, "type", path + ".type", true);
            if (type != null && !TARGET_TYPE.equals(type)) {
                errors.add(path + ".type " + type + " is not supported: SwapFlex targets stations by " + TARGET_TYPE
                        + " (the values are station ids)");
                continue;
            }
            JsonNode values = target.get("values");
            if (values == null || !values.isArray() || values.isEmpty()) {
                errors.add(path + ".values must be a non-empty array of station ids");
                continue;
            }
            for (int j = 0; j < values.size(); j++) {
                JsonNode v = values.get(j);
                String vPath = path + ".values[" + j + "]";
                if (!v.isTextual() || v.asText().isBlank()) {
                    errors.add(vPath + " must be a station id (a string), is " + v);
                } else if (!knownStation.test(v.asText())) {
                    errors.add(vPath + " names no registered station: '" + v.asText() + "'");
                } else {
                    stations.add(v.asText());
                }
            }
        }
        return new ArrayList<>(stations);
    }

    private void descriptors(JsonNode list, Map<PayloadType, String> currencies, Map<PayloadType, String> units) {
        if (list == null || list.isNull()) {
            return;
        }
        if (!list.isArray()) {
            errors.add("payloadDescriptors must be an array of eventPayloadDescriptor objects");
            return;
        }
        Set<PayloadType> seen = new LinkedHashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String path = "payloadDescriptors[" + i + "]";
            JsonNode d = list.get(i);
            if (!d.isObject()) {
                errors.add(path + " must be an eventPayloadDescriptor object");
                continue;
            }
            JsonNode objectType = d.get("objectType");
            if (objectType != null && !objectType.isNull()
                    && !"EVENT_PAYLOAD_DESCRIPTOR".equals(objectType.asText(null))) {
                errors.add(path + ".objectType must be EVENT_PAYLOAD_DESCRIPTOR, is " + objectType);
            }
            PayloadType type = payloadType(text(d, "payloadType", path + ".payloadType", true), path + ".payloadType");
            if (type == null) {
                continue;
            }
            if (!seen.add(type)) {
                errors.add(path + ".payloadType " + type + " is described twice");
            }
            String unit = text(d, "units", path + ".units", false);
            if (unit != null) {
                if (type.isPower() && !unit.equals("KW") && !unit.equals("W")) {
                    errors.add(path + ".units of " + type + " must be KW or W, is " + unit);
                } else if (!type.isPower() && !unit.equals("KWH")) {
                    errors.add(path + ".units of " + type + " must be KWH (a price per kWh), is " + unit);
                } else {
                    units.put(type, unit);
                }
            }
            String currency = text(d, "currency", path + ".currency", false);
            if (currency != null) {
                if (type.isPower()) {
                    errors.add(path + ".currency is for prices, " + type + " is a power");
                } else {
                    currencies.put(type, currency);
                }
            }
        }
    }

    private PayloadType payloadType(String name, String path) {
        if (name == null) {
            return null;
        }
        PayloadType type = PayloadType.of(name);
        if (type == null) {
            errors.add(path + " " + name + " is not a payload type SwapFlex maps: "
                    + Arrays.toString(PayloadType.values()));
        }
        return type;
    }

    /** An intervalPeriod as read: start and duration may each be missing. */
    private record Period(Instant start, Duration duration, String durationPath) {
    }

    private Period period(JsonNode p, String path) {
        if (p == null || p.isNull()) {
            return new Period(null, null, null);
        }
        if (!p.isObject()) {
            errors.add(path + " must be an intervalPeriod object {\"start\": ..., \"duration\": ...}");
            return new Period(null, null, null);
        }
        Instant start = null;
        String s = text(p, "start", path + ".start", true);
        if (s != null) {
            try {
                if (!RFC_3339.matcher(s).matches()) {
                    throw new DateTimeParseException("not RFC 3339", s, 0);
                }
                start = OffsetDateTime.parse(s.toUpperCase(java.util.Locale.ROOT)).toInstant();
            } catch (DateTimeParseException ex) {
                errors.add(path + ".start must be an RFC 3339 date-time with an offset (2026-11-27T18:00:00+07:00), "
                        + "is '" + s + "'");
            }
        }
        Duration duration = duration(text(p, "duration", path + ".duration", false), path + ".duration");
        duration(text(p, "randomizeStart", path + ".randomizeStart", false), path + ".randomizeStart");
        return new Period(start, duration, path + ".duration");
    }

    /** An ISO 8601 duration of the OpenADR pattern; null (with an error) when it cannot be used. */
    private Duration duration(String s, String path) {
        if (s == null) {
            return null;
        }
        Matcher m = DURATION.matcher(s);
        if (!m.matches()) {
            errors.add(path + " must be an ISO 8601 duration (PT15M, PT1H, P1D), is '" + s + "'");
            return null;
        }
        if (!m.group(1).isEmpty() || m.group(2) != null || m.group(3) != null) {
            errors.add(path + " '" + s + "': negative durations, years and months are not supported");
            return null;
        }
        Duration d = Duration.ZERO;
        try {
            if (m.group(4) != null) {
                long n = Long.parseLong(m.group(4));
                d = d.plusDays("W".equals(m.group(5)) ? Math.multiplyExact(7, n) : n);
            }
            if (m.group(6) != null) {
                d = d.plusHours(Long.parseLong(m.group(6)));
            }
            if (m.group(7) != null) {
                d = d.plusMinutes(Long.parseLong(m.group(7)));
            }
            if (m.group(8) != null) {
                d = d.plusNanos(Math.round(Double.parseDouble(m.group(8)) * 1e9));
            }
        } catch (NumberFormatException | ArithmeticException e) {
            d = null; // digits beyond a long, or a sum beyond a Duration: longer than any limit below
        }
        // Longer than MAX_DURATION: no station plans that far, and an end beyond it could overflow an Instant.
        if (d == null || d.compareTo(MAX_DURATION) > 0) {
            errors.add(path + " '" + s + "' is longer than " + MAX_DURATION.toDays() + " days");
            return null;
        }
        return d;
    }

    private List<Interval> intervals(JsonNode list, Period defaults, Map<PayloadType, String> units) {
        List<Interval> out = new ArrayList<>();
        if (list == null || !list.isArray() || list.isEmpty()) {
            errors.add("intervals is required: a non-empty array of interval objects");
            return out;
        }
        Instant previousEnd = defaults.start();
        for (int i = 0; i < list.size(); i++) {
            String path = "intervals[" + i + "]";
            JsonNode node = list.get(i);
            if (!node.isObject()) {
                errors.add(path + " must be an interval object {\"id\": ..., \"payloads\": [...]}");
                previousEnd = null;
                continue;
            }
            JsonNode id = node.get("id");
            if (id == null || !id.isIntegralNumber() || !id.canConvertToInt()) {
                errors.add(path + ".id is required: an integer, is " + id);
            }
            Period own = period(node.get("intervalPeriod"), path + ".intervalPeriod");
            Instant start = own.start() != null ? own.start() : previousEnd;
            Duration duration = own.duration() != null ? own.duration() : defaults.duration();
            String durationPath = own.duration() != null ? own.durationPath()
                    : defaults.duration() != null ? defaults.durationPath() : path + ".intervalPeriod.duration";
            if (start == null && !node.has("intervalPeriod")) {
                errors.add(path + ".intervalPeriod.start is missing: give the interval a start, or the event an "
                        + "intervalPeriod.start");
            }
            if (duration == null) {
                errors.add(durationPath + " is missing: give the interval a duration, or the event an "
                        + "intervalPeriod.duration");
            } else if (duration.isZero()) {
                errors.add(durationPath + " must be positive: an open-ended (PT0S) interval cannot be mapped to slots");
                duration = null;
            }
            List<Payload> payloads = payloads(node.get("payloads"), path + ".payloads", units);
            if (start != null && duration != null && id != null && id.canConvertToInt()) {
                out.add(new Interval(id.asInt(), i, start, duration, payloads));
            }
            previousEnd = start == null || duration == null ? null : start.plus(duration);
        }
        return out;
    }

    private List<Payload> payloads(JsonNode list, String path, Map<PayloadType, String> units) {
        List<Payload> out = new ArrayList<>();
        if (list == null || !list.isArray() || list.isEmpty()) {
            errors.add(path + " is required: a non-empty array of valuesMap objects {\"type\": ..., \"values\": [x]}");
            return out;
        }
        Set<PayloadType> seen = new LinkedHashSet<>();
        for (int j = 0; j < list.size(); j++) {
            String p = path + "[" + j + "]";
            JsonNode payload = list.get(j);
            if (!payload.isObject()) {
                errors.add(p + " must be a valuesMap object {\"type\": ..., \"values\": [x]}");
                continue;
            }
            PayloadType type = payloadType(text(payload, "type", p + ".type", true), p + ".type");
            JsonNode values = payload.get("values");
            if (values == null || !values.isArray() || values.size() != 1 || !values.get(0).isNumber()) {
                errors.add(p + ".values must hold exactly one number, is " + values);
                continue;
            }
            double value = values.get(0).asDouble();
            if (type == null) {
                continue;
            }
            if (!seen.add(type)) {
                errors.add(p + ".type " + type + " appears twice in the interval");
            } else if (!Double.isFinite(value) || (type.isPower() && value < 0)) {
                errors.add(p + ".values[0] of " + type + " must be " + (type.isPower() ? "≥ 0" : "finite")
                        + ", is " + value);
            } else {
                double scale = type.isPower() && "W".equals(units.get(type)) ? 1e-3 : 1.0;
                out.add(new Payload(type, value * scale));
            }
        }
        return out;
    }

    /** A string member: null when absent or null (an error when required), an error when not a string. */
    private String text(JsonNode node, String field, String path, boolean required) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                errors.add(path + " is required");
            }
            return null;
        }
        if (!v.isTextual()) {
            errors.add(path + " must be a string, is " + v);
            return null;
        }
        if (required && v.asText().isEmpty()) {
            errors.add(path + " must not be empty");
            return null;
        }
        return v.asText();
    }
}
