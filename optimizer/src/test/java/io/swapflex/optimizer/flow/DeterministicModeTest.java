package io.swapflex.optimizer.flow;

import io.swapflex.datasets.examples.Examples;
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

    /** The plan's JSON without the wall time. */
    private static String withoutTime(Plan plan) {
        return ContractJson.write(plan).replaceAll("\"solveMillis\"\\s*:\\s*\\d+", "");
    }
}
