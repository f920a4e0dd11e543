package io.swapflex.service.common.rest;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.optimizer.contract.InvalidProblemException;
import io.swapflex.optimizer.contract.JsonMappers;
import io.swapflex.optimizer.contract.ProblemLimits;
import io.swapflex.studies.whatif.Durations;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads request bodies and parameters strictly, for every resource; every error names the field ({@code
 * socFraction}, {@code from}).
 */
public final class Requests {

    /** Parses within the configured JSON limits (depth, lengths, tokens: {@link ProblemLimits}). */
    private static final ObjectMapper STRICT = JsonMappers.limited(JsonMappers.strict()
            .addModule(new JavaTimeModule()));

    private Requests() {
    }

    /** A comma-separated list of station ids, or null when absent. */
    public static List<String> idList(String value, String name) {
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

    public static Instant collect(List<String> errors, java.util.function.Supplier<Instant> parse) {
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
    public static <T> T read(String body, Class<T> type, String shape) {
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
            if (message.contains("not one of the values accepted") && e instanceof InvalidFormatException format
                    && format.getTargetType() != null && format.getTargetType().isEnum()) {
                message = "must be one of " + String.join(", ", Arrays.stream(format.getTargetType().getEnumConstants())
                        .map(Object::toString).toList());
            }
            return fail(ContractJson.path(e.getPath()), cut > 0 && !message.startsWith("must") ? message.substring(0, cut) : message);
        } catch (JsonProcessingException e) {
            return fail("$", ProblemLimits.describe(e.getOriginalMessage()));
        }
    }

    /** An RFC 3339 time with offset (or Z), or null when absent. */
    public static Instant instant(String value, String name) {
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
    public static Duration duration(String value, String name) {
        return Durations.parse(value, name);
    }

    public static Double number(String value, String name) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw invalid(name, "'" + value + "' is not a number");
        }
    }

    public static Long version(String value, String name) {
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

    public static InvalidProblemException invalid(String path, String message) {
        return new InvalidProblemException(List.of(path + " " + message));
    }

    private static <T> T fail(String path, String message) {
        throw invalid(path, message);
    }
}
