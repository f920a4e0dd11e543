package io.swapflex.service.whatif;

import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.contract.Problem;

import java.time.Instant;

/**
 * One scenario of a job as stored: position 0 is the base.
 *
 * @param variations the scenario as submitted (JSON), {@code {}} for the base
 * @param plan       its plan once solved, else null
 * @param error      why its solve failed, else null
 */
public record WhatIfScenario(String jobId, int position, String name, String variations, String solver,
                             long timeLimitMillis, double gapTarget, Problem problem, Plan plan, String error,
                             Instant solvedAt) {

    public boolean finished() {
        return plan != null || error != null;
    }
}
