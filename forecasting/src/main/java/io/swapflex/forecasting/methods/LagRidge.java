package io.swapflex.forecasting.methods;

import io.swapflex.datasets.series.TimeSeries;
import io.swapflex.forecasting.Forecast;
import io.swapflex.forecasting.ForecastRequest;
import io.swapflex.forecasting.Forecaster;
import io.swapflex.forecasting.math.Ridge;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One ridge regression per forecast step (so per lead time and local time of day) on calendar features, holidays,
 * lags known at the cutoff and exogenous inputs (see {@link LagFeatures}). Training rows are the same step as seen
 * from each of the previous {@code windowDays} daily origins, so the model learns exactly the information structure
 * it is used with. λ by GCV.
 *
 * <p>Quantiles: empirical 10/50/90 % quantiles of the leave-one-out residuals of the most recent
 * {@link PointForecaster#PAST_ORIGINS} training rows, pooled over neighbouring steps, added to the point forecast (in
 * the asinh space when the model works there, then transformed back, which keeps them quantiles).
 */
public final class LagRidge implements Forecaster {

    private final RidgeSpec spec;

    public LagRidge(RidgeSpec spec) {
        this.spec = spec;
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public Forecast forecast(ForecastRequest r) {
        TimeSeries history = r.history();
        int perDay = r.stepsPerDay();
        int cutoff = history.size();
        int first = r.startIndex();
        int steps = r.steps();
        Scale scale = spec.asinh() ? Scale.robust(history.values(), cutoff, spec.windowDays() * perDay) : Scale.IDENTITY;
        double[] target = scale.forward(history.values());
        List<double[]> cov = new ArrayList<>();
        if (spec.covariates()) {
            for (TimeSeries c : r.covariates().values()) {
                double[] v = Arrays.copyOf(c.values(), cutoff);
                for (int i = c.size(); i < cutoff; i++) {
                    v[i] = Double.NaN;
                }
                Scale s = spec.asinh() ? Scale.robust(v, cutoff, spec.windowDays() * perDay) : Scale.IDENTITY;
                cov.add(s.forward(v));
            }
        }
        List<double[]> exo = new ArrayList<>();
        List<Boolean> isTemp = new ArrayList<>();
        for (String name : spec.exogenous()) {
            TimeSeries e = r.exogenous().get(name);
            if (e == null) {
                throw new IllegalArgumentException(spec.name() + " needs exogenous input '" + name + "', request has "
                        + r.exogenous().keySet());
            }
            exo.add(e.slice(history.start(), history.timeAt(first + steps)).values());
            isTemp.add(name.endsWith("temperature_c"));
        }
        TimeSeries grid = new TimeSeries("grid", "", history.start(), history.step(), new double[first + steps]);
        LagFeatures features = new LagFeatures(target, cov, exo, isTemp, grid, r.calendar(), spec, perDay);

        double[] q10 = new double[steps];
        double[] q50 = new double[steps];
        double[] q90 = new double[steps];
        double[][] residuals = new double[steps][];
        double[] point = new double[steps];
        for (int i = 0; i < steps; i++) {
            int idx = first + i;
            if (idx < cutoff && !Double.isNaN(history.get(idx))) {
                point[i] = Double.NaN; // known already: copied below
                residuals[i] = new double[0];
                continue;
            }
            int lead = idx - cutoff;
            List<double[]> rows = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int k = Math.max(1, Math.floorDiv(lead, perDay) + 1); k <= spec.windowDays(); k++) {
                int ti = idx - k * perDay;
                int ci = cutoff - k * perDay;
                if (ci < 8 * perDay) {
                    break;
                }
                if (ti >= cutoff || Double.isNaN(target[ti])) {
                    continue;
                }
                double[] row = features.row(ti, ci);
                if (hasNaN(row)) {
                    continue;
                }
                rows.add(row);
                ys.add(target[ti]);
            }
            if (rows.size() < 20) {
                throw new IllegalArgumentException(spec.name() + ": only " + rows.size()
                        + " complete training days before " + r.history().end() + "; need at least 20");
            }
            double[][] xs = rows.toArray(double[][]::new);
            double[] y = ys.stream().mapToDouble(Double::doubleValue).toArray();
            Ridge.Fit fit = switch (spec.estimator()) {
                case RIDGE -> Ridge.fitGcv(xs, y);
                case HUBER_RIDGE -> huberFit(xs, y);
            };
            double[] x = features.row(idx, cutoff);
            fillNaN(x, rows);
            point[i] = fit.predict(x);
            int keep = Math.min(PointForecaster.PAST_ORIGINS, fit.looResiduals().length);
            residuals[i] = Arrays.copyOf(fit.looResiduals(), keep); // rows are newest first
        }
        int pool = Math.max(1, perDay / 12);
        for (int i = 0; i < steps; i++) {
            int idx = first + i;
            if (Double.isNaN(point[i])) {
                q10[i] = q50[i] = q90[i] = history.get(idx);
                continue;
            }
            List<Double> pooled = new ArrayList<>();
            for (int j = Math.max(0, i - pool); j <= Math.min(steps - 1, i + pool); j++) {
                for (double e : residuals[j]) {
                    pooled.add(e);
                }
            }
            double[] e = pooled.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            double mid = point[i] + PointForecaster.quantileSorted(e, 0.5);
            q50[i] = scale.inverse(mid);
            q10[i] = Math.min(scale.inverse(point[i] + PointForecaster.quantileSorted(e, 0.1)), q50[i]);
            q90[i] = Math.max(scale.inverse(point[i] + PointForecaster.quantileSorted(e, 0.9)), q50[i]);
        }
        SortedMap<Double, double[]> q = new TreeMap<>();
        q.put(0.1, q10);
        q.put(0.5, q50);
        q.put(0.9, q90);
        return new Forecast(r.start(), history.step(), q50.clone(), q, history.unit());
    }

    /** Huber's tuning constant, in robust standard deviations of the residuals (95 % efficiency under normal errors). */
    private static final double HUBER_K = 1.345;
    private static final int HUBER_ITERATIONS = 2;

    /**
     * Iteratively reweighted ridge: rows whose residual exceeds k robust standard deviations get weight k·s/|r|, so
     * the loss is quadratic near the fit and linear beyond (Huber's M-estimator); λ is re-chosen by GCV each round.
     */
    static Ridge.Fit huberFit(double[][] x, double[] y) {
        Ridge.Fit fit = Ridge.fitGcv(x, y);
        double[] w = new double[y.length];
        for (int it = 0; it < HUBER_ITERATIONS; it++) {
            double[] r = new double[y.length];
            for (int i = 0; i < y.length; i++) {
                r[i] = y[i] - fit.predict(x[i]);
            }
            double[] abs = Arrays.stream(r).map(Math::abs).sorted().toArray();
            double s = 1.4826 * PointForecaster.quantileSorted(abs, 0.5);
            if (!(s > 0)) {
                return fit;
            }
            for (int i = 0; i < y.length; i++) {
                w[i] = Math.min(1, HUBER_K * s / Math.max(Math.abs(r[i]), 1e-12));
            }
            fit = Ridge.fitGcv(x, y, w);
        }
        return fit;
    }

    private static boolean hasNaN(double[] row) {
        for (double v : row) {
            if (Double.isNaN(v)) {
                return true;
            }
        }
        return false;
    }

    /** A regressor missing at the origin (a gap in the data) takes its training mean. */
    private static void fillNaN(double[] x, List<double[]> rows) {
        for (int j = 0; j < x.length; j++) {
            if (Double.isNaN(x[j])) {
                double s = 0;
                for (double[] row : rows) {
                    s += row[j];
                }
                x[j] = s / rows.size();
            }
        }
    }

    /** Identity, or asinh((y − median)/MAD) as in the epftoolbox LEAR model. */
    record Scale(double median, double mad, boolean asinh) {

        static final Scale IDENTITY = new Scale(0, 1, false);

        static Scale robust(double[] v, int end, int window) {
            double[] w = Arrays.stream(v, Math.max(0, end - window), Math.min(end, v.length))
                    .filter(d -> !Double.isNaN(d)).sorted().toArray();
            if (w.length == 0) {
                return IDENTITY;
            }
            double med = PointForecaster.quantileSorted(w, 0.5);
            double[] dev = Arrays.stream(w).map(d -> Math.abs(d - med)).sorted().toArray();
            double mad = PointForecaster.quantileSorted(dev, 0.5);
            return new Scale(med, Math.max(mad, 1e-6), true);
        }

        double[] forward(double[] v) {
            if (!asinh) {
                return v;
            }
            double[] out = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                double z = (v[i] - median) / mad;
                out[i] = Math.log(z + Math.sqrt(z * z + 1));
            }
            return out;
        }

        double inverse(double v) {
            return asinh ? median + mad * Math.sinh(v) : v;
        }
    }
}
