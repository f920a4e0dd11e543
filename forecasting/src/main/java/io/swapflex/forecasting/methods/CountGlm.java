package io.swapflex.forecasting.methods;

import io.swapflex.datasets.series.TimeSeries;
import io.swapflex.forecasting.Forecast;
import io.swapflex.forecasting.ForecastRequest;
import io.swapflex.forecasting.Forecaster;
import io.swapflex.forecasting.SeriesCalendar;
import io.swapflex.forecasting.math.NegativeBinomial;
import io.swapflex.forecasting.math.PoissonRegression;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Count model for arrivals: a log-linear Poisson regression on the local slot of day crossed with the day type
 * (working day, Saturday, Sunday or holiday), working-weekday dummies, a holiday weight and a linear trend (session
 * volume grows), fitted by IRLS on the last {@code windowDays} days. Quantiles and the predictive CDF come from the
 * count distribution: a negative binomial with the Pearson-estimated dispersion (Poisson when there is no
 * overdispersion).
 */
public final class CountGlm implements Forecaster {

    private final int windowDays;

    public CountGlm(int windowDays) {
        if (windowDays < 28) {
            throw new IllegalArgumentException("windowDays must be ≥ 28, got " + windowDays);
        }
        this.windowDays = windowDays;
    }

    @Override
    public String name() {
        return "glm-negbin";
    }

    @Override
    public Forecast forecast(ForecastRequest r) {
        TimeSeries history = r.history();
        int perDay = r.stepsPerDay();
        int cutoff = history.size();
        int from = Math.max(0, cutoff - windowDays * perDay);
        if (cutoff - from < 28 * perDay) {
            throw new IllegalArgumentException(name() + " needs at least 28 days of history");
        }
        SeriesCalendar cal = r.calendar();
        List<double[]> rows = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (int t = from; t < cutoff; t++) {
            double y = history.get(t);
            if (!Double.isNaN(y)) {
                rows.add(row(history, cal, t, cutoff, perDay));
                ys.add(y);
            }
        }
        PoissonRegression.Fit fit = PoissonRegression.fit(rows.toArray(double[][]::new),
                ys.stream().mapToDouble(Double::doubleValue).toArray(), null);
        int first = r.startIndex();
        int steps = r.steps();
        NegativeBinomial[] dist = new NegativeBinomial[steps];
        double[] q10 = new double[steps];
        double[] q50 = new double[steps];
        double[] q90 = new double[steps];
        for (int i = 0; i < steps; i++) {
            int t = first + i;
            double known = t < cutoff ? history.get(t) : Double.NaN;
            // An already-known count is a point mass: its distribution has zero dispersion and zero-width quantiles.
            dist[i] = Double.isNaN(known) ? new NegativeBinomial(fit.mean(row(history, cal, t, cutoff, perDay)), fit.dispersion())
                    : null;
            q10[i] = dist[i] == null ? known : dist[i].quantile(0.1);
            q50[i] = dist[i] == null ? known : dist[i].quantile(0.5);
            q90[i] = dist[i] == null ? known : dist[i].quantile(0.9);
        }
        SortedMap<Double, double[]> q = new TreeMap<>();
        q.put(0.1, q10);
        q.put(0.5, q50);
        q.put(0.9, q90);
        Forecast.CountDistribution cdf = (i, y) -> dist[i] == null ? (y >= q50[i] ? 1 : 0) : dist[i].cdf(y);
        return new Forecast(r.start(), history.step(), q50.clone(), q, history.unit(), cdf);
    }

    /** Regressors of step t: intercept, slot × day type one-hot, weekday dummies, holiday weight, trend in years. */
    static double[] row(TimeSeries grid, SeriesCalendar cal, int t, int cutoff, int perDay) {
        var time = grid.timeAt(t);
        int slot = cal.slotOfDay(time, grid.step());
        int wd = cal.weekday(time);
        double hol = cal.holiday(time);
        int dayType = hol >= 1 || wd == 6 ? 2 : wd == 5 ? 1 : 0;
        double[] x = new double[1 + 3 * perDay - 1 + 4 + 2];
        x[0] = 1;
        int cell = dayType * perDay + slot;
        if (cell > 0) {
            x[cell] = 1; // cell 0 (working day, first slot) is the reference level
        }
        int base = 3 * perDay;
        if (dayType == 0 && wd >= 1 && wd <= 4) {
            x[base + wd - 1] = 1;
        }
        x[base + 4] = hol;
        x[base + 5] = (t - cutoff) / (365.0 * perDay);
        return x;
    }
}
