package io.swapflex.datasets.series;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Several series on one time grid, as read from one dataset file (one column each).
 *
 * @param dataset  dataset folder name, e.g. {@code entsoe-load}
 * @param columns  series by column name, in file order; all share start, step and length
 */
public record SeriesFrame(String dataset, Map<String, TimeSeries> columns) {

    public SeriesFrame {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("a frame needs at least one column");
        }
        TimeSeries first = columns.values().iterator().next();
        for (TimeSeries s : columns.values()) {
            if (!s.start().equals(first.start()) || !s.step().equals(first.step()) || s.size() != first.size()) {
                throw new IllegalArgumentException("column " + s.name() + " is not on the grid of " + first.name());
            }
        }
        columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    }

    /** @throws IllegalArgumentException naming the available columns when {@code column} is unknown */
    public TimeSeries column(String column) {
        TimeSeries s = columns.get(column);
        if (s == null) {
            throw new IllegalArgumentException("dataset " + dataset + " has no column '" + column + "'; columns: "
                    + String.join(", ", columns.keySet()));
        }
        return s;
    }

    public Instant start() {
        return columns.values().iterator().next().start();
    }

    public Instant end() {
        return columns.values().iterator().next().end();
    }

    public Duration step() {
        return columns.values().iterator().next().step();
    }
}
