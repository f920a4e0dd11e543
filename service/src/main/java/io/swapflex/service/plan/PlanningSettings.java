package io.swapflex.service.plan;

import io.swapflex.optimizer.SolveOptions;
import io.swapflex.optimizer.registry.Schedulers;

import java.time.Duration;

/**
 * How the service plans.
 *
 * @param solver             a scheduler name of {@link Schedulers}, or "default" for {@link Schedulers#DEFAULT}
 * @param timeLimit          the time limit of a station re-plan
 * @param gapTarget          the gap at which a re-plan may stop early
 * @param maxSolveTimeLimit  the most a direct solve ({@code POST /api/v1/plans/solve}) may ask for
 */
public record PlanningSettings(String solver, Duration timeLimit, double gapTarget, Duration maxSolveTimeLimit) {

    public String solverName() {
        return solver == null || solver.equals("default") ? Schedulers.DEFAULT : solver;
    }

    public SolveOptions options() {
        return new SolveOptions(timeLimit, gapTarget, null);
    }
}
