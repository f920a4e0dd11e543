package io.swapflex.simulation;

import io.swapflex.forecasting.Forecast;
import io.swapflex.optimizer.Scheduler;
import io.swapflex.optimizer.SolveOptions;
import io.swapflex.optimizer.check.CheckReport;
import io.swapflex.optimizer.check.PlanChecker;
import io.swapflex.optimizer.contract.Bay;
import io.swapflex.optimizer.contract.BaySchedule;
import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.optimizer.economics.EndValues;
import io.swapflex.optimizer.heuristic.GreedyScheduler;
import io.swapflex.planning.ExportPrice;
import io.swapflex.planning.ForecastProblemBuilder;
import io.swapflex.planning.StationTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The engine as a station would run it: at each re-plan it builds a contract-v1 problem with
 * {@link ForecastProblemBuilder} — the station's bays at their SOC now, swap demand at the service-level quantile of the
 * forecasts (issued from data before now, see {@link Forecasts}; per slot, of the running total, or per slot in
 * the near term only: see the constructor), the known tariff and base load over the next
 * {@code horizon} slots — solves it with the scheduler (warm-started from the previous plan shifted to the new start),
 * checks the plan with the {@link PlanChecker} (a rejected plan is counted and never applied: the problem is solved
 * again cold, and failing that by the greedy rule of thumb), and applies the plan's slots until the next re-plan: every slot
 * ({@code every = 1}, the closed loop: only the first slot of each plan is ever applied) or once a day at midnight
 * ({@code every = slots per day}, the open-loop ablation). The perfect-foresight reference is this policy with the
 * perfect forecast, day-long re-planning steps, a two-day horizon and a longer time limit.
 */
public final class PlanningPolicy implements Policy {

    private final String name;
    private final World world;
    private final Forecasts forecasts;
    private final double serviceLevel;
    private final int horizon;
    private final int every;
    private final Scheduler scheduler;
    private final SolveOptions options;
    private final String rule;
    private final int nearSlots;
    private double reserveLevel = DEFAULT_RESERVE_LEVEL;
    private double deferLevel = DEFAULT_DEFER_LEVEL;
    private int deferSlots = DEFAULT_DEFER_SLOTS;
    private double[] typeLevels;
    private double[] typeReserves;
    private double[] fallLevels;
    private double saaPenaltyFactor = DEFAULT_SAA_PENALTY_FACTOR;

    /** The {@code saa} rule's factor on the riders' penalty unless set ({@link #saaPenaltyFactor(double)}). */
    public static final double DEFAULT_SAA_PENALTY_FACTOR = 1.0;

    /** The {@code scenario+reserve} rule's reserve level unless set ({@link #reserveLevel(double)}). */
    public static final double DEFAULT_RESERVE_LEVEL = 0.995;

    /** The {@code scenario+defer} rule's level after the off-peak fall unless set ({@link #defer(double, int)}). */
    public static final double DEFAULT_DEFER_LEVEL = 0.5;

    /** The {@code scenario+defer} rule's window beyond the lead time unless set ({@link #defer(double, int)}). */
    public static final int DEFAULT_DEFER_SLOTS = 0;

    /** Seed of the scenario rule's paths (with the slot): every arm sees the same paths at the same slot. */
    private static final long SCENARIO_SEED = 19;

    private Plan plan;
    private int planStart;
    private int plans;
    private int failures;
    private int fallbacks;
    private int unadmitted;
    private int appliedFailures;
    private final List<String> failureNotes = new ArrayList<>();
    private long solveMillis;
    private double gapSum;
    private int gapCount;
    private double maxGap;
    private java.nio.file.Path rejectedDir;

    /**
     * @param rule      how forecasts become planned swaps: {@code per-slot} (each slot's quantile,
     *                  {@link ForecastProblemBuilder#demandQuantile}), {@code cumulative} (the quantile of the running
     *                  total, {@link Forecasts#cumulativeQuantile}) or {@code near-term} (per slot for the first
     *                  {@code nearSlots}, the running total's median after them, {@link Forecasts#nearTermQuantile})
     *                  or {@code scenario} (the quantile of the running total over demand paths with a day effect,
     *                  {@link ScenarioDemand}), or {@code scenario+near} (that, raised to each slot's own quantile in
     *                  the first {@code nearSlots}), or {@code scenario+reserve} (the scenario row with a ready reserve
     *                  at each type's lead time, {@link #reserveLevel(double)}), or {@code scenario+defer} (that,
     *                  with the riders of the first lead time after the off-peak fall planned at a lower level and no
     *                  reserve across the fall, {@link #defer(double, int)}), or {@code scenario+typed} (the
     *                  {@code scenario+reserve} row with the level and the reserve level set per pack type by its
     *                  newsvendor ratio, {@link ScenarioDemand#newsvendorLevels}), or {@code scenario+fall} (the
     *                  {@code scenario+reserve} row with the riders around the next import-price fall planned at the
     *                  fall's newsvendor level and the reserve due before them, {@link ScenarioDemand#planFall}), or {@code saa} (a
     *                  charging policy chosen against many demand paths at once, its first slot as the row,
     *                  {@link SaaHedge}, {@link #saaPenaltyFactor(double)})
     */
    public PlanningPolicy(String name, World world, Forecasts forecasts, double serviceLevel, String rule,
                          int nearSlots, int horizon, int every, Scheduler scheduler, Duration timeLimit,
                          double gapTarget) {
        this.name = name;
        this.rule = rule;
        this.nearSlots = nearSlots;
        this.world = world;
        this.forecasts = forecasts;
        this.serviceLevel = serviceLevel;
        this.horizon = horizon;
        this.every = every;
        this.scheduler = scheduler;
        this.options = new SolveOptions(timeLimit, gapTarget, null);
    }

    @Override
    public String name() {
        return name;
    }

    /**
     * The level of the {@code scenario+reserve} rule's ready reserve: the lead-time demand's quantile the bank keeps
     * ready ({@link ScenarioDemand#plan(World, Forecasts, int, int, double, double, long)}).
     */
    public PlanningPolicy reserveLevel(double level) {
        this.reserveLevel = level;
        return this;
    }

    /**
     * The {@code scenario+defer} rule's deferral: the riders of the first lead time after the off-peak fall, and of
     * {@code extraSlots} slots more, are planned at {@code level} instead of the service level
     * ({@link ScenarioDemand#plan(World, Forecasts, int, int, double, double, double, int, long)}).
     */
    public PlanningPolicy defer(double level, int extraSlots) {
        this.deferLevel = level;
        this.deferSlots = extraSlots;
        return this;
    }

    /**
     * The {@code scenario+typed} rule's levels and reserve levels per pack type (template order) in place of its
     * newsvendor levels ({@link ScenarioDemand#newsvendorLevels}); for studies of other ratios.
     */
    public PlanningPolicy typeLevels(double[] levels, double[] reserves) {
        this.typeLevels = levels.clone();
        this.typeReserves = reserves.clone();
        return this;
    }

    /**
     * The {@code scenario+fall} rule's levels per pack type (template order) for the riders around the price fall, in
     * place of its newsvendor levels ({@link ScenarioDemand#fallLevels}); for studies of other levels.
     */
    public PlanningPolicy fallLevels(double[] levels) {
        this.fallLevels = levels.clone();
        return this;
    }

    /**
     * The {@code saa} rule's factor on each type's unserved-swap penalty in its sample average ({@link SaaHedge}):
     * the price it puts on a missed rider against the energy a pack charged for nobody costs.
     */
    public PlanningPolicy saaPenaltyFactor(double factor) {
        this.saaPenaltyFactor = factor;
        return this;
    }

    /** Where to write each rejected plan with its problem (and the warm start it came from), for a reproducer. */
    public PlanningPolicy keepRejected(java.nio.file.Path dir) {
        this.rejectedDir = dir;
        return this;
    }

    @Override
    public Action decide(int t, double[] soc) {
        if (plan == null || (t - planStart) >= every) {
            replan(t, soc);
        }
        int i = t - planStart;
        int n = soc.length;
        double[] power = new double[n];
        boolean[] swap = new boolean[n];
        for (int b = 0; b < n; b++) {
            BaySchedule s = plan.bays().get(b);
            power[b] = s.powerKw()[i];
            swap[b] = s.swapOut()[i];
        }
        return new Action(power, swap);
    }

    /** The problem of a re-plan at slot {@code t} with the bank at {@code soc}: what the station knows at t. */
    public Problem problemAt(int t, double[] soc) {
        int steps = Math.min(horizon, world.endSlot() - t);
        StationTemplate base = world.template();
        List<Bay> bays = new ArrayList<>();
        for (int b = 0; b < soc.length; b++) {
            Bay bay = base.bays().get(b);
            bays.add(new Bay(bay.id(), bay.packType(), Math.max(0.0, Math.min(1.0, soc[b]))));
        }
        StationTemplate now = new StationTemplate(base.stationId(), base.gridImportLimitKw(), base.gridExportLimitKw(),
                base.maxActiveBays(), base.packTypes(), bays, base.unservedSwapPenalty());
        ForecastProblemBuilder builder = ForecastProblemBuilder.forStation(now);
        List<Forecast> demand = forecasts.window(t, steps);
        int[][] scenario = null;
        if (rule.equals("saa")) {
            scenario = SaaHedge.plan(world, forecasts, t, steps, soc, serviceLevel, saaPenaltyFactor, SCENARIO_SEED);
        } else if (rule.startsWith("scenario")) {
            boolean reserve = rule.equals("scenario+reserve") || rule.equals("scenario+defer");
            if (rule.equals("scenario+fall")) {
                double[] levels = ScenarioDemand.fallLevels(world, t, steps, serviceLevel);
                if (fallLevels != null) {
                    for (int k = 0; k < levels.length; k++) {
                        levels[k] = Double.isNaN(levels[k]) ? levels[k] : fallLevels[k];
                    }
                }
                scenario = ScenarioDemand.planFall(world, forecasts, t, steps, serviceLevel, reserveLevel, levels,
                        SCENARIO_SEED);
            } else if (rule.equals("scenario+typed")) {
                scenario = ScenarioDemand.plan(world, forecasts, t, steps,
                        typeLevels != null ? typeLevels : ScenarioDemand.newsvendorLevels(world, serviceLevel),
                        typeReserves != null ? typeReserves : ScenarioDemand.newsvendorLevels(world, reserveLevel),
                        Double.NaN, 0, SCENARIO_SEED);
            } else {
                scenario = ScenarioDemand.plan(world, forecasts, t, steps, serviceLevel,
                        reserve ? reserveLevel : Double.NaN, rule.equals("scenario+defer") ? deferLevel : Double.NaN,
                        deferSlots, SCENARIO_SEED);
            }
        }
        for (int k = 0; k < demand.size(); k++) {
            Forecast f = demand.get(k);
            if (scenario != null && rule.equals("scenario+near")) {
                // readiness for the next slots as the per-slot rule has it, the scenario quantile beyond
                for (int i = 0; i < Math.min(nearSlots, steps); i++) {
                    scenario[k][i] = Math.max(scenario[k][i], ForecastProblemBuilder.demandQuantile(f, i, serviceLevel));
                }
            }
            if (scenario != null) {
                f = Forecasts.pointMass(f.start(), f.step(),
                        java.util.Arrays.stream(scenario[k]).asDoubleStream().toArray(), f.unit());
            } else if (!rule.equals("per-slot")) {
                int[] row = rule.equals("cumulative") ? Forecasts.cumulativeQuantile(f, serviceLevel)
                        : Forecasts.nearTermQuantile(f, serviceLevel, nearSlots);
                f = Forecasts.pointMass(f.start(), f.step(), java.util.Arrays.stream(row).asDoubleStream().toArray(),
                        f.unit());
            }
            builder.swapDemand(base.packTypes().get(k).id(), f);
        }
        double[] in = new double[steps];
        double[] out = new double[steps];
        double[] load = new double[steps];
        for (int i = 0; i < steps; i++) {
            in[i] = world.importPrice(t + i);
            out[i] = world.exportPrice(t + i);
            load[i] = world.baseLoad(t + i);
        }
        String unit = world.currency() + "/kWh";
        Problem problem = builder.importPrice(Forecasts.pointMass(world.instantOf(t), world.step(), in, unit))
                .exportPrice(ExportPrice.forecast(Forecasts.pointMass(world.instantOf(t), world.step(), out, unit)))
                .baseLoad(Forecasts.pointMass(world.instantOf(t), world.step(), load, "kW"))
                .serviceLevel(serviceLevel)
                .zone(world.offset())
                .slots(steps)
                .build();
        // A rolling plan values the energy it leaves (the station's end value, else the tariff's; EndValues), so it
        // never sells tomorrow's energy. The end readiness rule is a day plan's: a rolling horizon ends at a
        // different hour at every re-plan, and near the study's end on a horizon of a few slots, so it is left out
        // here rather than turning those plans infeasible; the end value keeps the bank charged.
        List<io.swapflex.optimizer.contract.PackType> types = new ArrayList<>();
        for (io.swapflex.optimizer.contract.PackType type : problem.packTypes()) {
            types.add(type.withEconomics(type.unservedSwapPenalty(), type.endValuePerKwh(), null));
        }
        return EndValues.fromTariff(problem.withPackTypes(types));
    }

    private void replan(int t, double[] soc) {
        Problem problem = problemAt(t, soc);
        Plan warm = plan == null ? null : shift(plan, t - planStart, problem);
        Plan next = solveAndCheck(problem, warm, t);
        if (next == null) {
            // The rejected plan is not applied: a cold solve, then the rule of thumb, whichever passes the checker.
            fallbacks++;
            next = solveAndCheck(problem, null, t);
            if (next == null) {
                next = new GreedyScheduler().solve(problem, options);
                CheckReport report = PlanChecker.check(problem, next);
                if (!report.feasible()) {
                    failures++;
                    appliedFailures++;
                    unadmitted += next.violations().isEmpty() ? 1 : 0;
                    note(t, "greedy fallback", report);
                }
            }
        }
        plan = next;
        planStart = t;
    }

    /** Solves and checks; the plan, or null (counted and noted) when the plan checker rejects it. */
    private Plan solveAndCheck(Problem problem, Plan warm, int t) {
        Plan next = scheduler.solve(problem, options.withWarmStart(warm));
        plans++;
        solveMillis += next.solveMillis();
        if (next.gap() != null) {
            gapSum += next.gap();
            gapCount++;
            maxGap = Math.max(maxGap, next.gap());
        }
        CheckReport report = PlanChecker.check(problem, next);
        if (report.feasible()) {
            return next;
        }
        failures++;
        unadmitted += next.violations().isEmpty() ? 1 : 0;
        if (rejectedDir != null) {
            try {
                java.nio.file.Files.createDirectories(rejectedDir);
                String stem = name.replaceAll("[^A-Za-z0-9.=-]", "_") + "-slot" + t + (warm == null ? "-cold" : "-warm");
                java.nio.file.Files.writeString(rejectedDir.resolve(stem + "-problem.json"), ContractJson.write(problem));
                java.nio.file.Files.writeString(rejectedDir.resolve(stem + "-plan.json"), ContractJson.write(next));
                if (warm != null) {
                    java.nio.file.Files.writeString(rejectedDir.resolve(stem + "-warmstart.json"),
                            ContractJson.write(warm));
                }
            } catch (java.io.IOException e) {
                failureNotes.add("could not write the rejected plan: " + e.getMessage());
            }
        }
        note(t, (warm == null ? "cold, " : "warm, ") + next.status() + ", plan lists " + next.violations().size()
                + " violations", report);
        return null;
    }

    private void note(int t, String what, CheckReport report) {
        if (failureNotes.size() < 5) {
            failureNotes.add("slot " + t + " (" + what + "): " + String.join("; ", report.violations()));
        }
    }

    /**
     * The previous plan moved {@code by} slots earlier, to start where {@code problem} starts, padded with idle slots
     * (SOC held) to its length: the warm start the flow scheduler projects onto the new problem. Swap-outs the new
     * problem has no demand for (the forecast moved) are dropped, and the bay's path is held from there (its old path
     * would lead to the returned pack's SOC): the projection keeps an old swap-out without looking at demand.
     */
    static Plan shift(Plan old, int by, Problem problem) {
        int slots = problem.slots();
        List<BaySchedule> bays = new ArrayList<>();
        java.util.Map<String, int[]> left = new java.util.HashMap<>();
        for (var type : problem.packTypes()) {
            int[] row = new int[slots];
            for (int i = 0; i < slots; i++) {
                row[i] = problem.demand(type.id(), i);
            }
            left.put(type.id(), row);
        }
        for (int b = 0; b < old.bays().size(); b++) {
            BaySchedule s = old.bays().get(b);
            int[] demandLeft = left.get(problem.bays().get(b).packType());
            double[] power = new double[slots];
            double[] soc = new double[slots + 1];
            boolean[] swap = new boolean[slots];
            int oldSlots = s.powerKw().length;
            int heldFrom = slots + 1;
            for (int i = 0; i <= slots; i++) {
                int j = Math.min(i + by, oldSlots);
                soc[i] = i > heldFrom ? soc[heldFrom] : s.soc()[j];
                if (i < slots && i + by < oldSlots && i < heldFrom) {
                    boolean out = s.swapOut()[i + by];
                    if (out && demandLeft[i] > 0) {
                        demandLeft[i]--;
                        swap[i] = true;
                    } else if (out) {
                        heldFrom = i;
                    } else {
                        power[i] = s.powerKw()[i + by];
                    }
                }
            }
            bays.add(new BaySchedule(s.id(), power, soc, swap));
        }
        return new Plan(old.formatVersion(), old.stationId(), old.status(), old.objective(), null, null, 0,
                old.grid(), bays, old.unservedSwaps(), old.acceptedDispatchRequests(), List.of(), old.solver());
    }

    @Override
    public PlanStats planStats() {
        return new PlanStats(plans, failures, unadmitted, fallbacks, appliedFailures, List.copyOf(failureNotes),
                plans == 0 ? 0 : solveMillis / (double) plans,
                gapCount == 0 ? Double.NaN : gapSum / gapCount, gapCount == 0 ? Double.NaN : maxGap);
    }

    @Override
    public String toString() {
        return name + Arrays.toString(new Object[]{forecasts.name(), serviceLevel, horizon, every});
    }
}
