package io.swapflex.optimizer.flow;

import io.swapflex.datasets.examples.Examples;
import io.swapflex.optimizer.SolveOptions;
import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.optimizer.registry.AutoScheduler;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 15: a warm solve (a re-plan, a staged solve's later stage, a fleet's price round) goes on from every multiplier
 * its station's last solve left, the swap-ready rows' included, so it certifies at least what that solve certified.
 * Work budgets: the outcome does not depend on the machine.
 */
class WarmDualTest {

    /**
     * The 21-bay example ends with 6 + 4 swap-ready packs (minReadyAtEnd), whose rows' multipliers were once dropped
     * between solves: two 200 ms re-plans without news then certified 1,028.5 and 999.9 THB after the 1 s solve's
     * 1,046.0, so the gap reported grew from 9.5 % to 13.4 % while the plan got better.
     */
    @Test
    void aReplanCertifiesAtLeastWhatTheLastSolveDid() {
        Problem problem = ContractJson.readProblem(Examples.json("mixed-2w3w-21"));
        FlowScheduler scheduler = FlowScheduler.workBudget(AutoScheduler.SEED);
        SolveOptions options = new SolveOptions(Duration.ofSeconds(1), 1e-4, null);
        Plan first = FlowSchedulerTest.checked(problem, scheduler.solve(problem, options));
        for (int replan = 1; replan <= 2; replan++) {
            Plan warm = FlowSchedulerTest.checked(problem,
                    scheduler.solve(problem, options.withTimeLimit(Duration.ofMillis(200)).withWarmStart(first)));
            assertNotNull(first.bound());
            assertNotNull(warm.bound());
            double floor = first.bound() - 1e-9 * Math.abs(first.bound());
            String what = "re-plan " + replan + ": bound " + warm.bound() + " after " + first.bound();
            assertTrue(warm.bound() >= floor, what);
            first = warm;
        }
    }
}
