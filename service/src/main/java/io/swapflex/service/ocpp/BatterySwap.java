package io.swapflex.service.ocpp;

import com.fasterxml.jackson.databind.JsonNode;
import io.swapflex.service.station.BatteryEvent;
import io.swapflex.service.station.BayState;
import io.swapflex.service.station.ConflictException;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * OCPP 2.1 {@code BatterySwapRequest} in, the service's own battery events out.
 *
 * <p>Mapping rules (per entry of {@code batteryData}, in order):
 * <pre>
 *   evseId      → the bay at that 1-based position of the station's registered bays (as in the charging profiles)
 *   BatteryOut  → PACK_OUT of that bay (a rider took the pack: the bay is empty until a pack comes in)
 *   BatteryIn   → PACK_IN of that bay with socFraction = soC / 100 (OCPP's SoC is a percentage, 0–100)
 *   BatteryOutTimeout → no event (the packs offered were not taken and stay where they are)
 *   soH, serialNumber, requestId, idToken → read and checked, not used by the engine (it plans with SOC only)
 * </pre>
 * The reader checks the schema's rules itself (the service does not ship the schema): required fields, types,
 * ranges and lengths, no unknown fields (every object but {@code customData} is closed). Each error names its path.
 */
public final class BatterySwap {

    public enum EventType { BatteryIn, BatteryOut, BatteryOutTimeout }

    /** The request's fields the service reads. */
    public record Request(EventType eventType, long requestId, String idToken, String idTokenType,
                          List<Battery> batteryData) {
    }

    /**
     * One battery of the swap.
     *
     * @param soC state of charge, percent in [0, 100]
     * @param soH state of health, percent in [0, 100]
     */
    public record Battery(int evseId, String serialNumber, double soC, double soH) {
    }

    private static final Set<String> REQUEST_FIELDS = Set.of("eventType", "requestId", "idToken", "batteryData",
            "customData");
    private static final Set<String> ID_TOKEN_FIELDS = Set.of("idToken", "type", "additionalInfo", "customData");
    private static final Set<String> ADDITIONAL_INFO_FIELDS = Set.of("additionalIdToken", "type", "customData");
    private static final Set<String> BATTERY_FIELDS = Set.of("evseId", "serialNumber", "soC", "soH", "productionDate",
            "vendorInfo", "customData");

    private BatterySwap() {
    }

    /**
     * Reads a {@code BatterySwapRequest} payload.
     *
     * @throws OcppPayloadException {@code FormatViolation}, with every error at once
     */
    public static Request read(JsonNode json) {
        List<String> errors = new ArrayList<>();
        if (json == null || !json.isObject()) {
            throw new OcppPayloadException(OcppPayloadException.FORMAT_VIOLATION,
                    List.of("$ must be a BatterySwapRequest object {eventType, requestId, idToken, batteryData}"));
        }
        closed(json, "", REQUEST_FIELDS, errors);
        customData(json, "", errors);
        EventType eventType = null;
        JsonNode type = required(json, "", "eventType", errors);
        if (type != null) {
            try {
                eventType = EventType.valueOf(type.isTextual() ? type.asText() : "");
            } catch (IllegalArgumentException e) {
                errors.add("eventType must be one of BatteryIn, BatteryOut, BatteryOutTimeout, is " + type);
            }
        }
        Long requestId = integer(required(json, "", "requestId", errors), "requestId", Long.MIN_VALUE, errors);
        String idToken = null;
        String idTokenType = null;
        JsonNode token = required(json, "", "idToken", errors);
        if (token != null) {
            if (!token.isObject()) {
                errors.add("idToken must be an object {idToken, type}");
            } else {
                closed(token, "idToken.", ID_TOKEN_FIELDS, errors);
                customData(token, "idToken.", errors);
                idToken = text(required(token, "idToken.", "idToken", errors), "idToken.idToken", 255, errors);
                idTokenType = text(required(token, "idToken.", "type", errors), "idToken.type", 20, errors);
                additionalInfo(token.get("additionalInfo"), errors);
            }
        }
        List<Battery> batteries = new ArrayList<>();
        JsonNode data = required(json, "", "batteryData", errors);
        if (data != null) {
            if (!data.isArray() || data.isEmpty()) {
                errors.add("batteryData must be an array of at least one battery");
            } else {
                for (int i = 0; i < data.size(); i++) {
                    Battery battery = battery(data.get(i), "batteryData[" + i + "]", errors);
                    if (battery != null) {
                        batteries.add(battery);
                    }
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new OcppPayloadException(OcppPayloadException.FORMAT_VIOLATION, errors);
        }
        return new Request(eventType, requestId, idToken, idTokenType, batteries);
    }

    /**
     * The battery events a swap means for the station, checked against its bays' state as given (the station
     * service checks again when it applies them).
     *
     * @param bays the station's bays in registration order (position = evseId − 1)
     * @param at   when the swap happened
     * @throws OcppPayloadException {@code PropertyConstraintViolation} for an evseId that is no bay of the station,
     *                              or named twice
     * @throws ConflictException    for a pack into an occupied bay, or out of an empty one
     */
    public static List<BatteryEvent> events(Request request, List<BayState> bays, Instant at) {
        List<String> errors = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        List<BatteryEvent> events = new ArrayList<>();
        for (int i = 0; i < request.batteryData().size(); i++) {
            Battery battery = request.batteryData().get(i);
            String path = "batteryData[" + i + "].evseId";
            if (battery.evseId() < 1 || battery.evseId() > bays.size()) {
                errors.add(path + " " + battery.evseId() + " is no bay of the station: its evseIds are 1.."
                        + bays.size() + " (the bays in registration order)");
                continue;
            }
            if (!seen.add(battery.evseId())) {
                errors.add(path + " " + battery.evseId() + " is named twice in one swap");
                continue;
            }
            BayState bay = bays.get(battery.evseId() - 1);
            switch (request.eventType()) {
                case BatteryIn -> {
                    if (bay.packPresent()) {
                        throw new ConflictException(path + " " + battery.evseId() + ": bay " + bay.bayId()
                                + " already holds a pack");
                    }
                    events.add(new BatteryEvent(BatteryEvent.Kind.PACK_IN, bay.bayId(), battery.soC() / 100.0, at));
                }
                case BatteryOut -> {
                    if (!bay.packPresent()) {
                        throw new ConflictException(path + " " + battery.evseId() + ": bay " + bay.bayId()
                                + " holds no pack to take out");
                    }
                    events.add(new BatteryEvent(BatteryEvent.Kind.PACK_OUT, bay.bayId(), null, at));
                }
                case BatteryOutTimeout -> {
                    // The packs offered were not taken: nothing changed in the bays.
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new OcppPayloadException(OcppPayloadException.PROPERTY_CONSTRAINT_VIOLATION, errors);
        }
        return events;
    }

    private static Battery battery(JsonNode node, String path, List<String> errors) {
        if (node == null || !node.isObject()) {
            errors.add(path + " must be an object {evseId, serialNumber, soC, soH}");
            return null;
        }
        int before = errors.size();
        closed(node, path + ".", BATTERY_FIELDS, errors);
        customData(node, path + ".", errors);
        Long evseId = integer(required(node, path + ".", "evseId", errors), path + ".evseId", 0, errors);
        String serial = text(required(node, path + ".", "serialNumber", errors), path + ".serialNumber", 50, errors);
        Double soC = percent(required(node, path + ".", "soC", errors), path + ".soC", errors);
        Double soH = percent(required(node, path + ".", "soH", errors), path + ".soH", errors);
        text(node.get("vendorInfo"), path + ".vendorInfo", 500, errors);
        JsonNode produced = node.get("productionDate");
        if (produced != null) {
            try {
                OffsetDateTime.parse(produced.isTextual() ? produced.asText() : "");
            } catch (DateTimeParseException e) {
                errors.add(path + ".productionDate must be an RFC 3339 date-time, is " + produced);
            }
        }
        if (errors.size() > before) {
            return null;
        }
        if (evseId > Integer.MAX_VALUE) {
            errors.add(path + ".evseId " + evseId + " is no bay of the station");
            return null;
        }
        return new Battery(evseId.intValue(), serial, soC, soH);
    }

    private static void additionalInfo(JsonNode info, List<String> errors) {
        if (info == null) {
            return;
        }
        if (!info.isArray() || info.isEmpty()) {
            errors.add("idToken.additionalInfo must be an array of at least one entry");
            return;
        }
        for (int i = 0; i < info.size(); i++) {
            String path = "idToken.additionalInfo[" + i + "]";
            JsonNode entry = info.get(i);
            if (!entry.isObject()) {
                errors.add(path + " must be an object {additionalIdToken, type}");
                continue;
            }
            closed(entry, path + ".", ADDITIONAL_INFO_FIELDS, errors);
            customData(entry, path + ".", errors);
            text(required(entry, path + ".", "additionalIdToken", errors), path + ".additionalIdToken", 255, errors);
            text(required(entry, path + ".", "type", errors), path + ".type", 50, errors);
        }
    }

    /** {@code customData} is the one open object: it needs only its {@code vendorId}. */
    private static void customData(JsonNode parent, String prefix, List<String> errors) {
        JsonNode custom = parent.get("customData");
        if (custom == null) {
            return;
        }
        if (!custom.isObject()) {
            errors.add(prefix + "customData must be an object {vendorId, ...}");
            return;
        }
        text(required(custom, prefix + "customData.", "vendorId", errors), prefix + "customData.vendorId", 255, errors);
    }

    private static void closed(JsonNode node, String prefix, Set<String> known, List<String> errors) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                String at = prefix.isEmpty() ? "$" : prefix.substring(0, prefix.length() - 1);
                errors.add(at + ": unknown field '" + name + "'");
            }
        }
    }

    private static JsonNode required(JsonNode node, String prefix, String name, List<String> errors) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            errors.add(prefix + name + " is required");
            return null;
        }
        return value;
    }

    private static Long integer(JsonNode value, String path, long minimum, List<String> errors) {
        if (value == null) {
            return null;
        }
        // JSON Schema's integer: any number with no fraction (2 and 2.0 alike).
        if (!value.isNumber() || !value.canConvertToExactIntegral() || !value.canConvertToLong()) {
            errors.add(path + " must be an integer, is " + value);
            return null;
        }
        long v = value.asLong();
        if (v < minimum) {
            errors.add(path + " must be ≥ " + minimum + ", is " + v);
            return null;
        }
        return v;
    }

    private static Double percent(JsonNode value, String path, List<String> errors) {
        if (value == null) {
            return null;
        }
        if (!value.isNumber() || !(value.asDouble() >= 0 && value.asDouble() <= 100)) {
            errors.add(path + " must be a number in [0, 100] (percent), is " + value);
            return null;
        }
        return value.asDouble();
    }

    private static String text(JsonNode value, String path, int maxLength, List<String> errors) {
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            errors.add(path + " must be a string, is " + value);
            return null;
        }
        if (value.asText().codePointCount(0, value.asText().length()) > maxLength) {
            errors.add(path + " must be at most " + maxLength + " characters");
            return null;
        }
        return value.asText();
    }
}
