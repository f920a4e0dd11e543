package io.swapflex.forecasting.backtest;

import io.swapflex.datasets.series.TimeSeries;
import io.swapflex.forecasting.Forecast;
import io.swapflex.forecasting.ForecastRequest;
import io.swapflex.forecasting.Forecaster;
import io.swapflex.forecasting.methods.Ensemble;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * Automatic method choice by rolling-origin backtest over several folds (consecutive blocks of daily origins before
 * the issue time, each origin scored as it would have been issued). One block is noisy: a month without a holiday or
 * a cold spell can favour a model that fails on the next one. So a candidate is scored on every fold, and
 * {@link #chooseByFolds} picks by the geometric mean of its fold MAEs (each fold counts alike, whatever its scale), and
 * keeps a combination of several models only if it beats the best simpler candidate on a majority of the folds.
 */
public final class AutoSelect {

    private AutoSelect() {
    }

    /**
     * Chooses among {@code candidates} at {@code issue}: each forecasts from the {@code folds × foldDays} daily
     * origins before {@code issue} (same time of day, same horizon, data cut as at each origin), scored on the values
     * known at {@code issue}; fold 0 is the oldest block. An {@link Ensemble} whose members are all candidates is
     * scored from their forecasts, without running them again. A candidate that fails (too little history) is skipped.
     *
     * @return the chosen forecaster and every candidate's fold MAEs
     */
    public static Choice choose(List<Forecaster> candidates, SeriesSpec spec, Instant issue, Duration horizon, int folds,
                                int foldDays) {
        Instant known = spec.availability().cutoff(issue);
        int days = folds * foldDays;
        // Per candidate and origin (oldest first): its P50 and the actuals it is scored on. The candidates are
        // independent and stateless, so they run in parallel (the choice does not depend on the order).
        List<Forecaster> singles = candidates.stream()
                .filter(f -> !(f instanceof Ensemble e && candidates.containsAll(e.members()))).toList();
        List<double[][][]> runs = singles.parallelStream().map(f -> backtest(f, spec, issue, horizon, days, known)).toList();
        Map<Forecaster, double[][]> p50 = new LinkedHashMap<>();
        double[][] actual = null;
        for (int j = 0; j < singles.size(); j++) {
            if (runs.get(j) != null) {
                p50.put(singles.get(j), runs.get(j)[0]);
                actual = runs.get(j)[1];
            }
        }
        if (actual == null) {
            throw new IllegalArgumentException("no candidate method could run with the history before " + issue);
        }
        for (Forecaster f : candidates) {
            if (f instanceof Ensemble e && !p50.containsKey(f) && p50.keySet().containsAll(e.members())) {
                double[][] avg = new double[days][];
                for (int d = 0; d < days; d++) {
                    avg[d] = new double[actual[d].length];
                    for (Forecaster m : e.members()) {
                        double[] v = p50.get(m)[d];
                        for (int i = 0; i < v.length; i++) {
                            avg[d][i] += v[i] / e.members().size();
                        }
                    }
                }
                p50.put(f, avg);
            }
        }
        Map<String, double[]> foldMae = new LinkedHashMap<>();
        Map<String, Forecaster> byName = new HashMap<>();
        for (Forecaster f : candidates) {
            double[][] fc = p50.get(f);
            if (fc == null) {
                continue;
            }
            double[] mae = new double[folds];
            for (int k = 0; k < folds; k++) {
                double sum = 0;
                int n = 0;
                for (int d = k * foldDays; d < (k + 1) * foldDays; d++) {
                    for (int i = 0; i < fc[d].length; i++) {
                        if (!Double.isNaN(actual[d][i]) && !Double.isNaN(fc[d][i])) {
                            sum += Math.abs(actual[d][i] - fc[d][i]);
                            n++;
                        }
                    }
                }
                mae[k] = n == 0 ? Double.NaN : sum / n;
            }
            foldMae.put(f.name(), mae);
            byName.put(f.name(), f);
        }
        if (foldMae.isEmpty()) {
            throw new IllegalArgumentException("no candidate method could run with the history before " + issue);
        }
        ToIntFunction<String> size = n -> byName.get(n) instanceof Ensemble e ? e.members().size() : 1;
        FoldChoice c = chooseByFolds(foldMae, size);
        return new Choice(byName.get(c.chosen()), c);
    }

    /**
     * {@code f}'s forecasts from the {@code days} daily origins before {@code issue}, oldest first: {P50 per origin,
     * actuals per origin (NaN where not scored: before the origin's cutoff or not known at {@code issue})}; null when
     * {@code f} cannot run (too little history at the earliest origin).
     */
    private static double[][][] backtest(Forecaster f, SeriesSpec spec, Instant issue, Duration horizon, int days,
                                         Instant known) {
        double[][] p50 = new double[days][];
        double[][] actual = new double[days][];
        try {
            for (int d = 0; d < days; d++) {
                Instant origin = issue.minus(Duration.ofDays(days - d));
                Forecast fc = f.forecast(requestAt(spec, origin, horizon));
                Instant originCutoff = spec.availability().cutoff(origin);
                double[] y = new double[fc.size()];
                for (int i = 0; i < fc.size(); i++) {
                    Instant t = fc.timeAt(i);
                    y[i] = !t.isBefore(originCutoff) && t.isBefore(known) ? spec.target().valueAt(t) : Double.NaN;
                }
                actual[d] = y;
                p50[d] = fc.values().clone();
            }
        } catch (IllegalArgumentException e) {
            return null;
        }
        return new double[][][] {p50, actual};
    }

    /**
     * The choice from fold scores: {@code foldMae.get(m)[k]} is candidate m's MAE on fold k, {@code size} the number
     * of models a candidate combines (1 for a single model or a baseline).
     *
     * <ol>
     *   <li>Score = geometric mean of the fold MAEs (the mean of log MAE), so a fold with larger errors (a winter
     *       month) does not outweigh the others, and the ranking equals that of the mean log ratio to any per-fold
     *       reference. Candidates without a finite MAE on every fold are left out.</li>
     *   <li>The best score wins, unless it combines more models than another candidate: then it must beat the best
     *       candidate with fewer models on a strict majority of the folds, otherwise that one is taken instead (and
     *       checked the same way).</li>
     * </ol>
     * With a single fold this is the plain lowest MAE.
     */
    public static FoldChoice chooseByFolds(Map<String, double[]> foldMae, ToIntFunction<String> size) {
        Map<String, Double> score = new LinkedHashMap<>();
        for (Map.Entry<String, double[]> e : foldMae.entrySet()) {
            double g = score(e.getValue());
            if (Double.isFinite(g)) {
                score.put(e.getKey(), g);
            }
        }
        if (score.isEmpty()) {
            throw new IllegalArgumentException("no candidate has a finite MAE on every fold");
        }
        String chosen = best(score, n -> true);
        List<String> passedOver = new ArrayList<>();
        while (true) {
            int k = size.applyAsInt(chosen);
            String simpler = best(score, n -> size.applyAsInt(n) < k);
            if (simpler == null) {
                break;
            }
            double[] a = foldMae.get(chosen);
            double[] b = foldMae.get(simpler);
            int wins = 0;
            for (int f = 0; f < a.length; f++) {
                wins += a[f] < b[f] ? 1 : 0;
            }
            if (2 * wins > a.length) {
                break;
            }
            passedOver.add(chosen);
            chosen = simpler;
        }
        return new FoldChoice(chosen, foldMae, score, passedOver);
    }

    /** The geometric mean of the fold MAEs; +∞ when a fold has no finite positive MAE (or there are no folds). */
    public static double score(double[] foldMae) {
        double logSum = 0;
        for (double m : foldMae) {
            if (!(Double.isFinite(m) && m > 0)) {
                return Double.POSITIVE_INFINITY;
            }
            logSum += Math.log(m);
        }
        return foldMae.length == 0 ? Double.POSITIVE_INFINITY : Math.exp(logSum / foldMae.length);
    }

    private static String best(Map<String, Double> score, java.util.function.Predicate<String> allowed) {
        String best = null;
        for (Map.Entry<String, Double> e : score.entrySet()) {
            if (allowed.test(e.getKey()) && (best == null || e.getValue() < score.get(best))) {
                best = e.getKey();
            }
        }
        return best;
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

    public record Choice(Forecaster forecaster, FoldChoice folds) {
    }

    /**
     * @param chosen     the candidate chosen
     * @param foldMae    every candidate's MAE per fold, oldest fold first
     * @param score      geometric mean of the fold MAEs, for the candidates with a finite MAE on every fold
     * @param passedOver combinations with a better score that did not beat a simpler candidate on most folds
     */
    public record FoldChoice(String chosen, Map<String, double[]> foldMae, Map<String, Double> score,
            List<String> passedOver) {

        /** {@code name: fold MAEs (score)} for the {@code top} best-scored candidates, for logs. */
        public String summary(int top) {
            return score.entrySet().stream().sorted(Map.Entry.comparingByValue()).limit(top)
                    .map(e -> String.format(java.util.Locale.ROOT, "%s %s (%.4g)", e.getKey(),
                            Arrays.stream(foldMae.get(e.getKey())).mapToObj(v -> String.format(java.util.Locale.ROOT, "%.4g", v)).toList(),
                            e.getValue()))
                    .reduce((x, y) -> x + "; " + y).orElse("");
        }
    }
}
