package io.swapflex.optimizer;

import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.contract.Problem;

/**
 * Makes a plan for a valid problem (see {@link io.swapflex.optimizer.contract.ProblemValidator}).
 *
 * <p>Implementations never throw for solver outcomes: an infeasible problem gets the best compromise plan with status
 * {@code INFEASIBLE} and its violations in words; a time limit gets the best plan found with status {@code TIME_LIMIT}.
 */
public interface Scheduler {

    /** A short name reported in the plan's {@code solver} field. */
    String name();

    Plan solve(Problem problem, SolveOptions options);
}
