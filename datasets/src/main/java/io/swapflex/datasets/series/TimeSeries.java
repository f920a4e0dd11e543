package io.swapflex.datasets.series;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * A regular time series: value {@code i} belongs to the interval {@code [start + i*step, start + (i+1)*step)}.
 * Gaps are {@code NaN}; nothing is ever interpolated by a loader.
 *
 * @param name   column name, e.g. {@code DE_actual_mw}
 * @param unit   unit of every value, e.g. {@code MW}, {@code EUR/MWh}, {@code count}
 * @param start  start of the first interval (UTC instant)
 * @param step   interval length, positive
 * @param values one value per interval, {@code NaN} for a gap
 */
public record TimeSeries(String name, String unit, Instant start, Duration step, double[] values) {

    public TimeSeries {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(values, "values");
        if (step.isZero() || step.isNegative()) {
            throw new IllegalArgumentException("step must be positive, got " + step);
        }
    }

    public int size() {
        return values.length;
    }

    public Instant timeAt(int index) {
        return start.plus(step.multipliedBy(index));
    }

    /** End of the last interval (exclusive). */
    public Instant end() {
        return timeAt(values.length);
    }

    /**
     * Index of the interval starting at {@code t}; may be negative or ≥ size when {@code t} is outside.
     *
     * @throws IllegalArgumentException if {@code t} is not on the step grid
     */
    public int indexOf(Instant t) {
        long offsetMillis = Duration.between(start, t).toMillis();
        long stepMillis = step.toMillis();
        if (Math.floorMod(offsetMillis, stepMillis) != 0) {
            throw new IllegalArgumentException(t + " is not on the " + step + " grid of " + name + " starting " + start);
        }
        return Math.toIntExact(Math.floorDiv(offsetMillis, stepMillis));
    }

    /** Value at the interval starting at {@code t}, or NaN outside the series. */
    public double valueAt(Instant t) {
        int i = indexOf(t);
        return i >= 0 && i < values.length ? values[i] : Double.NaN;
    }

    public double get(int index) {
        return index >= 0 && index < values.length ? values[index] : Double.NaN;
    }

    /** Intervals starting in {@code [from, to)}; instants outside the series give NaN entries. */
    public TimeSeries slice(Instant from, Instant to) {
        int a = indexOf(from);
        int b = indexOf(to);
        if (b < a) {
            throw new IllegalArgumentException("slice end " + to + " before start " + from);
        }
        double[] out = new double[b - a];
        for (int i = a; i < b; i++) {
            out[i - a] = get(i);
        }
        return new TimeSeries(name, unit, from, step, out);
    }

    /** The series cut so that it holds only intervals starting before {@code cutoff}. */
    public TimeSeries before(Instant cutoff) {
        long offsetMillis = Duration.between(start, cutoff).toMillis();
        int n = (int) Math.max(0, Math.min(values.length, Math.floorDiv(offsetMillis + step.toMillis() - 1, step.toMillis())));
        return new TimeSeries(name, unit, start, step, Arrays.copyOf(values, n));
    }

    public int countMissing() {
        int n = 0;
        for (double v : values) {
            if (Double.isNaN(v)) {
                n++;
            }
        }
        return n;
    }

    public TimeSeries withValues(double[] newValues) {
        return new TimeSeries(name, unit, start, step, newValues);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TimeSeries t && name.equals(t.name) && unit.equals(t.unit) && start.equals(t.start)
                && step.equals(t.step) && Arrays.equals(values, t.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, unit, start, step, Arrays.hashCode(values));
    }

    @Override
    public String toString() {
        return "TimeSeries[" + name + " " + unit + ", " + start + " step " + step + ", " + values.length + " values, "
                + countMissing() + " missing]";
    }
}
