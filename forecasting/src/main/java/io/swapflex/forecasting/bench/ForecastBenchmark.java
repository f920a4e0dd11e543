package io.swapflex.forecasting.bench;

import io.swapflex.datasets.series.Datasets;
import io.swapflex.forecasting.Forecaster;
import io.swapflex.forecasting.backtest.AutoSelect;
import io.swapflex.forecasting.backtest.BacktestResult;
import io.swapflex.forecasting.backtest.Metrics;
import io.swapflex.forecasting.backtest.OnlineConformal;
import io.swapflex.forecasting.backtest.RollingOrigin;
import io.swapflex.forecasting.backtest.SeriesSpec;
import io.swapflex.forecasting.data.MethodCatalog;
import io.swapflex.forecasting.data.SeriesCatalog;
import io.swapflex.forecasting.methods.Ensemble;

import java.io.PrintStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code bench forecasting}: day-ahead rolling-origin backtests of every method on the test periods, one
 * table per dataset, with the targets checked underneath. Not a test: it takes minutes.
 *
 * <p>Arguments: {@code [--only load,prices,arrivals,aemo] [--threads N] [--folds M]}: M validation months before
 * each test period, one fold each (default 3).
 */
public final class ForecastBenchmark {

    private static final String[] LOAD_ZONES = {"DE", "ES", "FR", "FI", "DK1"};
    private static final String[] PRICE_ZONES = {"DE", "NL", "FR"};

    /** Validation months before each test period, one fold each. */
    static final int DEFAULT_FOLDS = 3;

    private ForecastBenchmark() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    public static int run(String[] args, PrintStream out) {
        List<String> only = List.of("load", "prices", "arrivals", "aemo");
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        int folds = DEFAULT_FOLDS;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--only") && i + 1 < args.length) {
                only = List.of(args[++i].split(","));
            } else if (args[i].equals("--threads") && i + 1 < args.length) {
                threads = Integer.parseInt(args[++i]);
            } else if (args[i].equals("--folds") && i + 1 < args.length && args[i + 1].matches("[1-9]")) {
                folds = Integer.parseInt(args[++i]);
            } else {
                out.println("usage: bench forecasting [--only load,prices,arrivals,aemo] [--threads N] [--folds 1-9]");
                return 2;
            }
        }
        return runCases(cases(only, folds), threads, out);
    }

    /** Runs the cases named in {@code only} on {@code threads} threads and prints the tables; 0 when done. */
    public static int run(List<String> only, int threads, PrintStream out) {
        return run(only, threads, DEFAULT_FOLDS, out);
    }

    /** As {@link #run(List, int, PrintStream)}, auto choosing on the {@code folds} months before each test period. */
    public static int run(List<String> only, int threads, int folds, PrintStream out) {
        return runCases(cases(only, folds), threads, out);
    }

    private static int runCases(List<BenchCase> cases, int threads, PrintStream out) {
        long t0 = System.currentTimeMillis();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            Map<BenchCase, Map<String, Future<Runs>>> runs = new LinkedHashMap<>();
            for (BenchCase c : cases) {
                Map<String, Future<Runs>> byMethod = new LinkedHashMap<>();
                List<Forecaster> methods = new ArrayList<>(MethodCatalog.all(c.spec()));
                methods.addAll(MethodCatalog.references(c.spec()));
                for (Forecaster m : methods) {
                    byMethod.put(m.name(), pool.submit(() -> new Runs(
                            c.folds().stream().map(f -> RollingOrigin.run(m, c.spec(), f[0], f[1])).toList(),
                            RollingOrigin.run(m, c.spec(), c.testFrom(), c.testTo()))));
                }
                if (c.spec().label().startsWith("load")) {
                    // Calibrated intervals of the history-and-calendar models: scored on the test period only (the
                    // rows are not candidates of the automatic choice; their P50 is the model's own).
                    for (Forecaster m : methods) {
                        if (m.name().startsWith("ridge")) {
                            byMethod.put(m.name() + " (conformal)", pool.submit(() -> {
                                BacktestResult test = OnlineConformal.run(m, c.spec(), c.testFrom(), c.testTo(),
                                        OnlineConformal.DEFAULT_DAYS);
                                return new Runs(List.of(), test);
                            }));
                        }
                    }
                }
                runs.put(c, byMethod);
            }
            String lastTable = "";
            for (BenchCase c : cases) {
                if (!c.table().equals(lastTable)) {
                    out.println();
                    out.println("## " + c.table());
                    lastTable = c.table();
                }
                Map<String, Runs> results = new LinkedHashMap<>();
                for (Map.Entry<String, Future<Runs>> e : runs.get(c).entrySet()) {
                    results.put(e.getKey(), e.getValue().get());
                }
                printCase(c, results, out);
            }
        } catch (Exception e) {
            out.println("benchmark failed: " + e);
            e.printStackTrace(out);
            return 1;
        } finally {
            pool.shutdownNow();
        }
        out.printf(Locale.ROOT, "%nTotal wall time %.1f s on %d threads.%n", (System.currentTimeMillis() - t0) / 1000.0, threads);
        return 0;
    }

    /** The series named in {@code only}, each validated on the {@code folds} calendar months before its test period. */
    static List<BenchCase> cases(List<String> only, int folds) {
        List<BenchCase> cases = new ArrayList<>();
        if (only.contains("load")) {
            for (String z : LOAD_ZONES) {
                cases.add(validatedBefore("ENTSO-E load 2019, test Oct–Dec (issued 12:00 local on D−1, scored on local day D)",
                        SeriesCatalog.spec(Datasets.ENTSOE_LOAD, z + "_actual_mw"),
                        folds, LocalDate.of(2019, 10, 1), LocalDate.of(2019, 12, 31)));
            }
        }
        if (only.contains("prices")) {
            for (String z : PRICE_ZONES) {
                cases.add(validatedBefore("ENTSO-E day-ahead prices, test 2020 (issued 12:00 Brussels on D−1, before the auction)",
                        SeriesCatalog.spec(Datasets.ENTSOE_PRICES, z + "_eur_mwh"),
                        folds, LocalDate.of(2020, 1, 1), LocalDate.of(2020, 12, 31)));
            }
        }
        if (only.contains("arrivals")) {
            cases.add(validatedBefore("Perth & Kinross EV-session arrivals per hour, test Jun–Aug 2019 (issued 12:00 local on D−1)",
                    SeriesCatalog.spec(Datasets.PERTH_KINROSS, "arrivals"),
                    folds, LocalDate.of(2019, 6, 1), LocalDate.of(2019, 8, 31)));
        }
        if (only.contains("aemo")) {
            cases.add(validatedBefore("AEMO Victoria demand, half-hourly, test Oct–Dec 2014 (issued 12:00 NEM time on D−1)",
                    SeriesCatalog.spec(Datasets.AEMO_VIC, "demand_mw"),
                    folds, LocalDate.of(2014, 10, 1), LocalDate.of(2014, 12, 31)));
        }
        return cases;
    }

    private static BenchCase validatedBefore(String table, SeriesSpec spec, int folds, LocalDate testFrom, LocalDate testTo) {
        return new BenchCase(table, spec, testFrom.minusMonths(folds), testFrom.minusDays(1), testFrom, testTo);
    }

    private static void printCase(BenchCase c, Map<String, Runs> results, PrintStream out) {
        SeriesSpec spec = c.spec();
        boolean prices = spec.label().startsWith("prices");
        boolean counts = spec.countData();
        BacktestResult weekly = results.get("snaive-weekly").test();
        BacktestResult epf = prices ? results.get("snaive-epf").test() : null;
        List<String> modelNames = MethodCatalog.models(spec).stream().map(Forecaster::name).toList();

        // Ensembles built by forward selection on validation (Caruana et al. 2004): start from the model best on
        // validation, then add the model whose equal-weight average with those already in scores best; the two- and
        // three-model averages enter auto choice like any other candidate. A model that is weaker alone but errs
        // differently (smoothing beside the ridges) is found this way; ranking the models alone is not.
        List<String> candidates = new ArrayList<>(modelNames);
        Map<String, Integer> size = new LinkedHashMap<>();
        for (List<String> members : forwardSelection(modelNames, results, 3)) {
            if (members.size() < 2) {
                continue;
            }
            String name = "ensemble(" + String.join(" + ", members) + ")";
            List<Runs> parts = members.stream().map(results::get).toList();
            List<BacktestResult> folds = new ArrayList<>();
            for (int k = 0; k < c.folds().size(); k++) {
                int fold = k;
                folds.add(average(name, parts.stream().map(r -> r.folds().get(fold)).toArray(BacktestResult[]::new)));
            }
            results.put(name, new Runs(folds, average(name, parts.stream().map(Runs::test).toArray(BacktestResult[]::new))));
            candidates.add(name);
            size.put(name, members.size());
        }
        MethodCatalog.baselines(spec).forEach(b -> candidates.add(b.name()));
        if (counts) {
            // Swap demand feeds a service-level quantile into the scheduler: only a count distribution gives one.
            candidates.removeIf(n -> Double.isNaN(Metrics.pitCoverage(results.get(n).folds().get(0).pit())));
        }
        Map<String, double[]> foldMae = new LinkedHashMap<>();
        candidates.forEach(n -> foldMae.put(n, foldMae(results.get(n))));
        AutoSelect.FoldChoice choice = AutoSelect.chooseByFolds(foldMae, n -> size.getOrDefault(n, 1));
        String auto = choice.chosen();

        out.println();
        out.printf(Locale.ROOT, "### %s (%s, %d scored steps; auto = %s, chosen on %s – %s, %d monthly folds)%n", spec.label(),
                spec.target().unit(), weekly.actual().length, auto, c.validationFrom(), c.validationTo(), c.folds().size());
        out.println();
        out.println(ResultRow.header(prices, counts));
        Map<String, ResultRow> rows = new LinkedHashMap<>();
        for (Map.Entry<String, Runs> e : results.entrySet()) {
            rows.put(e.getKey(), ResultRow.of(e.getKey(), e.getValue().test(), weekly, epf));
        }
        rows.put("auto", ResultRow.of("auto → " + auto, results.get(auto).test(), weekly, epf));
        if (spec.label().startsWith("load")) {
            // the chosen method's calibrated intervals, as for the single ridges above (scored on the test only)
            rows.put("auto (conformal)", ResultRow.of("auto (conformal) → " + auto,
                    OnlineConformal.run(forecaster(spec, auto), spec, c.testFrom(), c.testTo(), OnlineConformal.DEFAULT_DAYS),
                    weekly, epf));
        }
        rows.values().forEach(r -> out.println(r.format(prices, counts)));
        out.println();
        out.printf(Locale.ROOT, "- auto's validation: MAE per monthly fold (oldest first) and their geometric mean, best four: %s%s%n",
                choice.summary(4), choice.passedOver().isEmpty() ? ""
                        : "; passed over (beat the best simpler candidate on no majority of folds): " + String.join(", ", choice.passedOver()));
        printTargets(spec, rows, auto, out);
    }

    private static void printTargets(SeriesSpec spec, Map<String, ResultRow> rows, String auto, PrintStream out) {
        ResultRow chosen = rows.get("auto");
        if (spec.label().startsWith("load")) {
            ResultRow op = rows.get("operator");
            ResultRow weekly = rows.get("snaive-weekly");
            boolean de = spec.label().endsWith("DE");
            double limit = de ? op.mape() : 1.5 * op.mape();
            for (String m : List.of("ridge", "ridge-profile", "ridge+operator", "auto")) {
                ResultRow r = rows.get(m);
                out.printf(Locale.ROOT, "- target %s: MAPE %s %.2f %% (%s operator) and ≤ 0.7 × weekly naive (%.2f %%): %s %.2f %% → %s, %s%n",
                        spec.label(), de ? "<" : "≤", limit, de ? "1.0 ×" : "1.5 ×", 0.7 * weekly.mape(), r.method(), r.mape(),
                        (de ? r.mape() < limit : r.mape() <= limit) ? "met" : String.format(Locale.ROOT, "missed by %.2f pp", r.mape() - limit),
                        r.mape() <= 0.7 * weekly.mape() ? "met" : "missed");
            }
            if (de) {
                // issue 19: DE day-ahead load at most 0.6 × the operator's MAPE
                for (String m : List.of("ridge", "ridge-profile", "ridge+operator", "auto")) {
                    ResultRow r = rows.get(m);
                    out.printf(Locale.ROOT, "- target %s: MAPE ≤ 0.6 × operator (%.2f %%): %s %.2f %% (%.2f ×) → %s%n", spec.label(),
                            0.6 * op.mape(), r.method(), r.mape(), r.mape() / op.mape(), r.mape() <= 0.6 * op.mape() ? "met" : "missed");
                }
            }
            for (String m : List.of("ridge", "ridge (conformal)", "ridge+operator", "ridge+operator (conformal)", "auto (conformal)")) {
                ResultRow r = rows.get(m);
                out.printf(Locale.ROOT, "- target %s: P10–P90 coverage in 78–82 %%: %s %.1f %% → %s%n", spec.label(), r.method(),
                        r.coverage(), r.coverage() >= 78 && r.coverage() <= 82 ? "met" : "missed");
            }
        } else if (spec.label().startsWith("prices")) {
            out.printf(Locale.ROOT, "- target %s: rMAE ≤ 0.75 → auto (%s) %.3f: %s%n", spec.label(), auto, chosen.rmae(),
                    chosen.rmae() <= 0.75 ? "met" : String.format(Locale.ROOT, "missed by %.3f", chosen.rmae() - 0.75));
        } else if (spec.countData()) {
            double cov = Double.isNaN(chosen.pitCoverage()) ? chosen.coverage() : chosen.pitCoverage();
            out.printf(Locale.ROOT, "- target arrivals: MASE ≤ 0.9 → auto (%s) %.3f: %s; P10–P90 coverage (randomized PIT) in 76–84 %% → %.1f %%: %s%n",
                    auto, chosen.mase(), chosen.mase() <= 0.9 ? "met" : "missed", cov, cov >= 76 && cov <= 84 ? "met" : "missed");
        }
        double ms = rows.values().stream().mapToDouble(ResultRow::msPerForecast).max().orElse(Double.NaN);
        out.printf(Locale.ROOT, "- slowest method: %.0f ms per fit + forecast on this history (target: well under 1 s)%n", ms);
    }

    /**
     * Greedy forward selection of ensemble members on the validation folds: the i-th list holds the first i + 1
     * members chosen, each new member the one whose addition gives the equal-weight average with the lowest geometric
     * mean of its fold MAEs (the score {@link AutoSelect#chooseByFolds} ranks by).
     */
    static List<List<String>> forwardSelection(List<String> models, Map<String, Runs> results, int maxSize) {
        List<List<String>> out = new ArrayList<>();
        List<String> members = new ArrayList<>();
        int folds = results.get(models.get(0)).folds().size();
        while (members.size() < Math.min(maxSize, models.size())) {
            String best = null;
            double bestScore = Double.POSITIVE_INFINITY;
            for (String m : models) {
                if (members.contains(m)) {
                    continue;
                }
                List<String> trial = new ArrayList<>(members);
                trial.add(m);
                double[] foldMae = new double[folds];
                for (int k = 0; k < folds; k++) {
                    int fold = k;
                    foldMae[k] = mae(average("trial", trial.stream().map(t -> results.get(t).folds().get(fold))
                            .toArray(BacktestResult[]::new)));
                }
                double score = AutoSelect.score(foldMae);
                if (best == null || score < bestScore) {
                    best = m;
                    bestScore = score;
                }
            }
            members.add(best);
            out.add(List.copyOf(members));
        }
        return out;
    }

    /** The forecaster behind a candidate's name: a catalog method or an {@code ensemble(a + b …)} of catalog models. */
    static Forecaster forecaster(SeriesSpec spec, String name) {
        if (name.startsWith("ensemble(")) {
            List<String> members = List.of(name.substring("ensemble(".length(), name.length() - 1).split(" \\+ "));
            return new Ensemble(name, members.stream().map(m -> forecaster(spec, m)).toList());
        }
        return MethodCatalog.all(spec).stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no method " + name));
    }

    private static double[] foldMae(Runs r) {
        return r.folds().stream().mapToDouble(ForecastBenchmark::mae).toArray();
    }

    private static double mae(BacktestResult r) {
        double m = Metrics.mae(r.actual(), r.p50());
        return Double.isNaN(m) ? Double.POSITIVE_INFINITY : m;
    }

    /** One method's backtests: the validation folds, oldest first, and the test period. */
    record Runs(List<BacktestResult> folds, BacktestResult test) {
    }

    /** Equal-weight quantile average of backtests of the same steps (what {@code Ensemble} computes). */
    static BacktestResult average(String name, BacktestResult... parts) {
        BacktestResult a = parts[0];
        int n = a.actual().length;
        double[] p10 = new double[n];
        double[] p50 = new double[n];
        double[] p90 = new double[n];
        double[] pit = new double[n];
        double ms = 0;
        for (BacktestResult r : parts) {
            ms += r.msPerForecast();
            for (int i = 0; i < n; i++) {
                p10[i] += r.p10()[i] / parts.length;
                p50[i] += r.p50()[i] / parts.length;
                p90[i] += r.p90()[i] / parts.length;
            }
        }
        java.util.Arrays.fill(pit, Double.NaN); // a mixture's PIT needs the CDFs; not kept in backtest results
        return new BacktestResult(name, a.actual(), p10, p50, p90, pit, ms);
    }
}
