package io.swapflex.forecasting;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A forecast on a regular grid: step {@code i} covers {@code [start + i*step, start + (i+1)*step)}.
 *
 * @param start     start of the first step (UTC)
 * @param step      resolution
 * @param values    the median (P50) per step
 * @param quantiles quantile level (0–1, exclusive) → value per step; always holds 0.1, 0.5 and 0.9, non-decreasing in
 *                  the level at every step
 * @param unit      unit of the values, as the forecast series'
 * @param counts    predictive distribution per step when the forecast is of counts (for randomized-PIT checks),
 *                  else {@code null}
 */
public record Forecast(Instant start, Duration step, double[] values, SortedMap<Double, double[]> quantiles, String unit,
        CountDistribution counts) {

    public static final double[] STANDARD_LEVELS = {0.1, 0.5, 0.9};

    public Forecast {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(unit, "unit");
        for (double level : STANDARD_LEVELS) {
            if (!quantiles.containsKey(level)) {
                throw new IllegalArgumentException("forecast lacks quantile " + level);
            }
        }
        for (Map.Entry<Double, double[]> e : quantiles.entrySet()) {
            if (e.getKey() <= 0 || e.getKey() >= 1 || e.getValue().length != values.length) {
                throw new IllegalArgumentException("bad quantile entry " + e.getKey());
            }
        }
        quantiles = Collections.unmodifiableSortedMap(new TreeMap<>(quantiles));
    }

    public Forecast(Instant start, Duration step, double[] values, SortedMap<Double, double[]> quantiles, String unit) {
        this(start, step, values, quantiles, unit, null);
    }

    public int size() {
        return values.length;
    }

    public Instant timeAt(int i) {
        return start.plus(step.multipliedBy(i));
    }

    public double[] quantile(double level) {
        double[] q = quantiles.get(level);
        if (q == null) {
            throw new IllegalArgumentException("no quantile " + level + "; have " + quantiles.keySet());
        }
        return q;
    }

    /** Predictive CDF per step for count forecasts, used by the randomized PIT. */
    public interface CountDistribution {
        /** P(Y ≤ y) at step {@code i}, for integer {@code y} (negative y gives 0). */
        double cdf(int i, int y);
    }
}
