package io.swapflex.optimizer.flow;

import io.swapflex.datasets.examples.Examples;
import io.swapflex.optimizer.Problems;
import io.swapflex.optimizer.registry.Schedulers;
import io.swapflex.optimizer.SolveOptions;
import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.contract.Problem;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** {@link FlowScheduler#deterministic(long)}: the same plan whatever else runs beside it. */
class DeterministicModeTest {

    private static final SolveOptions OPTIONS = new SolveOptions(Duration.ofMillis(400), 0.0, null);

    @Test
    void sameProblemSamePlanAloneAndUnderLoad() throws Exception {
        Problem problem = ContractJson.readProblem(Examples.json("thai-2w-12"));
        Plan alone = FlowScheduler.deterministic(7).solve(problem, OPTIONS);
        FlowSchedulerTest.checked(problem, alone);
        // three at once on fewer cores: each solve gets a different share of the machine
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<Plan>> runs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                runs.add(pool.submit(() -> FlowScheduler.deterministic(7).solve(problem, OPTIONS)));
            }
            for (Future<Plan> run : runs) {
                assertEquals(withoutTime(alone), withoutTime(run.get()));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The dual ascent on a thread of its own (the default's mode): batches of steps between fixed points of the plan
     * search, which reads only what the last point froze, so the plan is still the same alone and beside other solves.
     */
    @Test
    void withTheDualOnItsOwnThreadStillTheSamePlan() throws Exception {
        Problem problem = ContractJson.readProblem(Examples.json("thai-2w-12"));
        Plan alone = FlowScheduler.deterministic(7, false, true).solve(problem, OPTIONS);
        FlowSchedulerTest.checked(problem, alone);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Plan>> runs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                runs.add(pool.submit(() -> FlowScheduler.deterministic(7, false, true).solve(problem, OPTIONS)));
            }
            for (Future<Plan> run : runs) {
                assertEquals(withoutTime(alone), withoutTime(run.get()));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Issue 15: the scheduler by name (the CLI's and the service's) gives the same plan for the same problem and
     * budget. Its time limit also stops it on the wall clock: when the machine could not do the budget's work in time
     * (a slow or overloaded machine), the plans may differ and the comparison is skipped, not passed.
     */
    @Test
    void theSchedulerByNameRepeatsItsPlan() {
        Problem problem = Problems.random(11, 12, 24);
        SolveOptions options = new SolveOptions(Duration.ofSeconds(2), 0.0, null);
        FlowScheduler first = (FlowScheduler) Schedulers.byName("flow");
        Plan one = FlowSchedulerTest.checked(problem, first.solve(problem, options));
        FlowScheduler second = (FlowScheduler) Schedulers.byName("flow");
        Plan two = FlowSchedulerTest.checked(problem, second.solve(problem, options));
        assumeFalse(first.lastSolveHitWallClock() || second.lastSolveHitWallClock(),
                "the wall clock stopped a solve before its work budget: this machine is too busy to compare");
        assertEquals(withoutTime(one), withoutTime(two));
    }

    /** The plan's JSON without the wall time. */
    private static String withoutTime(Plan plan) {
        return ContractJson.write(plan).replaceAll("\"solveMillis\"\\s*:\\s*\\d+", "");
    }
}
