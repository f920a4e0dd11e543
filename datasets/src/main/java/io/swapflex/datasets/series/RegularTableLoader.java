package io.swapflex.datasets.series;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a wide CSV whose first column is an ISO 8601 timestamp with an offset ({@code Z} or {@code +10:00}) and whose
 * other columns are numbers, into a {@link SeriesFrame} on a regular grid.
 *
 * <p>The step is the smallest gap between consecutive timestamps. Missing rows and empty cells become NaN (never
 * filled); timestamps off the grid, duplicated or out of order are rejected, because silently re-gridding would hide a
 * time-zone fault in the file.
 */
public final class RegularTableLoader {

    private RegularTableLoader() {
    }

    public static SeriesFrame load(String dataset, String resource) {
        return parse(dataset, resource, Csv.readResource(resource));
    }

    static SeriesFrame parse(String dataset, String where, List<String[]> rows) {
        if (rows.size() < 3) {
            throw new IllegalArgumentException(where + ": need a header and at least two rows");
        }
        String[] header = rows.get(0);
        Instant[] times = new Instant[rows.size() - 1];
        for (int r = 1; r < rows.size(); r++) {
            times[r - 1] = OffsetDateTime.parse(rows.get(r)[0].trim()).toInstant();
        }
        Duration step = null;
        for (int i = 1; i < times.length; i++) {
            Duration d = Duration.between(times[i - 1], times[i]);
            if (!d.isNegative() && !d.isZero() && (step == null || d.compareTo(step) < 0)) {
                step = d;
            }
        }
        if (step == null) {
            throw new IllegalArgumentException(where + ": timestamps do not increase");
        }
        Instant start = times[0];
        Instant last = times[times.length - 1];
        int n = Math.toIntExact(Duration.between(start, last).toMillis() / step.toMillis()) + 1;
        Map<String, double[]> data = new LinkedHashMap<>();
        for (int c = 1; c < header.length; c++) {
            double[] v = new double[n];
            Arrays.fill(v, Double.NaN);
            data.put(header[c].trim(), v);
        }
        int previous = -1;
        for (int r = 1; r < rows.size(); r++) {
            long offset = Duration.between(start, times[r - 1]).toMillis();
            if (offset % step.toMillis() != 0) {
                throw new IllegalArgumentException(where + " row " + (r + 1) + ": " + times[r - 1] + " is off the " + step + " grid");
            }
            int index = (int) (offset / step.toMillis());
            if (index <= previous) {
                throw new IllegalArgumentException(where + " row " + (r + 1) + ": duplicated or out-of-order timestamp " + times[r - 1]);
            }
            previous = index;
            String[] row = rows.get(r);
            for (int c = 1; c < header.length; c++) {
                String cell = c < row.length ? row[c] : "";
                data.get(header[c].trim())[index] = Csv.parseValue(cell, where + " row " + (r + 1) + " col " + header[c]);
            }
        }
        Map<String, TimeSeries> columns = new LinkedHashMap<>();
        for (Map.Entry<String, double[]> e : data.entrySet()) {
            columns.put(e.getKey(), new TimeSeries(e.getKey(), unitOf(e.getKey()), start, step, e.getValue()));
        }
        return new SeriesFrame(dataset, columns);
    }

    /** Unit from the column-name suffix used across the shipped files. */
    static String unitOf(String column) {
        if (column.endsWith("_eur_mwh")) {
            return "EUR/MWh";
        } else if (column.endsWith("_mw")) {
            return "MW";
        } else if (column.endsWith("_c")) {
            return "°C";
        } else if (column.endsWith("_kwh")) {
            return "kWh";
        }
        return "1";
    }
}
