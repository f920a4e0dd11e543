package io.swapflex.studies.whatif;

import io.swapflex.optimizer.contract.InvalidProblemException;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * The one duration grammar of SwapFlex, for the API, the study files and the command line: a number with a unit,
 * {@code 500ms} (whole milliseconds), {@code 10s}, {@code 2m}, {@code 8h} (decimals allowed: {@code 1.5s}), a bare number of seconds, or
 * ISO-8601 ({@code PT10S}).
 */
public final class Durations {

    /** What the error messages show. */
    public static final String EXAMPLES = "e.g. 10s, 500ms, 2m, 8h";

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
        Duration d = read(value);
        if (d == null) {
            throw new InvalidProblemException(List.of(path + " '" + value + "' is not a duration (" + EXAMPLES + ")"));
        }
        return d;
    }

    /** The duration the text writes, or null when it writes none. */
    public static Duration read(String value) {
        String text = value.strip().toLowerCase(Locale.ROOT);
        try {
            if (text.startsWith("pt")) {
                return Duration.parse(text);
            }
            if (text.endsWith("ms")) {
                number(text, 2); // digits only
                return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
            }
            if (text.endsWith("s")) {
                return Duration.ofMillis(Math.round(number(text, 1) * 1000));
            }
            if (text.endsWith("m")) {
                return Duration.ofMillis(Math.round(number(text, 1) * 60_000));
            }
            if (text.endsWith("h")) {
                return Duration.ofMillis(Math.round(number(text, 1) * 3_600_000));
            }
            return Duration.ofMillis(Math.round(number(text, 0) * 1000));
        } catch (NumberFormatException | DateTimeParseException e) {
            return null;
        }
    }

    /** The number before a unit of {@code unitLength} letters: digits and one point, no sign or exponent. */
    private static double number(String text, int unitLength) {
        String digits = text.substring(0, text.length() - unitLength);
        if (digits.isEmpty() || !digits.chars().allMatch(c -> Character.isDigit(c) || c == '.')) {
            throw new NumberFormatException(text);
        }
        double v = Double.parseDouble(digits);
        if (Double.isInfinite(v)) {
            throw new NumberFormatException(text);
        }
        return v;
    }
}
