package io.swapflex.optimizer.contract;

/** How a solve ended; see CONTRACT.md "Plan". */
public enum PlanStatus {
    /** Proven optimal: gap ≤ 1e-6. */
    OPTIMAL,
    /** Every hard rule met; the search stopped at the requested gap. */
    FEASIBLE,
    /** No plan can meet every hard rule; the plan is the best compromise and {@code violations} says what is broken. */
    INFEASIBLE,
    /** The time limit ended the search; the plan is the best found. */
    TIME_LIMIT
}
