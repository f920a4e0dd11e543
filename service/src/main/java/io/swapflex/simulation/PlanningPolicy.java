package io.swapflex.simulation;

import io.swapflex.forecasting.Forecast;
import io.swapflex.optimizer.Scheduler;
import io.swapflex.optimizer.SolveOptions;
import io.swapflex.optimizer.check.CheckReport;
import io.swapflex.optimizer.check.PlanChecker;
import io.swapflex.optimizer.contract.Bay;
import io.swapflex.optimizer.contract.BaySchedule;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.contract.Problem;
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
 * forecasts (issued from data before now, see {@link Forecasts}), the known tariff and base load over the next
 * {@code horizon} slots — solves it with the scheduler (warm-started from the previous plan shifted to the new start),
 * checks the plan with the {@link PlanChecker}, and applies the plan's slots until the next re-plan: every slot
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

    private Plan plan;
    private int planStart;
    private int plans;
    private int failures;
    private final List<String> failureNotes = new ArrayList<>();
    private long solveMillis;
    private double gapSum;
    private int gapCount;
    private double maxGap;

    public PlanningPolicy(String name, World world, Forecasts forecasts, double serviceLevel, int horizon, int every,
                          Scheduler scheduler, Duration timeLimit, double gapTarget) {
        this.name = name;
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
        for (int k = 0; k < demand.size(); k++) {
            builder.swapDemand(base.packTypes().get(k).id(), demand.get(k));
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
        return builder.importPrice(Forecasts.pointMass(world.instantOf(t), world.step(), in, unit))
                .exportPrice(ExportPrice.forecast(Forecasts.pointMass(world.instantOf(t), world.step(), out, unit)))
                .baseLoad(Forecasts.pointMass(world.instantOf(t), world.step(), load, "kW"))
                .serviceLevel(serviceLevel)
                .zone(world.offset())
                .slots(steps)
                .build();
    }

    private void replan(int t, double[] soc) {
        Problem problem = problemAt(t, soc);
        Plan warm = plan == null ? null : shift(plan, t - planStart, problem.slots());
        Plan next = scheduler.solve(problem, options.withWarmStart(warm));
        plans++;
        solveMillis += next.solveMillis();
        if (next.gap() != null) {
            gapSum += next.gap();
            gapCount++;
            maxGap = Math.max(maxGap, next.gap());
        }
        CheckReport report = PlanChecker.check(problem, next);
        if (!report.feasible()) {
            failures++;
            if (failureNotes.size() < 5) {
                failureNotes.add("slot " + t + ": " + String.join("; ", report.violations()));
            }
        }
        plan = next;
        planStart = t;
    }

    /**
     * The previous plan moved {@code by} slots earlier, to start where the new problem starts, padded with idle slots
     * (SOC held) to {@code slots}: the warm start the flow scheduler projects onto the new problem.
     */
    static Plan shift(Plan old, int by, int slots) {
        List<BaySchedule> bays = new ArrayList<>();
        for (BaySchedule s : old.bays()) {
            double[] power = new double[slots];
            double[] soc = new double[slots + 1];
            boolean[] swap = new boolean[slots];
            int oldSlots = s.powerKw().length;
            for (int i = 0; i <= slots; i++) {
                int j = Math.min(i + by, oldSlots);
                soc[i] = s.soc()[j];
                if (i < slots && i + by < oldSlots) {
                    power[i] = s.powerKw()[i + by];
                    swap[i] = s.swapOut()[i + by];
                }
            }
            bays.add(new BaySchedule(s.id(), power, soc, swap));
        }
        return new Plan(old.formatVersion(), old.stationId(), old.status(), old.objective(), null, null, 0,
                old.grid(), bays, old.unservedSwaps(), old.acceptedDispatchRequests(), List.of(), old.solver());
    }

    @Override
    public PlanStats planStats() {
        return new PlanStats(plans, failures, List.copyOf(failureNotes), plans == 0 ? 0 : solveMillis / (double) plans,
                gapCount == 0 ? Double.NaN : gapSum / gapCount, gapCount == 0 ? Double.NaN : maxGap);
    }

    @Override
    public String toString() {
        return name + Arrays.toString(new Object[]{forecasts.name(), serviceLevel, horizon, every});
    }
}
