package io.swapflex.forecasting.backtest;

import io.swapflex.datasets.series.TimeSeries;
import io.swapflex.forecasting.Forecast;
import io.swapflex.forecasting.ForecastRequest;
import io.swapflex.forecasting.Forecaster;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Rolling-origin backtest: for every local target day D in a period, a forecast is issued at the spec's issue time on
 * D−1 from the data published by then (the target and covariates cut at {@link Availability#cutoff}, exogenous inputs
 * cut at the end of the horizon), covering from the issue time to the end of D; the steps of D are scored.
 */
public final class RollingOrigin {

    private RollingOrigin() {
    }

    /** The request a forecaster gets for target day {@code day}; the single place where data are cut. */
    public static ForecastRequest request(SeriesSpec spec, LocalDate day) {
        TimeSeries full = spec.target();
        Duration step = full.step();
        Instant issue = day.minusDays(1).atTime(spec.issueTime()).atZone(spec.calendar().zone()).toInstant();
        Instant start = ceil(issue, full.start(), step);
        Instant end = day.plusDays(1).atStartOfDay(spec.calendar().zone()).toInstant();
        Instant cutoff = spec.availability().cutoff(issue);
        Map<String, TimeSeries> cov = new LinkedHashMap<>();
        spec.covariates().forEach((k, v) -> cov.put(k, v.before(cutoff)));
        Map<String, TimeSeries> exo = new LinkedHashMap<>();
        spec.exogenous().forEach((k, v) -> exo.put(k, v.before(end)));
        int steps = (int) (Duration.between(start, end).toMillis() / step.toMillis());
        return new ForecastRequest(full.before(cutoff), cov, exo, start, steps, spec.calendar());
    }

    private static Instant ceil(Instant t, Instant origin, Duration step) {
        long off = Duration.between(origin, t).toMillis();
        long s = step.toMillis();
        return origin.plusMillis(Math.floorDiv(off + s - 1, s) * s);
    }

    /** Runs {@code forecaster} for every day in {@code [from, to]} and collects the scored steps. */
    public static BacktestResult run(Forecaster forecaster, SeriesSpec spec, LocalDate from, LocalDate to) {
        List<Double> actual = new ArrayList<>();
        List<double[]> q = new ArrayList<>();
        List<Double> pit = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(20_190_101L); // randomized PIT: seeded, so reruns agree
        long nanos = 0;
        int issued = 0;
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            ForecastRequest r = request(spec, day);
            long t0 = System.nanoTime();
            Forecast f = forecaster.forecast(r);
            nanos += System.nanoTime() - t0;
            issued++;
            Instant dayStart = day.atStartOfDay(spec.calendar().zone()).toInstant();
            for (int i = 0; i < f.size(); i++) {
                Instant t = f.timeAt(i);
                if (t.isBefore(dayStart)) {
                    continue;
                }
                double y = spec.target().valueAt(t);
                actual.add(y);
                q.add(new double[] {f.quantile(0.1)[i], f.values()[i], f.quantile(0.9)[i]});
                pit.add(f.counts() != null && !Double.isNaN(y) ? randomizedPit(f.counts(), i, (int) y, random) : Double.NaN);
            }
        }
        int n = actual.size();
        double[] y = new double[n];
        double[] p10 = new double[n];
        double[] p50 = new double[n];
        double[] p90 = new double[n];
        double[] pits = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = actual.get(i);
            p10[i] = q.get(i)[0];
            p50[i] = q.get(i)[1];
            p90[i] = q.get(i)[2];
            pits[i] = pit.get(i);
        }
        return new BacktestResult(forecaster.name(), y, p10, p50, p90, pits, nanos / 1e6 / Math.max(1, issued));
    }

    /** u = F(y−1) + V·(F(y) − F(y−1)), V uniform: uniform on [0, 1] when F is the true distribution (Czado et al. 2009). */
    static double randomizedPit(Forecast.CountDistribution cdf, int i, int y, SplittableRandom random) {
        double lo = cdf.cdf(i, y - 1);
        double hi = cdf.cdf(i, y);
        return lo + random.nextDouble() * (hi - lo);
    }
}
