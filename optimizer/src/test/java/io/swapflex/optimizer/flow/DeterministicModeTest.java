package io.swapflex.optimizer.flow;

import io.swapflex.datasets.examples.Examples;
import io.swapflex.optimizer.Problems;
import io.swapflex.optimizer.registry.AutoScheduler;
import io.swapflex.optimizer.registry.Schedulers;
import io.swapflex.optimizer.SolveOptions;
import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.optimizer.generate.StationGenerator;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@link FlowScheduler#deterministic(long)}: the same plan whatever else runs beside it. */
class DeterministicModeTest {

    private static final SolveOptions OPTIONS = new SolveOptions(Duration.ofMillis(400), 0.0, null);

    @Test
    void sameProblemSamePlanAloneAndUnderLoad() throws Exception {
        Problem problem = ContractJson.readProblem(Examples.json("thai-2w-12"));
        Plan alone = FlowScheduler.deterministic(7).solve(problem, OPTIONS);
        FlowSchedulerTest.checked(problem, alone);
        // three at once on fewer cores: each solve gets a different share of the machine
        assertSameBeside(alone, 3, () -> FlowScheduler.deterministic(7).solve(problem, OPTIONS));
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
        assertSameBeside(alone, 2, () -> FlowScheduler.deterministic(7, false, true).solve(problem, OPTIONS));
    }

    /**
     * The default's work-charged budget without its wall-clock cap ({@link FlowScheduler#workBudget}): the batches of
     * dual steps follow the search's work, so this is where the balance between the two threads could make a plan depend
     * on timing; it must not. A 50-bay station with two pack types, beside another solve of the same.
     */
    @Test
    void theWorkChargedBudgetRepeatsItsPlan() throws Exception {
        Problem problem = StationGenerator.generate(50, StationGenerator.typesFor(50), 1);
        SolveOptions options = new SolveOptions(Duration.ofMillis(150), 0.0, null);
        Plan alone = FlowSchedulerTest.checked(problem, FlowScheduler.workBudget(3).solve(problem, options));
        assertSameBeside(alone, 2, () -> FlowScheduler.workBudget(3).solve(problem, options));
    }

    /**
     * Issue 15: the scheduler by name (the CLI's and the service's) gives the same plan for the same problem and
     * budget. Its time limit also stops it on the wall clock: when the machine could not do the budget's work in time
     * (a slow or overloaded machine), the plans may differ and the comparison is skipped, not passed. The Thai 12-bay
     * example reaches its gap target after about 3 s of the 30 s limit's work, long before the wall clock's catch-up
     * line (half the limit) could end it, so the comparison runs even on a machine a third slower than the reference
     * (with 2 s of a 12 × 24 station it was skipped on every run of 2026-12-07's machine).
     */
    @Test
    void theSchedulerByNameRepeatsItsPlan() {
        Problem problem = ContractJson.readProblem(Examples.json("thai-2w-12"));
        SolveOptions options = new SolveOptions(Duration.ofSeconds(30), SolveOptions.DEFAULT_GAP, null);
        FlowScheduler first = (FlowScheduler) Schedulers.byName("flow");
        Plan one = FlowSchedulerTest.checked(problem, first.solve(problem, options));
        FlowScheduler second = (FlowScheduler) Schedulers.byName("flow");
        Plan two = FlowSchedulerTest.checked(problem, second.solve(problem, options));
        assumeTrue(first.lastSolveReproducible() && second.lastSolveReproducible(),
                "the wall clock stopped a solve before its work budget: this machine is too busy to compare");
        assertEquals(withoutTime(one), withoutTime(two));
    }

    /**
     * Issue 15: more time never gives a worse plan. A solve of at least {@link FlowScheduler#STAGED_MIN} first makes
     * the {@link FlowScheduler#FIRST_STAGE} solve's plan, then improves on it; its plan costs no more and its bound is
     * no lower than the short solve's.
     */
    @Test
    void aLongerBudgetNeverGivesAWorsePlan() {
        Problem problem = StationGenerator.generate(12, StationGenerator.typesFor(12), 1);
        Plan shortPlan = FlowSchedulerTest.checked(problem,
                FlowScheduler.workBudget(5).solve(problem, new SolveOptions(FlowScheduler.FIRST_STAGE, 0.0, null)));
        SolveOptions longer = new SolveOptions(FlowScheduler.STAGED_MIN, 0.0, null);
        Plan longPlan = FlowSchedulerTest.checked(problem, FlowScheduler.workBudget(5).solve(problem, longer));
        assertTrue(
                longPlan.objective().total() <= shortPlan.objective().total() + 1e-9,
                () -> longPlan.objective().total() + " > " + shortPlan.objective().total());
        assertTrue(longPlan.bound() >= shortPlan.bound() - 1e-9,
                () -> longPlan.bound() + " < " + shortPlan.bound());
    }

    /**
     * Issue 15: nor a worse plan than a rung below it gives. A solve above {@link FlowScheduler#FIRST_STAGE} × {@link
     * FlowScheduler#RUNG_FACTOR} (10 s) first makes the 10 s solve's plan. Before the rungs, the 12-bay ladder station
     * of seed 2 gave 4,429.5 THB at 10 s and 4,430.3 at 11 s (4,429.9 at 30 s): the longer solve's stages were cut
     * differently, and its search went elsewhere.
     */
    @Test
    void aSolveAboveARungIsNeverWorseThanTheRungsPlan() {
        assertEquals(Duration.ofSeconds(2), FlowScheduler.rungBelow(Duration.ofSeconds(10)));
        assertEquals(Duration.ofSeconds(10), FlowScheduler.rungBelow(Duration.ofSeconds(11)));
        assertEquals(Duration.ofSeconds(10), FlowScheduler.rungBelow(Duration.ofSeconds(50)));
        assertEquals(Duration.ofSeconds(50), FlowScheduler.rungBelow(Duration.ofSeconds(60)));
        // on a capped wall clock the first stage may overrun its work twice, within half the limit or its share of it
        long s = 1_000_000_000L;
        assertEquals(4 * s, FlowScheduler.firstStageWall(2 * s, 30 * s, 30 * s));
        assertEquals(2 * s, FlowScheduler.firstStageWall(2 * s, 4 * s, 4 * s));
        assertEquals(15 * s, FlowScheduler.firstStageWall(10 * s, 30 * s, 30 * s));
        assertEquals(50 * s, FlowScheduler.firstStageWall(50 * s, 60 * s, 60 * s));
        Problem problem = StationGenerator.generate(12, StationGenerator.typesFor(12), 2);
        Duration rung = FlowScheduler.FIRST_STAGE.multipliedBy(FlowScheduler.RUNG_FACTOR);
        Plan atRung = FlowSchedulerTest.checked(problem, FlowScheduler.workBudget(AutoScheduler.SEED)
                .solve(problem, new SolveOptions(rung, SolveOptions.DEFAULT_GAP, null)));
        Plan above = FlowSchedulerTest.checked(problem, FlowScheduler.workBudget(AutoScheduler.SEED)
                .solve(problem, new SolveOptions(rung.plusSeconds(1), SolveOptions.DEFAULT_GAP, null)));
        assertTrue(above.objective().total() <= atRung.objective().total() + 1e-9,
                () -> above.objective().total() + " > " + atRung.objective().total());
        assertTrue(above.bound() >= atRung.bound() - 1e-9,
                () -> above.bound() + " < " + atRung.bound());
    }

    /** {@code solve} run {@code times} at once gives {@code alone}'s plan each time. */
    private static void assertSameBeside(Plan alone, int times, Callable<Plan> solve) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(times);
        try {
            List<Future<Plan>> runs = new ArrayList<>();
            for (int i = 0; i < times; i++) {
                runs.add(pool.submit(solve));
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
