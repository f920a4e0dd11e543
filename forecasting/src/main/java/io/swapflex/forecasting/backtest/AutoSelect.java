package io.swapflex.forecasting.backtest;

import io.swapflex.datasets.series.TimeSeries;
import io.swapflex.forecasting.Forecast;
import io.swapflex.forecasting.ForecastRequest;
import io.swapflex.forecasting.Forecaster;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Automatic method choice by backtest: every candidate forecasts from the {@code days} daily origins before the
 * issue time (same time of day, same horizon, data cut as at each origin), and the one with the lowest MAE on values
 * already known at the issue time wins. A candidate that fails (too little history) is skipped.
 */
public final class AutoSelect {

    private AutoSelect() {
    }

    /** @return the chosen forecaster and the validation MAE of every candidate that ran */
    public static Choice choose(List<Forecaster> candidates, SeriesSpec spec, Instant issue, Duration horizon, int days) {
        Instant known = spec.availability().cutoff(issue);
        Map<String, Double> scores = new LinkedHashMap<>();
        Forecaster best = null;
        double bestMae = Double.POSITIVE_INFINITY;
        for (Forecaster f : candidates) {
            double sum = 0;
            int n = 0;
            try {
                for (int k = 1; k <= days; k++) {
                    Instant origin = issue.minus(Duration.ofDays(k));
                    ForecastRequest r = requestAt(spec, origin, horizon);
                    Forecast fc = f.forecast(r);
                    Instant originCutoff = spec.availability().cutoff(origin);
                    for (int i = 0; i < fc.size(); i++) {
                        Instant t = fc.timeAt(i);
                        double y = t.isBefore(known) ? spec.target().valueAt(t) : Double.NaN;
                        if (!t.isBefore(originCutoff) && !Double.isNaN(y) && !Double.isNaN(fc.values()[i])) {
                            sum += Math.abs(y - fc.values()[i]);
                            n++;
                        }
                    }
                }
            } catch (IllegalArgumentException e) {
                continue;
            }
            double mae = n == 0 ? Double.POSITIVE_INFINITY : sum / n;
            scores.put(f.name(), mae);
            if (mae < bestMae) {
                bestMae = mae;
                best = f;
            }
        }
        if (best == null) {
            throw new IllegalArgumentException("no candidate method could run with the history before " + issue);
        }
        return new Choice(best, scores);
    }

    /** A request issued at {@code issue} for {@code horizon}, with the spec's publication rules applied. */
    public static ForecastRequest requestAt(SeriesSpec spec, Instant issue, Duration horizon) {
        TimeSeries full = spec.target();
        Instant cutoff = spec.availability().cutoff(issue);
        Instant end = issue.plus(horizon);
        Map<String, TimeSeries> cov = new LinkedHashMap<>();
        spec.covariates().forEach((k, v) -> cov.put(k, v.before(cutoff)));
        Map<String, TimeSeries> exo = new LinkedHashMap<>();
        spec.exogenous().forEach((k, v) -> exo.put(k, v.before(end)));
        int steps = (int) (horizon.toMillis() / full.step().toMillis());
        return new ForecastRequest(full.before(cutoff), cov, exo, issue, steps, spec.calendar());
    }

    public record Choice(Forecaster forecaster, Map<String, Double> validationMae) {
    }
}
