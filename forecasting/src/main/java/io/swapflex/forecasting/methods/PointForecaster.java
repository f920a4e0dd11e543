package io.swapflex.forecasting.methods;

import io.swapflex.forecasting.Forecast;
import io.swapflex.forecasting.ForecastRequest;
import io.swapflex.forecasting.Forecaster;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A forecaster whose quantiles come from its own past errors ("empirical residual quantiles"): the fitted model is
 * re-run from the {@link #PAST_ORIGINS} previous daily origins (same time of day, same leads) inside the history, and
 * for each lead the 10 % and 90 % quantiles of actual − forecast, pooled over neighbouring leads, are added to the
 * point forecast. The re-runs reuse the model fitted at the current origin, so they are in-sample for model
 * parameters but out-of-sample for the data they forecast from.
 */
public abstract class PointForecaster implements Forecaster {

    static final int PAST_ORIGINS = 56;

    /** A fitted model that forecasts from any cutoff inside the history. */
    protected interface PointModel {
        /**
         * Point forecast for indices {@code first … first+steps−1} using history values before index {@code cutoff}
         * only.
         */
        double[] predict(int cutoff, int first, int steps);
    }

    private final boolean medianFromResiduals;

    /** @param medianFromResiduals whether P50 is shifted by the median past error (baselines keep their raw rule) */
    protected PointForecaster(boolean medianFromResiduals) {
        this.medianFromResiduals = medianFromResiduals;
    }

    /** Fits the model; {@code pastCutoffs} lists the cutoffs {@link PointModel#predict} will be called with. */
    protected abstract PointModel fit(ForecastRequest request, int[] pastCutoffs);

    @Override
    public Forecast forecast(ForecastRequest r) {
        double[] hist = r.history().values();
        int cutoff = hist.length;
        int first = r.startIndex();
        int steps = r.steps();
        int perDay = r.stepsPerDay();
        int[] pastCutoffs = new int[PAST_ORIGINS + 1];
        pastCutoffs[0] = cutoff;
        for (int k = 1; k <= PAST_ORIGINS; k++) {
            pastCutoffs[k] = cutoff - k * perDay;
        }
        PointModel model = fit(r, pastCutoffs);
        double[] point = model.predict(cutoff, first, steps);
        List<List<Double>> errorsByLead = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            errorsByLead.add(new ArrayList<>());
        }
        for (int k = 1; k <= PAST_ORIGINS; k++) {
            int c = cutoff - k * perDay;
            int f = first - k * perDay;
            if (c < 2 * 7 * perDay) {
                break;
            }
            double[] past = model.predict(c, f, steps);
            for (int i = 0; i < steps; i++) {
                int idx = f + i;
                if (idx >= c && idx < cutoff && !Double.isNaN(hist[idx]) && !Double.isNaN(past[i])) {
                    errorsByLead.get(i).add(hist[idx] - past[i]);
                }
            }
        }
        return assemble(r, point, errorsByLead, cutoff, first, medianFromResiduals);
    }

    /** Builds quantiles from per-lead errors pooled over ±pool leads; steps already known are copied through. */
    static Forecast assemble(ForecastRequest r, double[] point, List<List<Double>> errorsByLead, int cutoff, int first,
            boolean shiftMedian) {
        int steps = point.length;
        int pool = Math.max(1, r.stepsPerDay() / 12);
        double[] q10 = new double[steps];
        double[] q50 = new double[steps];
        double[] q90 = new double[steps];
        double[] hist = r.history().values();
        for (int i = 0; i < steps; i++) {
            int idx = first + i;
            if (idx < cutoff && idx >= 0 && !Double.isNaN(hist[idx])) {
                q10[i] = q50[i] = q90[i] = hist[idx];
                continue;
            }
            List<Double> pooled = new ArrayList<>();
            for (int j = Math.max(0, i - pool); j <= Math.min(steps - 1, i + pool); j++) {
                pooled.addAll(errorsByLead.get(j));
            }
            double[] e = pooled.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            double lo = e.length > 0 ? quantileSorted(e, 0.1) : 0;
            double mid = e.length > 0 && shiftMedian ? quantileSorted(e, 0.5) : 0;
            double hi = e.length > 0 ? quantileSorted(e, 0.9) : 0;
            q50[i] = point[i] + mid;
            q10[i] = Math.min(point[i] + lo, q50[i]);
            q90[i] = Math.max(point[i] + hi, q50[i]);
        }
        SortedMap<Double, double[]> q = new TreeMap<>();
        q.put(0.1, q10);
        q.put(0.5, q50);
        q.put(0.9, q90);
        return new Forecast(r.start(), r.history().step(), q50.clone(), q, r.history().unit());
    }

    /** Quantile of sorted data, linear interpolation between order statistics (type 7). */
    public static double quantileSorted(double[] sorted, double level) {
        if (sorted.length == 1) {
            return sorted[0];
        }
        double h = (sorted.length - 1) * level;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    static double[] sortedCopy(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s;
    }
}
