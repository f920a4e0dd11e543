package io.swapflex.service.flex;

import io.swapflex.optimizer.Scheduler;
import io.swapflex.optimizer.SolveOptions;
import io.swapflex.optimizer.check.CheckReport;
import io.swapflex.optimizer.check.PlanChecker;
import io.swapflex.optimizer.contract.Bay;
import io.swapflex.optimizer.contract.PackType;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.contract.PlanStatus;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.service.plan.Commitments;
import io.swapflex.service.plan.PlanningService;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * How much firm net export a station can add in a window of its horizon, proven by a plan.
 *
 * <p>The figure is net export <em>on top of</em> the firm requests the problem already has (the operator's requests add
 * up, see {@link Commitments}). <b>Method.</b> For a window [from, to) of slots: an upper bound U from physics (the meter's export limit; the
 * discharge power of the {@code maxActiveBays} strongest bays less the base load, in every slot; the energy all packs
 * hold between minSoc and maxSoc, less the base load's). Then the station's problem is solved with one more request,
 * firm, of X kW over the window (reward 0), first at X = U, then by bisection between 0 and U; X counts as deliverable
 * only when a solved plan (the {@code oracle} scheduler's or the rule of thumb's, the better one) meets every hard rule
 * of {@link PlanChecker} and leaves no more swaps unserved than the station's current plan. The largest X so proven
 * is the offer, and that plan — the <em>witness</em> — is kept: it meets the request at X, so any request of at most
 * X kW over the window on the same problem can be planned (see {@link #adapt}). Nothing here is an estimate: a
 * figure without a witness is 0.
 */
public final class FlexibilityCalculator {

    /** The id of the probing request added to a problem. */
    static final String PROBE_ID = "flexibility-probe";

    private final Supplier<Scheduler> oracle;
    private final Supplier<Scheduler> fallback;
    private final SolveOptions options;
    private final int steps;

    /**
     * @param oracle   the scheduler that probes (a fresh instance per window)
     * @param fallback a second, fast scheduler whose plan is also tried (the rule of thumb), or null
     * @param options  time limit and gap of one probe solve
     * @param steps    bisection steps after the upper bound fails (the answer is within U / 2^steps of the best the
     *                 schedulers can prove)
     */
    public FlexibilityCalculator(Supplier<Scheduler> oracle, Supplier<Scheduler> fallback, SolveOptions options,
                                 int steps) {
        this.oracle = oracle;
        this.fallback = fallback;
        this.options = options;
        this.steps = steps;
    }

    /** The schedulers and limits of a probe, in words. */
    public String describe() {
        return oracle.get().name() + (fallback == null ? "" : " and " + fallback.get().name()) + ", "
                + options.timeLimit().toMillis() + " ms a solve";
    }

    /** A proven figure: the most firm net export over the window and the plan that delivers it (null when 0). */
    public record Proven(int fromSlot, int toSlot, double upperBoundKw, double exportKw, Plan witness, int solves) {
    }

    /**
     * The windows flexibility is offered in: clock hours of the horizon's own offset (the first and last may be
     * shorter), or single slots when slots are an hour or longer or do not divide the hour.
     */
    public static List<int[]> hourWindows(Problem problem) {
        int minutes = problem.horizon().slotMinutes();
        int n = problem.slots();
        List<int[]> windows = new ArrayList<>();
        if (minutes >= 60 || 60 % minutes != 0) {
            for (int t = 0; t < n; t++) {
                windows.add(new int[]{t, t + 1});
            }
            return windows;
        }
        OffsetDateTime start = problem.horizon().startTime();
        int from = 0;
        for (int t = 1; t < n; t++) {
            if (start.plusMinutes((long) minutes * t).getMinute() == 0) {
                windows.add(new int[]{from, t});
                from = t;
            }
        }
        windows.add(new int[]{from, n});
        return windows;
    }

    /**
     * The most firm net export (kW, in every slot of [from, to)) the station can commit on top of {@code problem}.
     *
     * @param current   the station's current plan of {@code problem} (its unserved swaps are the limit; its a warm start)
     */
    public Proven maxExport(Problem problem, Plan current, int from, int to) {
        int unservedLimit = PlanningService.unserved(current);
        double bound = upperBound(problem, from, to);
        Scheduler scheduler = oracle.get();
        int solves = 0;
        if (bound <= 1e-6) {
            return new Proven(from, to, 0, 0, null, 0);
        }
        Plan witness = probe(scheduler, problem, current, from, to, bound, unservedLimit);
        solves++;
        if (witness != null) {
            return new Proven(from, to, bound, floor(bound), witness, solves);
        }
        double lo = 0;
        double hi = bound;
        for (int i = 0; i < steps; i++) {
            double mid = (lo + hi) / 2;
            Plan plan = probe(scheduler, problem, current, from, to, mid, unservedLimit);
            solves++;
            if (plan != null) {
                lo = mid;
                witness = plan;
            } else {
                hi = mid;
            }
        }
        return witness == null ? new Proven(from, to, bound, 0, null, solves)
                : new Proven(from, to, bound, floor(lo), witness, solves);
    }

    /** Figures to 0.01 kW, rounded down: the witness meets more. */
    private static double floor(double kw) {
        return Math.floor(kw * 100 + 1e-9) / 100;
    }

    /** A plan of the problem with a firm request of kw over the window that passes, or null. */
    private Plan probe(Scheduler scheduler, Problem problem, Plan current, int from, int to, double kw,
                       int unservedLimit) {
        Problem probe = Commitments.addOnTop(problem, PROBE_ID, from, to, kw, 0.0, true);
        Plan plan = scheduler.solve(probe, sameShape(problem, current) ? options.withWarmStart(current) : options);
        if (fallback != null) {
            plan = PlanningService.better(probe, plan, fallback.get().solve(probe, options));
        }
        CheckReport report = PlanChecker.check(probe, plan);
        boolean ok = report.hardRulesMet() && plan.status() != PlanStatus.INFEASIBLE
                && PlanningService.unserved(plan) <= unservedLimit;
        return ok ? plan : null;
    }

    private static boolean sameShape(Problem problem, Plan plan) {
        return plan != null && plan.bays().size() == problem.bays().size()
                && plan.grid().importKw().length == problem.slots();
    }

    /**
     * An upper bound on the firm net export over [from, to) on top of the firm requests there: the export limit; in
     * each slot the discharge power of the {@code maxActiveBays} strongest bays less the base load; the energy all
     * packs can give (from maxSoc, or a higher initial SOC, down to minSoc, after discharge losses) less the base
     * load's, spread over the window; each less what the firm requests already ask for.
     */
    static double upperBound(Problem problem, int from, int to) {
        double dt = problem.slotHours();
        List<Bay> bays = problem.bays();
        double[] discharge = new double[bays.size()];
        double energy = 0;
        for (int b = 0; b < bays.size(); b++) {
            PackType type = problem.packType(bays.get(b).packType());
            discharge[b] = type.maxDischargeKw();
            double top = Math.max(type.maxSoc(), bays.get(b).soc());
            energy += Math.max(0, top - type.minSoc()) * type.capacityKwh() * type.dischargeEfficiency();
        }
        Arrays.sort(discharge);
        int k = problem.site().activeBayLimit(bays.size());
        double power = 0;
        for (int i = 0; i < k; i++) {
            power += discharge[discharge.length - 1 - i];
        }
        double bound = Double.POSITIVE_INFINITY;
        double baseEnergy = 0;
        for (int t = from; t < to; t++) {
            double committed = Commitments.firmLevel(problem, t);
            bound = Math.min(bound, Math.min(problem.site().exportLimitKw(t), power - problem.site().baseLoadKw(t))
                    - committed);
            baseEnergy += (problem.site().baseLoadKw(t) + committed) * dt;
        }
        bound = Math.min(bound, (energy - baseEnergy) / ((to - from) * dt));
        return Math.max(0, bound);
    }

    /**
     * A witness made into a plan of {@code target} (the witness's problem with the probe replaced by a real request of
     * at most the proven kW over the same window): same powers, SOC and swaps; the request's runs in the accepted list;
     * no bound (it was proven for another problem); the objective recomputed by {@link PlanChecker}. Null when the
     * result does not pass the checker.
     */
    public static Plan adapt(Plan witness, Problem target, String requestId) {
        List<String> accepted = new ArrayList<>();
        for (String id : witness.acceptedDispatchRequests() == null ? List.<String>of() : witness.acceptedDispatchRequests()) {
            if (!Commitments.isRunOf(id, PROBE_ID)) {
                accepted.add(id);
            }
        }
        accepted.addAll(Commitments.runs(target, requestId));
        Plan draft = new Plan(witness.formatVersion(), witness.stationId(), PlanStatus.FEASIBLE, witness.objective(),
                null, null, witness.solveMillis(), witness.grid(), witness.bays(), witness.unservedSwaps(), accepted,
                List.of(), witness.solver() + "+witness");
        CheckReport report = PlanChecker.check(target, draft);
        if (!report.hardRulesMet() || report.objective() == null) {
            return null;
        }
        Plan plan = new Plan(draft.formatVersion(), draft.stationId(), PlanStatus.FEASIBLE, report.objective(), null,
                null, draft.solveMillis(), draft.grid(), draft.bays(), draft.unservedSwaps(), accepted, List.of(),
                draft.solver());
        return PlanChecker.check(target, plan).feasible() ? plan : null;
    }
}
