package io.swapflex.forecasting.backtest;

import io.swapflex.forecasting.Forecaster;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Calibrated P10–P90 intervals by online conformalized quantile regression (Romano, Patterson and Candès 2019) with
 * a rolling calibration window and an adaptive level (Gibbs and Candès 2021), for errors that are not exchangeable:
 * the forecaster's own intervals are widened (or narrowed) by the conformal quantile of the scores its <em>issued</em>
 * forecasts earned on the last {@code calibrationDays} days whose actuals are all known at the issue time.
 *
 * <pre>
 *   score of a past step s = max(P10_s − y_s, y_s − P90_s)            (≤ 0 inside the interval)
 *   Q_d = the ⌈(n + 1) · ℓ_d⌉-th smallest of the n scores of days d−1−K … d−2 at the local hours h ± 2
 *   interval of day d at hour h: [P10 − Q_d, P90 + Q_d]
 *   ℓ_d = clamp(ℓ_{d−1} + γ · (miss share of day d−2's calibrated interval − 0.2), 0.5, 0.99),  ℓ = 0.8 at first
 * </pre>
 * Day d's forecast is issued on d−1 (12:00 local in the benchmark): day d−1 is not complete then, so the newest day
 * calibrated on is d−2. The point forecast (P50) is the forecaster's, unchanged. Why the forecaster's own past
 * errors: the ridge's residuals on its training rows (leave-one-out, or split on older rows) cover 62–72 % on the
 * shipped autumn of load, where errors grow with the heating season and the holidays; a window of its recent
 * errors follows them, and the adaptive level corrects what the window alone still misses (74–77 % with γ = 0).
 */
public final class OnlineConformal {

    /** Calibration days of the load benchmark (K). */
    public static final int DEFAULT_DAYS = 7;

    private static final double COVERAGE = 0.8;

    /** Step γ of the adaptive level per day (0: a fixed 80 % level). */
    public static final double GAMMA = 0.05;

    private OnlineConformal() {
    }

    /**
     * Backtests {@code forecaster} on {@code [from, to]} with conformal intervals; its forecasts start
     * {@code calibrationDays + 1} days earlier (issued as in {@link RollingOrigin}, never scored) to fill the window.
     * The result is named {@code forecaster + " (conformal)"}.
     */
    public static BacktestResult run(Forecaster forecaster, SeriesSpec spec, LocalDate from, LocalDate to,
            int calibrationDays) {
        return run(forecaster, spec, from, to, calibrationDays, GAMMA);
    }

    public static BacktestResult run(Forecaster forecaster, SeriesSpec spec, LocalDate from, LocalDate to,
            int calibrationDays, double gamma) {
        if (calibrationDays < 1) {
            throw new IllegalArgumentException("calibrationDays must be ≥ 1, got " + calibrationDays);
        }
        List<BacktestResult> days = new ArrayList<>();
        for (LocalDate d = from.minusDays(calibrationDays + 1L); !d.isAfter(to); d = d.plusDays(1)) {
            days.add(RollingOrigin.run(forecaster, spec, d, d));
        }
        List<BacktestResult> scored = new ArrayList<>();
        double ms = 0;
        double level = COVERAGE;
        for (int d = calibrationDays + 1; d < days.size(); d++) {
            if (scored.size() >= 2) {
                // adaptive conformal: day d−2's misses (known now) move the level towards 80 % coverage
                BacktestResult known = scored.get(scored.size() - 2);
                level = Math.max(0.5, Math.min(0.99, level + gamma * (missRate(known) - (1 - COVERAGE))));
            }
            scored.add(calibrate(days.get(d), days.subList(d - 1 - calibrationDays, d - 1), level));
            ms += days.get(d).msPerForecast();
        }
        return concat(forecaster.name() + " (conformal)", scored, ms / Math.max(1, scored.size()));
    }

    /** One day's forecast with its interval calibrated on the scores of {@code window} (earlier days, any order). */
    static BacktestResult calibrate(BacktestResult day, List<BacktestResult> window, double level) {
        int n = day.actual().length;
        double[] p10 = new double[n];
        double[] p90 = new double[n];
        for (int h = 0; h < n; h++) {
            List<Double> scores = new ArrayList<>();
            for (BacktestResult w : window) {
                for (int j = Math.max(0, h - 2); j <= Math.min(w.actual().length - 1, h + 2); j++) {
                    double y = w.actual()[j];
                    if (!Double.isNaN(y)) {
                        scores.add(Math.max(w.p10()[j] - y, y - w.p90()[j]));
                    }
                }
            }
            double q = conformalQuantile(scores.stream().mapToDouble(Double::doubleValue).toArray(), level);
            p10[h] = Math.min(day.p10()[h] - q, day.p50()[h]);
            p90[h] = Math.max(day.p90()[h] + q, day.p50()[h]);
        }
        return new BacktestResult(day.method(), day.actual(), p10, day.p50(), p90, day.pit(), day.msPerForecast());
    }

    /** The ⌈(n + 1) · 0.8⌉-th smallest score (the largest when that exceeds n); 0 without scores. */
    static double conformalQuantile(double[] scores, double level) {
        if (scores.length == 0) {
            return 0;
        }
        double[] s = scores.clone();
        Arrays.sort(s);
        int k = (int) Math.ceil((s.length + 1) * level);
        return s[Math.min(k, s.length) - 1];
    }

    /** The share of a day's known actuals outside its interval. */
    static double missRate(BacktestResult day) {
        int n = 0;
        int out = 0;
        for (int i = 0; i < day.actual().length; i++) {
            double y = day.actual()[i];
            if (!Double.isNaN(y)) {
                n++;
                out += y < day.p10()[i] || y > day.p90()[i] ? 1 : 0;
            }
        }
        return n == 0 ? 1 - COVERAGE : (double) out / n;
    }

    private static BacktestResult concat(String name, List<BacktestResult> parts, double ms) {
        int n = parts.stream().mapToInt(p -> p.actual().length).sum();
        double[] y = new double[n];
        double[] p10 = new double[n];
        double[] p50 = new double[n];
        double[] p90 = new double[n];
        double[] pit = new double[n];
        int at = 0;
        for (BacktestResult p : parts) {
            int m = p.actual().length;
            System.arraycopy(p.actual(), 0, y, at, m);
            System.arraycopy(p.p10(), 0, p10, at, m);
            System.arraycopy(p.p50(), 0, p50, at, m);
            System.arraycopy(p.p90(), 0, p90, at, m);
            System.arraycopy(p.pit(), 0, pit, at, m);
            at += m;
        }
        return new BacktestResult(name, y, p10, p50, p90, pit, ms);
    }
}
