package io.swapflex.optimizer.registry;

import io.swapflex.datasets.examples.Examples;
import io.swapflex.optimizer.SolveOptions;
import io.swapflex.optimizer.check.PlanChecker;
import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.contract.Problem;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AutoSchedulerTest {

    private static final SolveOptions SHORT = new SolveOptions(Duration.ofSeconds(2), 1e-3, null);

    private static Plan solve(String example) {
        Problem problem = ContractJson.readProblem(Examples.json(example));
        Plan plan = Schedulers.byName(Schedulers.DEFAULT).solve(problem, SHORT);
        assertTrue(PlanChecker.check(problem, plan).feasible(), () -> PlanChecker.check(problem, plan).summary());
        return plan;
    }

    @Test
    void smallStationsGoToTheExactSearch() {
        assertEquals("reference-mip", solve("demo-3bay-hourly").solver());
    }

    @Test
    void dayLongStationsGoToTheFlowScheduler() {
        assertEquals("flow", solve("thai-2w-12").solver());
    }
}
