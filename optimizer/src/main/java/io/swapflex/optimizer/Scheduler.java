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

    /**
     * Whether this instance's last solve ended by its work budget, its gap target or a proof, and not by the wall
     * clock: then the same problem and options give the same plan again, on any machine and under any load. False
     * where the wall clock ended or paced the search (a time limit on a machine that did not do the limit's work in
     * time), or where the scheduler reads only the wall clock. Informative (the command line says so under its
     * summary); with solves running at once on one instance it describes one of them.
     */
    default boolean lastSolveReproducible() {
        return false;
    }
}
