package io.swapflex.studies.whatif;

import io.swapflex.optimizer.contract.InvalidProblemException;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/** Durations as the API writes them: 10s, 500ms, 2m, or ISO-8601 (PT10S). */
public final class Durations {

    private Durations() {
    }

    /**
     * The duration, or null when absent.
     *
     * @param path the field's JSON path or parameter name, for the error
     * @throws InvalidProblemException naming {@code path} when the text is not a duration
     */
    public static Duration parse(String value, String path) {
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
        throw new InvalidProblemException(List.of(path + " '" + value + "' is not a duration (e.g. 10s, 500ms, 2m)"));
    }
}
