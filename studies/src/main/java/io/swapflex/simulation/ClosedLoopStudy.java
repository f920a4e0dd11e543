package io.swapflex.simulation;

import io.swapflex.optimizer.flow.FlowScheduler;
import io.swapflex.studies.report.CsvTable;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Runs a {@link SimulationStudy}: the policy under test, the baselines and the perfect-foresight reference on the same
 * realised world, and (optionally) the ablation arms; prints the tables and writes {@code summary.csv} and {@code daily.csv}.
 *
 * <h2>Arms</h2>
 * <ul>
 *   <li>{@code policy}: the flow scheduler re-planning every slot over the rolling horizon from the study's forecaster
 *   at its service level ({@link PlanningPolicy}, closed loop);</li>
 *   <li>{@code scenario}: the same with the {@code scenario} rule ({@link ScenarioDemand}: the service-level quantile
 *   of the running total over demand paths with a day effect), unless that is the study's rule already;</li>
 *   <li>{@code reserve}: the scenario rule with a ready reserve ({@code scenario+reserve}: the bank also keeps the
 *   lead-time demand's quantile at {@link SimulationStudy#reserveServiceLevel()} ready), unless that is the study's
 *   rule already;</li>
 *   <li>{@code defer}: the reserve arm with the riders of the first lead time after the off-peak fall planned at
 *   {@link SimulationStudy#deferServiceLevel()} and no reserve across the fall ({@code scenario+defer}), only when
 *   named in {@link #only(java.util.Collection)} (on the example month it served fewer riders than the reserve arm for little less cost:
 *   docs/hedging.md), and unless that is the study's rule already;</li>
 *   <li>{@code typed}: the reserve arm with the service level and the reserve level set per pack type by its
 *   newsvendor ratio ({@code scenario+typed}, {@link ScenarioDemand#newsvendorLevels}: the type whose packs cost more
 *   energy per unit of its penalty planned at a lower level), only when named in {@link #only(java.util.Collection)}
 *   (docs/hedging.md), and unless that is the study's rule already;</li>
 *   <li>{@code fall}: the reserve arm with the riders a pack ready at the next import-price fall is kept for (the
 *   last lead time before the off-peak night and the first in it) planned at the fall's newsvendor level and the
 *   reserve due before them ({@code scenario+fall}, {@link ScenarioDemand#planFall}), only when named in
 *   {@link #only(java.util.Collection)} (docs/hedging.md), and unless that is the study's rule already;</li>
 *   <li>{@code saa}: a charging policy chosen per pack type against many demand paths at once (sample average,
 *   {@link SaaHedge}), its first slot turned into the row the scheduler plans against, only when named in
 *   {@link #only(java.util.Collection)} (docs/hedging.md);</li>
 *   <li>{@code charge-asap}, {@code price-threshold}: {@link RulePolicies};</li>
 *   <li>{@code perfect-foresight}: the flow scheduler with the realised demand known, one plan per day over a
 *   two-day horizon (today and tomorrow, so a day does not end drained), applied for the day, with the study's longer
 *   limit; its per-block certified gap is reported (the bound is of the two-day block, so it is a reference, not a
 *   proven optimum of the month);</li>
 *   <li>ablation: the perfect forecast and a weekly seasonal-naive forecast in place of the forecaster; the other
 *   service levels; re-planning once a day at midnight (the day's plan applied open loop).</li>
 * </ul>
 * Each arm has its own scheduler instance (seeded per arm); the world and the forecasts are shared and pure, so the
 * rule arms and forecasts are identical whatever {@code threads}. By default the flow scheduler stops on the wall
 * clock (with its own dual thread), so the planning arms differ slightly between runs and machine loads; with
 * {@link SimulationStudy#deterministic()} it runs on its virtual clock and every arm is the same whatever the threads.
 */
public final class ClosedLoopStudy {

    /** One arm's definition and result. */
    public record Arm(String name, String group, String forecaster, Double serviceLevel, String replan,
                      Simulation.Result result) {
    }

    private final SimulationStudy study;
    private final World world;
    private java.nio.file.Path rejectedDir;
    private java.util.Set<String> only;

    public ClosedLoopStudy(SimulationStudy study) {
        this(study, World.generate(study));
    }

    public ClosedLoopStudy(SimulationStudy study, World world) {
        this.study = study;
        this.world = world;
    }

    /** Rejected plans are written there with their problems (see {@link PlanningPolicy#keepRejected}). */
    public ClosedLoopStudy keepRejected(java.nio.file.Path dir) {
        this.rejectedDir = dir;
        return this;
    }

    /**
     * Only these main arms are run (of {@link #MAIN_ARMS}; the ablation follows {@link SimulationStudy#ablation()}).
     * The {@code defer}, {@code typed}, {@code fall} and {@code saa} arms run only when named here.
     */
    public ClosedLoopStudy only(java.util.Collection<String> arms) {
        for (String a : arms) {
            if (!MAIN_ARMS.contains(a)) {
                throw new IllegalArgumentException("arm '" + a + "' is unknown, known: " + MAIN_ARMS);
            }
        }
        this.only = java.util.Set.copyOf(arms);
        return this;
    }

    /** The main arms, in report order. */
    public static final List<String> MAIN_ARMS = List.of("policy", "scenario", "reserve", "defer", "typed", "fall",
            "saa", "charge-asap", "price-threshold", "perfect-foresight");

    public World world() {
        return world;
    }

    private record Spec(String name, String group, String forecaster, Double serviceLevel, String replan,
                        Supplier<Policy> policy) {
    }

    /** Runs every arm (in parallel on {@code study.threads()}) and returns them in report order. */
    public List<Arm> run(PrintStream progress) {
        int perDay = world.slotsPerDay();
        Map<String, Forecasts> forecasts = new LinkedHashMap<>();
        for (String name : Forecasts.NAMES) {
            forecasts.put(name, Forecasts.named(name, world, study.horizonSlots()));
        }
        Duration replan = Duration.ofMillis(study.replanTimeLimitMillis());
        List<Spec> specs = new ArrayList<>();
        long seed = study.seed();
        String fc = study.forecaster();
        double q = study.serviceLevel();
        String rule = study.serviceLevelRule();
        int near = study.nearTermSlots();
        specs.add(new Spec("policy", "main", fc, q, "every slot",
                () -> planning("policy", forecasts.get(fc), q, rule, near, study.horizonSlots(), 1, seed + 1, replan)));
        if (!rule.equals("scenario")) {
            specs.add(new Spec("scenario", "main", fc, q, "every slot, scenario quantiles",
                    () -> planning("scenario", forecasts.get(fc), q, "scenario", near, study.horizonSlots(), 1,
                            seed + 1, replan)));
        }
        if (!rule.equals("scenario+reserve")) {
            specs.add(new Spec("reserve", "main", fc, q, "every slot, scenario quantiles + ready reserve",
                    () -> planning("reserve", forecasts.get(fc), q, "scenario+reserve", near, study.horizonSlots(), 1,
                            seed + 1, replan).reserveLevel(study.reserveServiceLevel())));
        }
        if (!rule.equals("scenario+defer") && only != null && only.contains("defer")) {
            specs.add(new Spec("defer", "main", fc, q, "every slot, scenario quantiles + ready reserve, deferred "
                    + "after the off-peak fall",
                    () -> planning("defer", forecasts.get(fc), q, "scenario+defer", near, study.horizonSlots(), 1,
                            seed + 1, replan)));
        }
        if (!rule.equals("scenario+typed") && only != null && only.contains("typed")) {
            specs.add(new Spec("typed", "main", fc, q, "every slot, scenario quantiles + ready reserve, levels per "
                    + "pack type by the newsvendor ratio",
                    () -> planning("typed", forecasts.get(fc), q, "scenario+typed", near, study.horizonSlots(), 1,
                            seed + 1, replan)));
        }
        if (!rule.equals("scenario+fall") && only != null && only.contains("fall")) {
            specs.add(new Spec("fall", "main", fc, q, "every slot, scenario quantiles + ready reserve, riders around "
                    + "the off-peak fall at its newsvendor level",
                    () -> planning("fall", forecasts.get(fc), q, "scenario+fall", near, study.horizonSlots(), 1,
                            seed + 1, replan)));
        }
        if (only != null && only.contains("saa")) {
            specs.add(new Spec("saa", "main", fc, q, "every slot, a charging policy chosen against many demand "
                    + "paths at once (sample average), its first slot as the row",
                    () -> planning("saa", forecasts.get(fc), q, "saa", near, study.horizonSlots(), 1, seed + 1,
                            replan)));
        }
        specs.add(new Spec("charge-asap", "main", null, null, "rule", () -> RulePolicies.chargeAsap(world)));
        specs.add(new Spec("price-threshold", "main", null, null, "rule",
                () -> RulePolicies.threshold(world, study.threshold())));
        specs.add(new Spec("perfect-foresight", "main", "perfect", null, "daily, 48 h blocks",
                () -> new PlanningPolicy("perfect-foresight", world, forecasts.get("perfect"), 0.5, "per-slot", 0, 2 * perDay,
                        perDay,
                        scheduler(seed + 2),
                        Duration.ofMillis(study.perfectForesightTimeLimitMillis()), 1e-3)));
        if (study.ablation()) {
            int i = 3;
            for (String other : List.of("perfect", "snaive-weekly")) {
                if (!other.equals(fc)) {
                    long s = seed + i++;
                    specs.add(new Spec("forecast=" + other, "ablation", other, q, "every slot",
                            () -> planning("forecast=" + other, forecasts.get(other), q, rule, near, study.horizonSlots(), 1,
                                    s, replan)));
                }
            }
            for (double level : study.serviceLevels()) {
                if (Math.abs(level - q) > 1e-9) {
                    long s = seed + i++;
                    String label = String.format(Locale.ROOT, "q=%.2f", level);
                    specs.add(new Spec(label, "ablation", fc, level, "every slot",
                            () -> planning(label, forecasts.get(fc), level, rule, near, study.horizonSlots(), 1, s, replan)));
                }
            }
            for (String other : SimulationStudy.RULES) {
                if (!other.equals(rule) && !other.startsWith("scenario")) {
                    long sr = seed + i++;
                    specs.add(new Spec("rule=" + other, "ablation", fc, q, "every slot",
                            () -> planning("rule=" + other, forecasts.get(fc), q, other, near, study.horizonSlots(), 1,
                                    sr, replan)));
                }
            }
            long s = seed + i;
            specs.add(new Spec("replan=daily", "ablation", fc, q, "daily at 00:00, open loop",
                    () -> planning("replan=daily", forecasts.get(fc), q, rule, near, study.horizonSlots(), perDay, s,
                            Duration.ofMillis(study.dailyTimeLimitMillis()))));
        }
        if (only != null) {
            specs.removeIf(spec -> spec.group().equals("main") && !only.contains(spec.name()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(study.threads(), r -> {
            Thread th = new Thread(r, "simulate-arm");
            th.setDaemon(true);
            return th;
        });
        try {
            List<Future<Simulation.Result>> futures = new ArrayList<>();
            for (Spec spec : specs) {
                futures.add(pool.submit(() -> {
                    Policy policy = spec.policy().get();
                    if (policy instanceof PlanningPolicy planner && rejectedDir != null) {
                        planner.keepRejected(rejectedDir);
                    }
                    return Simulation.run(spec.name(), world, policy, progress);
                }));
            }
            List<Arm> arms = new ArrayList<>();
            RuntimeException first = null;
            for (int j = 0; j < specs.size(); j++) {
                Spec spec = specs.get(j);
                try {
                    arms.add(new Arm(spec.name(), spec.group(), spec.forecaster(), spec.serviceLevel(), spec.replan(),
                            futures.get(j).get()));
                } catch (ExecutionException e) {
                    // One arm's failure does not cost the others: it is reported and left out of the tables.
                    if (progress != null) {
                        progress.println("arm " + spec.name() + " failed: " + e.getCause());
                    }
                    if (spec.group().equals("main")) {
                        first = first == null ? new IllegalStateException("arm " + spec.name() + " failed: "
                                + e.getCause(), e.getCause()) : first;
                    }
                }
            }
            if (first != null) {
                throw first;
            }
            return arms;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private PlanningPolicy planning(String name, Forecasts forecasts, double level, String rule, int near,
                                    int horizon, int every, long seed, Duration limit) {
        return new PlanningPolicy(name, world, forecasts, level, rule, near, horizon, every,
                scheduler(seed), limit, study.gapTarget()).reserveLevel(study.reserveServiceLevel())
                .defer(study.deferServiceLevel(), study.deferSlots());
    }

    private FlowScheduler scheduler(long seed) {
        return study.deterministic() ? FlowScheduler.deterministic(seed)
                : new FlowScheduler(seed, FlowScheduler.PRIMAL_STEPS, FlowScheduler.BOUND_STEPS);
    }

    // --- report ------------------------------------------------------------------------------------------------------

    /** The report as text: the setting, the main table, the ablation table, the plan checker's verdict. */
    public String report(List<Arm> arms, double wallSeconds) {
        StringBuilder sb = new StringBuilder();
        Arm ref = reference(arms);
        Simulation.Kpis pf = ref.result().total();
        double penalty = world.template().unservedSwapPenalty();
        sb.append(String.format(Locale.ROOT, "study %s: station %s (%d bays), %d days from %s, seed %d; %d warm-up days%n",
                study.name(), world.template().stationId(), world.template().bays().size(), world.days(),
                world.date(0), study.seed(), world.warmupDays()));
        sb.append(String.format(Locale.ROOT, "realised swaps per day (mean): %s; policy: forecaster %s, P%s demand, "
                        + "%d-slot rolling horizon, re-plan limit %d ms (gap target %s), perfect-foresight blocks %d ms, "
                        + "%s solves%n", fmtMap(world.meanDailyDemand()),
                study.forecaster(), pct(study.serviceLevel()), study.horizonSlots(), study.replanTimeLimitMillis(),
                study.gapTarget(), study.perfectForesightTimeLimitMillis(),
                study.deterministic() ? "deterministic (limits are work budgets)" : "wall-clock"));
        sb.append("money in ").append(world.currency()).append("; net = import - export + degradation; +pen. adds ")
                .append(fmt(penalty)).append(" per missed swap; vs PF = net cost against the cheapest arm that knew the "
                        + "realised demand (").append(ref.name()).append(String.format(Locale.ROOT, ", net %.1f)%n%n",
                        pf.netCost()));
        sb.append(table(arms, "main", pf, penalty));
        if (arms.stream().anyMatch(a -> a.group().equals("ablation"))) {
            sb.append("\nablation (each row changes one thing of the policy):\n");
            List<Arm> rows = new ArrayList<>();
            rows.add(find(arms, "policy"));
            rows.addAll(arms.stream().filter(a -> a.group().equals("ablation")).toList());
            sb.append(table(rows, null, pf, penalty));
        }
        sb.append("\nplans: ");
        int plans = 0;
        int failures = 0;
        int unadmitted = 0;
        int fallbacks = 0;
        int applied = 0;
        for (Arm a : arms) {
            Policy.PlanStats p = a.result().plans();
            plans += p.plans();
            failures += p.checkerFailures();
            unadmitted += p.unadmitted();
            fallbacks += p.fallbacks();
            applied += p.appliedFailures();
        }
        sb.append(String.format(Locale.ROOT, "%d made, %d rejected by the plan checker, of which %d did not list the "
                + "broken rules themselves (the others: TIME_LIMIT plans saying no plan meeting every rule was found in "
                + "time); %d re-plans fell back to a cold solve or the greedy plan; %d rejected plans applied", plans,
                failures, unadmitted, fallbacks, applied));
        for (Arm a : arms) {
            for (String f : a.result().plans().failures()) {
                sb.append("\n  ").append(a.name()).append(": ").append(f);
            }
        }
        Policy.PlanStats pfPlans = find(arms, "perfect-foresight").result().plans();
        sb.append(String.format(Locale.ROOT, "%nperfect foresight: %d day blocks, certified gap mean %.2f %%, max %.2f %%"
                + " (of each 48 h block)%n", pfPlans.plans(), 100 * pfPlans.meanGap(), 100 * pfPlans.maxGap()));
        sb.append(String.format(Locale.ROOT, "wall time %.0f s on %d threads%n", wallSeconds, study.threads()));
        return sb.toString();
    }

    /**
     * The perfect-information reference of the "vs PF" column: the cheaper (net cost) of the perfect-foresight day
     * blocks and, when run, the closed loop with the perfect forecast. Neither is a proven optimum of the whole period
     * (the day blocks' bounds are of each 48 h block; the closed loop stops at its time limits), so the cheaper one is
     * the better stand-in.
     */
    static Arm reference(List<Arm> arms) {
        Arm best = find(arms, "perfect-foresight");
        for (Arm a : arms) {
            if (a.name().equals("forecast=perfect") && a.result().total().netCost() < best.result().total().netCost()) {
                best = a;
            }
        }
        return best;
    }

    private static Arm find(List<Arm> arms, String name) {
        return arms.stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow();
    }

    private static String table(List<Arm> arms, String group, Simulation.Kpis pf, double penalty) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-22s %7s %6s %7s %9s %8s %8s %8s %8s %6s %9s %8s %7s %7s %6s %5s %7s%n",
                "arm", "demand", "missed", "served%", "import", "export", "degrad", "net", "vs PF", "+pen.",
                "cycledkWh", "peakkW", "endkWh", "breach", "plans", "rej", "ms/plan"));
        for (Arm a : arms) {
            if (group != null && !a.group().equals(group)) {
                continue;
            }
            Simulation.Kpis k = a.result().total();
            Policy.PlanStats p = a.result().plans();
            sb.append(String.format(Locale.ROOT,
                    "%-22s %7d %6d %7.2f %9.1f %8.1f %8.1f %8.1f %7.1f%% %6.0f %9.1f %8.2f %7.1f %7d %6d %5d %7.0f%n",
                    a.name(), k.demanded(), k.missed(), k.servedPercent(), k.importCost(), k.exportRevenue(),
                    k.degradationCost(), k.netCost(), 100 * (k.netCost() - pf.netCost()) / Math.abs(pf.netCost()),
                    k.netCost() + penalty * k.missed(), k.cycledKwh(), k.peakImportKw(), k.endStoredKwh(),
                    k.breaches(), p.plans(), p.checkerFailures(), p.meanSolveMillis()));
        }
        return sb.toString();
    }

    /** Writes {@code summary.csv} (one row per arm) and {@code daily.csv} (one row per arm and day) into {@code dir}. */
    public void writeCsv(List<Arm> arms, Path dir) throws IOException {
        Files.createDirectories(dir);
        Simulation.Kpis pf = reference(arms).result().total();
        double penalty = world.template().unservedSwapPenalty();
        CsvTable s = new CsvTable(List.of("arm", "group", "forecaster", "serviceLevel", "replan", "demanded", "served",
                "missed", "servedPct", "importCost", "exportRevenue", "degradationCost", "netCost", "netCostPlusPenalty",
                "vsPerfectForesightPct", "chargedKwh", "dischargedKwh", "cycledKwh", "exportedKwh", "peakImportKw",
                "endStoredKwh", "breaches", "plans", "checkerFailures", "unadmitted", "fallbacks", "appliedFailures",
                "meanSolveMillis", "meanGap", "maxGap", "wallSeconds"));
        for (Arm a : arms) {
            Simulation.Kpis k = a.result().total();
            Policy.PlanStats p = a.result().plans();
            s.row(List.of(a.name(), a.group(), a.forecaster() == null ? "" : a.forecaster(),
                    a.serviceLevel() == null ? "" : fmt(a.serviceLevel()), a.replan(),
                    Integer.toString(k.demanded()), Integer.toString(k.served()), Integer.toString(k.missed()),
                    fmt(k.servedPercent()), fmt(k.importCost()), fmt(k.exportRevenue()), fmt(k.degradationCost()),
                    fmt(k.netCost()), fmt(k.netCost() + penalty * k.missed()),
                    fmt(100 * (k.netCost() - pf.netCost()) / Math.abs(pf.netCost())), fmt(k.chargedKwh()),
                    fmt(k.dischargedKwh()), fmt(k.cycledKwh()), fmt(k.exportedKwh()), fmt(k.peakImportKw()),
                    fmt(k.endStoredKwh()), Integer.toString(k.breaches()), Integer.toString(p.plans()),
                    Integer.toString(p.checkerFailures()), Integer.toString(p.unadmitted()),
                    Integer.toString(p.fallbacks()), Integer.toString(p.appliedFailures()), fmt(p.meanSolveMillis()), fmt(p.meanGap()), fmt(p.maxGap()),
                    fmt(a.result().wallSeconds())));
        }
        Files.writeString(dir.resolve("summary.csv"), s.write(), StandardCharsets.UTF_8);
        CsvTable d = new CsvTable(List.of("arm", "day", "date", "demanded", "served", "missed", "importCost",
                "exportRevenue", "degradationCost", "netCost", "peakImportKw", "endStoredKwh"));
        for (Arm a : arms) {
            List<Simulation.Kpis> days = a.result().days();
            for (int i = 0; i < days.size(); i++) {
                Simulation.Kpis k = days.get(i);
                d.row(List.of(a.name(), Integer.toString(i + 1), world.date(i).toString(),
                        Integer.toString(k.demanded()), Integer.toString(k.served()), Integer.toString(k.missed()),
                        fmt(k.importCost()), fmt(k.exportRevenue()), fmt(k.degradationCost()), fmt(k.netCost()),
                        fmt(k.peakImportKw()), fmt(k.endStoredKwh())));
            }
        }
        Files.writeString(dir.resolve("daily.csv"), d.write(), StandardCharsets.UTF_8);
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4f", v).replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    private static String pct(double level) {
        return fmt(100 * level);
    }

    private static String fmtMap(Map<String, Double> m) {
        List<String> parts = new ArrayList<>();
        m.forEach((k, v) -> parts.add(k + " " + String.format(Locale.ROOT, "%.1f", v)));
        return String.join(", ", parts);
    }
}
