package io.swapflex.optimizer.contract;

import java.util.List;
import java.util.Map;

/**
 * A plan for a {@link Problem}, contract format v1.
 *
 * @param bound  a proven lower bound on {@code objective.total}, or null when none is proven
 * @param gap    (total − bound) / max(1, |total|), or null without a bound
 * @param solver which scheduler made the plan (optional addition to v1, informative only)
 */
public record Plan(int formatVersion, String stationId, PlanStatus status, Objective objective, Double bound,
                   Double gap, long solveMillis, GridFlow grid, List<BaySchedule> bays,
                   Map<String, int[]> unservedSwaps, List<String> acceptedDispatchRequests, List<String> violations,
                   String solver) {

    public Plan withStatus(PlanStatus newStatus) {
        return new Plan(formatVersion, stationId, newStatus, objective, bound, gap, solveMillis, grid, bays,
                unservedSwaps, acceptedDispatchRequests, violations, solver);
    }

    public Plan withViolations(List<String> newViolations) {
        return new Plan(formatVersion, stationId, status, objective, bound, gap, solveMillis, grid, bays,
                unservedSwaps, acceptedDispatchRequests, newViolations, solver);
    }

    /** The swaps the plan leaves unserved, summed over pack types and slots (0 without the row). */
    public int unservedTotal() {
        int sum = 0;
        if (unservedSwaps != null) {
            for (int[] row : unservedSwaps.values()) {
                for (int u : row) {
                    sum += u;
                }
            }
        }
        return sum;
    }

    /** The contract's gap: (total − bound) / max(1, |total|). */
    public static Double gapOf(double total, Double bound) {
        return bound == null ? null : Math.max(0.0, (total - bound) / Math.max(1.0, Math.abs(total)));
    }
}
