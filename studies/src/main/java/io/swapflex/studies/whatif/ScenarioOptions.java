package io.swapflex.studies.whatif;

import io.swapflex.optimizer.contract.InvalidProblemException;

import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * A scenario's solve options as a what-if request writes them ({@code solver}, {@code timeLimit}, {@code gapTarget}),
 * read with the study's defaults; each error names its JSON path. Shared by the service's jobs and the CLI's studies.
 */
public final class ScenarioOptions {

    private ScenarioOptions() {
    }

    /**
     * The solver named, {@code fallback} when none is ({@code default} is {@code defaultName}).
     *
     * @param known the names a study may use
     */
    public static String solver(String name, String fallback, String defaultName, Collection<String> known,
                                String path, List<String> errors) {
        if (name == null) {
            return fallback;
        }
        String resolved = name.equals("default") ? defaultName : name;
        if (!known.contains(resolved)) {
            errors.add(path + " '" + name + "' is unknown, known: " + String.join(", ", known));
            return fallback;
        }
        return resolved;
    }

    /** The limit written (10s, 500ms, 2m, PT10S) in (0, max]; without one, {@code fallback} cut to {@code max}. */
    public static Duration timeLimit(String text, Duration fallback, Duration max, String path, List<String> errors) {
        Duration limit;
        try {
            limit = Durations.parse(text, path);
        } catch (InvalidProblemException e) {
            errors.addAll(e.errors());
            return fallback;
        }
        if (limit == null) {
            return fallback.compareTo(max) > 0 ? max : fallback;
        }
        if (limit.isNegative() || limit.isZero() || limit.compareTo(max) > 0) {
            errors.add(path + " must be in (0, " + max + "], is " + text);
            return fallback;
        }
        return limit;
    }

    /** The gap target in [0, 1), {@code fallback} when none is given. */
    public static double gap(Double gap, double fallback, String path, List<String> errors) {
        if (gap == null) {
            return fallback;
        }
        if (!(gap >= 0 && gap < 1)) {
            errors.add(path + " must be in [0, 1), is " + Scenarios.number(gap));
            return fallback;
        }
        return gap;
    }
}
