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
import io.swapflex.service.station.BatteryEvent;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/** Reads request bodies and parameters strictly; every error names the field ({@code socFraction}, {@code from}). */
public final class Requests {

    /** The body of {@code POST /api/v1/stations/{id}/events}. */
    public record EventRequest(BatteryEvent.Kind kind, String bayId, Double socFraction, Instant occurredAt) {
        BatteryEvent toEvent() {
            return new BatteryEvent(kind, bayId, socFraction, occurredAt);
        }
    }

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private Requests() {
    }

    static EventRequest event(String body) {
        if (body == null || body.isBlank()) {
            throw invalid("$", "empty document: an event is {\"kind\": \"PACK_IN|PACK_OUT|SOC\", \"bayId\": ..., \"socFraction\": ...}");
        }
        try {
            return STRICT.readValue(body, EventRequest.class);
        } catch (UnrecognizedPropertyException e) {
            return fail(ContractJson.path(e.getPath().subList(0, e.getPath().size() - 1)), "unknown field '" + e.getPropertyName() + "'");
        } catch (JsonParseException e) {
            return fail("$", "not valid JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        } catch (JsonMappingException e) {
            String message = e.getOriginalMessage();
            int cut = message.indexOf(" at [Source");
            if (message.contains("not one of the values accepted")) {
                message = "must be one of PACK_IN, PACK_OUT, SOC";
            }
            return fail(ContractJson.path(e.getPath()), cut > 0 && !message.startsWith("must") ? message.substring(0, cut) : message);
        } catch (JsonProcessingException e) {
            return fail("$", e.getOriginalMessage());
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
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip().toLowerCase(Locale.ROOT);
        try {
            if (text.startsWith("pt")) {
                return Duration.parse(text);
            }
            if (text.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
            }
            if (text.endsWith("s")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(text.substring(0, text.length() - 1)) * 1000));
            }
            if (text.endsWith("m")) {
                return Duration.ofSeconds(Math.round(Double.parseDouble(text.substring(0, text.length() - 1)) * 60));
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            // reported below
        }
        throw invalid(name, "'" + value + "' is not a duration (e.g. 10s, 500ms, 2m)");
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
