package io.swapflex.service.rest;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.optimizer.contract.InvalidProblemException;
import io.swapflex.optimizer.contract.ProblemLimits;
import io.swapflex.service.dispatch.DispatchService;
import io.swapflex.service.station.BatteryEvent;
import io.swapflex.studies.whatif.Durations;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Reads request bodies and parameters strictly; every error names the field ({@code socFraction}, {@code from}). */
public final class Requests {

    /** The body of {@code POST /api/v1/stations/{id}/events}. */
    public record EventRequest(BatteryEvent.Kind kind, String bayId, Double socFraction, Instant occurredAt) {
        BatteryEvent toEvent() {
            return new BatteryEvent(kind, bayId, socFraction, occurredAt);
        }
    }

    /**
     * The body of {@code POST /api/v1/dispatch-requests}: a window (RFC 3339, on the stations' slot boundaries), the
     * net export to hold in every slot of it, the reward, whether it is firm, and one {@code stationId} or a list of
     * {@code stations} to spread it over.
     */
    public record DispatchBody(String stationId, List<String> stations, String from, String to, Double exportKw,
                               Double rewardPerKwh, Boolean firm) {
    }

    /** Parses within the configured JSON limits (depth, lengths, tokens: {@link ProblemLimits}). */
    private static final ObjectMapper STRICT = ProblemLimits.follow(JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .build());

    private Requests() {
    }

    static EventRequest event(String body) {
        // read(…, shape) refuses a blank body and a JSON null alike (Jackson reads "null" as no object at all).
        return read(body, EventRequest.class,
                "an event is {\"kind\": \"PACK_IN|PACK_OUT|SOC\", \"bayId\": ..., \"socFraction\": ...}");
    }

    /**
     * A dispatch request, checked field by field (every error at once, each with its path).
     *
     * @param requestedBy who sends it (the token's subject)
     */
    static DispatchService.Order dispatch(String body, String requestedBy) {
        DispatchBody d = read(body, DispatchBody.class, "a dispatch request is {\"stationId\": ..., \"from\": ..., "
                + "\"to\": ..., \"exportKw\": ..., \"rewardPerKwh\": ..., \"firm\": true}");
        List<String> errors = new ArrayList<>();
        List<String> stations = new ArrayList<>();
        if (d.stationId() != null && d.stations() != null) {
            errors.add("stations: give stationId or stations, not both");
        } else if (d.stationId() != null) {
            if (d.stationId().isBlank()) {
                errors.add("stationId must not be blank");
            }
            stations.add(d.stationId());
        } else if (d.stations() != null) {
            if (d.stations().isEmpty()) {
                errors.add("stations must name at least one station");
            }
            for (int i = 0; i < d.stations().size(); i++) {
                String id = d.stations().get(i);
                if (id == null || id.isBlank()) {
                    errors.add("stations[" + i + "] must be a station id");
                } else if (stations.contains(id)) {
                    errors.add("stations[" + i + "] '" + id + "' is named twice");
                } else {
                    stations.add(id);
                }
            }
        } else {
            errors.add("stationId is required (or stations, a list of station ids to spread the request over)");
        }
        Instant from = null;
        Instant to = null;
        if (d.from() == null || d.from().isBlank()) {
            errors.add("from is required (RFC 3339, on a slot boundary)");
        } else {
            from = collect(errors, () -> instant(d.from(), "from"));
        }
        if (d.to() == null || d.to().isBlank()) {
            errors.add("to is required (RFC 3339, on a slot boundary)");
        } else {
            to = collect(errors, () -> instant(d.to(), "to"));
        }
        if (from != null && to != null && !from.isBefore(to)) {
            errors.add("to must be after from (" + d.from() + " ≥ " + d.to() + ")");
        }
        if (d.exportKw() == null) {
            errors.add("exportKw is required: the net export (kW) to hold in every slot of the window");
        } else if (!(d.exportKw() > 0) || d.exportKw().isInfinite()) {
            errors.add("exportKw must be a positive number of kW, is " + d.exportKw());
        }
        if (d.rewardPerKwh() != null && (!(d.rewardPerKwh() >= 0) || d.rewardPerKwh().isInfinite())) {
            errors.add("rewardPerKwh must be ≥ 0, is " + d.rewardPerKwh());
        }
        if (d.firm() == null) {
            errors.add("firm is required: true (must be met) or false (an offer the plan may accept)");
        }
        if (!errors.isEmpty()) {
            throw new InvalidProblemException(errors);
        }
        return new DispatchService.Order(stations, from, to, d.exportKw(),
                d.rewardPerKwh() == null ? 0.0 : d.rewardPerKwh(), d.firm(), requestedBy);
    }

    /** A comma-separated list of station ids, or null when absent. */
    static List<String> idList(String value, String name) {
        if (value == null || value.isBlank()) {
            return null;
        }
        List<String> ids = new ArrayList<>();
        for (String part : value.split(",", -1)) {
            String id = part.strip();
            if (id.isEmpty()) {
                throw invalid(name, "'" + value + "' has an empty station id");
            }
            if (!ids.contains(id)) {
                ids.add(id);
            }
        }
        return ids;
    }

    private static Instant collect(List<String> errors, java.util.function.Supplier<Instant> parse) {
        try {
            return parse.get();
        } catch (InvalidProblemException e) {
            errors.addAll(e.errors());
            return null;
        }
    }

    /**
     * Reads a request body strictly (unknown fields, nulls for numbers and fractions for integers refused); every
     * error names its JSON path.
     *
     * @param shape what the document looks like, for the message of an empty body
     */
    static <T> T read(String body, Class<T> type, String shape) {
        if (body == null || body.isBlank()) {
            throw invalid("$", "empty document: " + shape);
        }
        T value = read(body, type);
        if (value == null) {
            throw invalid("$", "empty document: " + shape);
        }
        return value;
    }

    private static <T> T read(String body, Class<T> type) {
        try {
            return STRICT.readValue(body, type);
        } catch (UnrecognizedPropertyException e) {
            return fail(ContractJson.path(e.getPath().subList(0, e.getPath().size() - 1)), "unknown field '" + e.getPropertyName() + "'");
        } catch (JsonParseException e) {
            return fail("$", "not valid JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + ProblemLimits.describe(e.getOriginalMessage()));
        } catch (JsonMappingException e) {
            String message = ProblemLimits.describe(e.getOriginalMessage());
            int cut = message.indexOf(" at [Source");
            if (message.contains("not one of the values accepted") && type == EventRequest.class) {
                message = "must be one of PACK_IN, PACK_OUT, SOC";
            }
            return fail(ContractJson.path(e.getPath()), cut > 0 && !message.startsWith("must") ? message.substring(0, cut) : message);
        } catch (JsonProcessingException e) {
            return fail("$", ProblemLimits.describe(e.getOriginalMessage()));
        }
    }

    /** An RFC 3339 time with offset (or Z), or null when absent. */
    static Instant instant(String value, String name) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw invalid(name, "'" + value + "' is not an RFC 3339 time with offset (e.g. 2026-11-26T08:00:00+07:00)");
        }
    }

    /** A duration like 10s, 500ms, 2m or ISO-8601 PT10S, or null when absent. */
    static Duration duration(String value, String name) {
        return Durations.parse(value, name);
    }

    static Double number(String value, String name) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw invalid(name, "'" + value + "' is not a number");
        }
    }

    static Long version(String value, String name) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        if (text.startsWith("W/")) {
            text = text.substring(2);
        }
        text = text.replace("\"", "");
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw invalid(name, "'" + value + "' is not a version (e.g. \"3\")");
        }
    }

    static InvalidProblemException invalid(String path, String message) {
        return new InvalidProblemException(List.of(path + " " + message));
    }

    private static <T> T fail(String path, String message) {
        throw invalid(path, message);
    }
}
