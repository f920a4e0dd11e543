package io.swapflex.optimizer.fleet;

import io.swapflex.optimizer.contract.PackType;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.contract.PlanStatus;
import io.swapflex.optimizer.contract.Problem;

import java.util.List;

/** A station's plans as the fleet reads and restates them: net export flows, rules met, shares dropped. */
final class StationPlans {

    private StationPlans() {
    }

    /**
     * A station plan made under fleet shares, stated for the station's own problem: its bound is one of the problem
     * with the shares, not of the station alone, so it is dropped (the fleet's bound is the proven one).
     */
    static Plan honest(Plan p) {
        return new Plan(p.formatVersion(), p.stationId(), p.status() == PlanStatus.OPTIMAL ? PlanStatus.FEASIBLE
                        : p.status(),
                p.objective(), null, null, p.solveMillis(), p.grid(), p.bays(), p.unservedSwaps(),
                ownRequests(p.acceptedDispatchRequests()), p.violations(), p.solver());
    }

    /** The requests a plan names, without the fleet's shares (they are not the station's requests). */
    private static List<String> ownRequests(List<String> ids) {
        return ids == null ? null : ids.stream().filter(id -> !id.startsWith(Shares.SHARE_PREFIX)).toList();
    }

    /**
     * A station's plan alone with the bound a later solve of the same problem proved (a bound is the problem's, not
     * the plan's); used for the fleet's bound only, never as a station plan.
     */
    static Plan withBound(Plan p, double bound) {
        return new Plan(p.formatVersion(), p.stationId(), p.status(), p.objective(), bound,
                Plan.gapOf(p.objective().total(), bound), p.solveMillis(), p.grid(), p.bays(), p.unservedSwaps(),
                p.acceptedDispatchRequests(), p.violations(), p.solver());
    }

    /**
     * Whether the scheduler says the plan meets every rule of the problem it solved: no violation listed and not
     * INFEASIBLE (a TIME_LIMIT plan may meet every rule: the time ended the search before the gap target).
     */
    static boolean meetsRules(Plan p) {
        return p.status() != PlanStatus.INFEASIBLE && p.violations().isEmpty();
    }

    /** The plan of a station that missed only its fleet shares, stated for the station's own problem. */
    static Plan asFeasible(Plan p) {
        return new Plan(p.formatVersion(), p.stationId(), PlanStatus.FEASIBLE, p.objective(), null, null,
                p.solveMillis(), p.grid(), p.bays(), p.unservedSwaps(), ownRequests(p.acceptedDispatchRequests()),
                List.of(), p.solver());
    }

    /** Most net export per slot: the strongest allowed bays discharging at full power, less the base load. */
    static double[] mostExport(Problem p) {
        int slots = p.slots();
        double[] power = p.bays().stream().mapToDouble(b -> {
            PackType k = p.packType(b.packType());
            return k.maxDischargeKw();
        }).sorted().toArray();
        int active = p.site().activeBayLimit(power.length);
        double strongest = 0;
        for (int i = 0; i < active; i++) {
            strongest += power[power.length - 1 - i];
        }
        double[] most = new double[slots];
        for (int t = 0; t < slots; t++) {
            most[t] = Math.min(p.site().exportLimitKw(t), strongest - p.site().baseLoadKw(t));
        }
        return most;
    }

    static double[][] flows(Plan[] plans, int slots) {
        double[][] x = new double[plans.length][];
        for (int s = 0; s < plans.length; s++) {
            x[s] = flow(plans[s], slots);
        }
        return x;
    }

    /** Net export per slot. */
    static double[] flow(Plan p, int slots) {
        double[] x = new double[slots];
        for (int t = 0; t < slots; t++) {
            x[t] = p.grid().exportKw()[t] - p.grid().importKw()[t];
        }
        return x;
    }
}
