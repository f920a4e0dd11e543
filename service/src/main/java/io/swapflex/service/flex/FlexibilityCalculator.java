package io.swapflex.service.flex;

import io.swapflex.optimizer.check.CheckReport;
import io.swapflex.optimizer.check.PlanChecker;
import io.swapflex.optimizer.contract.Bay;
import io.swapflex.optimizer.contract.PackType;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.contract.PlanStatus;
import io.swapflex.optimizer.flow.ExportProbe;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.service.plan.Commitments;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How much firm net export a station can add in a window of its horizon, proven by a plan.
 *
 * <p>The figure is net export <em>on top of</em> the firm requests the problem already has (the operator's requests add
 * up, see {@link Commitments}). <b>Method.</b> For a window [from, to) of slots: an upper bound U from physics (the
 * meter's export limit; the discharge power of the {@code maxActiveBays} strongest bays less the base load, in every
 * slot; the energy all packs hold between minSoc and maxSoc, less the base load's). Then the station's current plan is
 * re-planned with the window's export requirement raised by X ({@link ExportProbe}: exact per-bay best responses and
 * group moves from the current plan, X = U first, then bisected), and each re-plan proves the least extra export it
 * reaches over the window. X counts as deliverable only with a plan of the problem with one more firm request of X kW
 * over the window that passes {@link PlanChecker}'s hard rules and leaves no more swaps unserved than the station's
 * current plan. The largest X so proven is the offer, and that plan — the <em>witness</em> — is kept: it meets the
 * request at X, so any request of at most X kW over the window on the same problem can be planned (see {@link #adapt}).
 * Nothing here is an estimate: a figure without a witness is 0.
 *
 * <p>Until issue 15 each probe was a full warm-started solve (300 ms, bisected five times): 20–40 s of CPU a station
 * and plan version. The parametric probes give a station's day in 0.4–1.3 s of CPU from the examples to 400 bays
 * ({@code ./swapflex bench flexibility}, see docs/api.md).
 */
public final class FlexibilityCalculator {

    /** The id of the probing request added to a problem. */
    static final String PROBE_ID = "flexibility-probe";
    /** Seed of the probes' bay orders (the figures are reproducible). */
    private static final long SEED = 20261206L;

    private final int steps;

    /**
     * @param steps bisection steps after the upper bound fails (the bracket is then U / 2^steps wide at most; each probe
     *              also proves what it reaches)
     */
    public FlexibilityCalculator(int steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be ≥ 0");
        }
        this.steps = steps;
    }

    /** The method of a probe, in words. */
    public String describe() {
        return "parametric re-plans of the current plan (best responses and group moves), " + steps
                + " bisection steps";
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
     * @param current the station's current plan of {@code problem} (its unserved swaps are the limit; the probes start
     *                from it)
     */
    public Proven maxExport(Problem problem, Plan current, int from, int to) {
        return maxExport(problem, current, new ExportProbe(problem, current, SEED), from, to);
    }

    /** Every clock-hour window of the horizon ({@link #hourWindows}), the probes' structures built once. */
    public List<Proven> allWindows(Problem problem, Plan current) {
        ExportProbe probe = new ExportProbe(problem, current, SEED);
        List<Proven> proven = new ArrayList<>();
        for (int[] window : hourWindows(problem)) {
            proven.add(maxExport(problem, current, probe, window[0], window[1]));
        }
        return proven;
    }

    private Proven maxExport(Problem problem, Plan current, ExportProbe probe, int from, int to) {
        double bound = upperBound(problem, from, to);
        if (bound <= 1e-6) {
            return new Proven(from, to, 0, 0, null, 0);
        }
        ExportProbe.Window found = probe.maxExport(from, to, bound, steps,
                kw -> Commitments.addOnTop(problem, PROBE_ID, from, to, kw, 0.0, true));
        if (found.witness() == null) {
            return new Proven(from, to, bound, 0, null, found.probes());
        }
        // the checker has the last word: a figure stands only with a witness that keeps every rule and swap
        Problem probed = Commitments.addOnTop(problem, PROBE_ID, from, to, found.exportKw(), 0.0, true);
        CheckReport report = PlanChecker.check(probed, found.witness());
        boolean ok = report.hardRulesMet() && found.witness().unservedTotal()
                <= current.unservedTotal();
        return ok ? new Proven(from, to, bound, found.exportKw(), found.witness(), found.probes())
                : new Proven(from, to, bound, 0, null, found.probes());
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
