package io.swapflex.forecasting.methods;

import io.swapflex.datasets.series.TimeSeries;
import io.swapflex.forecasting.SeriesCalendar;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the regressors of {@link LagRidge} for target index {@code idx} given that values before index
 * {@code cutoff} are known. Training rows are built with the same function at earlier cutoffs, so a row never holds
 * a value the forecaster would not have had at that origin.
 */
final class LagFeatures {

    private final double[] target;
    private final List<double[]> covariates;
    private final List<double[]> exogenous;
    private final List<Boolean> exogenousIsTemperature;
    private final TimeSeries grid;
    private final SeriesCalendar calendar;
    private final RidgeSpec spec;
    private final int perDay;
    /** Calendar per index, computed once: time-zone conversions dominate the cost of building rows otherwise. */
    private final int[] weekdayAt;
    private final double[] holidayAt;

    LagFeatures(double[] target, List<double[]> covariates, List<double[]> exogenous, List<Boolean> isTemperature,
            TimeSeries grid, SeriesCalendar calendar, RidgeSpec spec, int perDay) {
        this.target = target;
        this.covariates = covariates;
        this.exogenous = exogenous;
        this.exogenousIsTemperature = isTemperature;
        this.grid = grid;
        this.calendar = calendar;
        this.spec = spec;
        this.perDay = perDay;
        int n = grid.size() + perDay;
        this.weekdayAt = new int[n];
        this.holidayAt = new double[n];
        java.util.Arrays.fill(weekdayAt, -1);
    }

    private void ensureCalendar(int idx) {
        if (weekdayAt[idx] < 0) {
            var t = grid.timeAt(idx);
            weekdayAt[idx] = calendar.weekday(t);
            holidayAt[idx] = calendar.holiday(t);
        }
    }

    private double holiday(int idx) {
        if (idx < 0 || idx >= weekdayAt.length) {
            return calendar.holiday(grid.timeAt(idx));
        }
        ensureCalendar(idx);
        return holidayAt[idx];
    }

    double[] row(int idx, int cutoff) {
        List<Double> f = new ArrayList<>(64);
        f.add(SeasonalNaive.lastKnown(target, cutoff));
        int j1 = lagIndex(idx, perDay, cutoff);
        f.add(at(target, j1));
        f.add(at(target, j1 - perDay));
        int j7 = lagIndex(idx, 7 * perDay, cutoff);
        f.add(at(target, j7));
        double[] stats = dayStats(target, cutoff);
        f.add(stats[0]);
        if (spec.dailyStats()) {
            f.add(stats[1]);
            f.add(stats[2]);
        }
        for (int age : spec.profileDays()) {
            for (int s = cutoff - age * perDay; s < cutoff - (age - 1) * perDay; s++) {
                double v = at(target, s);
                f.add(Double.isNaN(v) ? stats[0] : v);
            }
        }
        for (double[] cov : covariates) {
            for (int age : spec.covariateDays()) {
                f.add(at(cov, j1 - (age - 1) * perDay));
            }
            f.add(dayStats(cov, cutoff)[0]);
        }
        for (int e = 0; e < exogenous.size(); e++) {
            double v = at(exogenous.get(e), idx);
            f.add(v);
            if (exogenousIsTemperature.get(e)) {
                // Heating and cooling demand grow roughly linearly beyond comfort thresholds.
                f.add(Math.max(v - 22, 0));
                f.add(Math.max(14 - v, 0));
            }
        }
        ensureCalendar(idx);
        int wd = weekdayAt[idx];
        for (int d = 0; d < 6; d++) {
            f.add(wd == d ? 1.0 : 0.0);
        }
        if (spec.weekdayLags()) {
            // Monday (0), Saturday (5), Sunday (6): own slopes for the day-back and week-back lags
            for (int d : new int[] {0, 5, 6}) {
                f.add(wd == d ? at(target, j1) : 0.0);
                f.add(wd == d ? at(target, j7) : 0.0);
            }
        }
        f.add(holiday(idx));
        f.add(holiday(idx - perDay));
        f.add(holiday(idx + perDay));
        f.add(holiday(j1));
        f.add(holiday(j7));
        double[] out = new double[f.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = f.get(i);
        }
        return out;
    }

    private static int lagIndex(int idx, int period, int cutoff) {
        int j = idx - period;
        while (j >= cutoff) {
            j -= period;
        }
        return j;
    }

    private static double at(double[] v, int i) {
        return i >= 0 && i < v.length ? v[i] : Double.NaN;
    }

    /** Mean, max, min of the last day before the cutoff, gaps skipped. */
    private double[] dayStats(double[] v, int cutoff) {
        double sum = 0;
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        int n = 0;
        for (int s = Math.max(0, cutoff - perDay); s < Math.min(cutoff, v.length); s++) {
            if (!Double.isNaN(v[s])) {
                sum += v[s];
                max = Math.max(max, v[s]);
                min = Math.min(min, v[s]);
                n++;
            }
        }
        return n == 0 ? new double[] {Double.NaN, Double.NaN, Double.NaN} : new double[] {sum / n, max, min};
    }
}
