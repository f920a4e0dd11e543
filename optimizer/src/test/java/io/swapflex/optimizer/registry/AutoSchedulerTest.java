package io.swapflex.optimizer.registry;

import io.swapflex.datasets.examples.Examples;
import io.swapflex.optimizer.Problems;
import io.swapflex.optimizer.SolveOptions;
import io.swapflex.optimizer.plan.PlanChoice;
import io.swapflex.optimizer.check.PlanChecker;
import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.optimizer.check.CheckReport;
import io.swapflex.optimizer.contract.PlanStatus;
import io.swapflex.optimizer.flow.FlowScheduler;
import io.swapflex.optimizer.reference.ReferenceMipScheduler;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AutoSchedulerTest {

    private static final SolveOptions SHORT = new SolveOptions(Duration.ofSeconds(2), 1e-3, null);
    /**
     * The 3-bay demo with its tariff-derived end value: HiGHS on the exact per-bay model proves 46.6718 (dual bound
     * 46.6694, 3.8 s; 2026-12-06). The flow scheduler alone plans 50.31 in 2 s here, the reference MIP the optimum.
     */
    private static final double DEMO_OPTIMUM = 46.6718;
    private static final double DEMO_HIGHS_BOUND = 46.6694 - 1e-4;

    private static Plan solve(String example) {
        Problem problem = ContractJson.readProblem(Examples.json(example));
        Plan plan = Schedulers.byName(Schedulers.DEFAULT).solve(problem, SHORT);
        assertTrue(PlanChecker.check(problem, plan).feasible(), () -> PlanChecker.check(problem, plan).summary());
        return plan;
    }

    /**
     * The portfolio of the default's two members on their work budgets without the wall clock: each member then gives
     * the same plan inside the portfolio as alone, whatever the machine's load, so "the better of both" is exact. (The
     * default instance also stops both at the time limit, so on a busy machine its members' plans depend on how far
     * they got; {@link #theDefaultPlansTheDemoWithinItsRules} checks that one.)
     */
    private static AutoScheduler portfolioOnWorkBudgets() {
        return (AutoScheduler) Schedulers.workLimited("auto");
    }

    /**
     * The command line's {@code --work-limit}: the default on a work limit alone gives the same plan twice (fresh
     * instances, as two runs of the command), on a portfolio station and on a flow one, and says its solve was
     * reproducible; the scheduler by name says so only where the wall clock did not end its search.
     */
    @Test
    void theWorkLimitedDefaultRepeatsItsPlanAndSaysSo() {
        SolveOptions second = new SolveOptions(Duration.ofSeconds(1), 1e-3, null);
        for (Problem problem : new Problem[] {ContractJson.readProblem(Examples.json("demo-3bay-hourly")),
                Problems.random(5, 12, 24)}) {
            String[] plans = new String[2];
            for (int run = 0; run < 2; run++) {
                io.swapflex.optimizer.Scheduler scheduler = Schedulers.workLimited("auto");
                Plan plan = scheduler.solve(problem, second);
                CheckReport report = PlanChecker.check(problem, plan);
                assertTrue(report.hardRulesMet(), report::summary);
                assertTrue(scheduler.lastSolveReproducible(), problem.stationId());
                plans[run] = ContractJson.write(plan).replaceAll("\"solveMillis\"\\s*:\\s*\\d+", "");
            }
            assertEquals(plans[0], plans[1], problem.stationId());
        }
        assertFalse(new ReferenceMipScheduler().lastSolveReproducible(), "a wall-clock scheduler before any solve");
    }

    @Test
    void smallStationsGetTheBetterOfBothSchedulers() {
        Problem problem = ContractJson.readProblem(Examples.json("demo-3bay-hourly"));
        Plan plan = portfolioOnWorkBudgets().solve(problem, SHORT);
        assertTrue(PlanChecker.check(problem, plan).feasible(), () -> PlanChecker.check(problem, plan).summary());
        Plan reference = ReferenceMipScheduler.workBudget().solve(problem, SHORT);
        Plan flow = FlowScheduler.workBudget(AutoScheduler.SEED).solve(problem, SHORT);
        assertTrue(plan.objective().total() <= reference.objective().total() + 1e-6);
        assertTrue(plan.objective().total() <= flow.objective().total() + 1e-6);
        assertTrue(plan.objective().total() >= DEMO_HIGHS_BOUND, "no plan beats HiGHS's dual bound");
        assertEquals(DEMO_OPTIMUM, plan.objective().total(), 0.01, "the reference proves the optimum in its budget");
    }

    @Test
    void theDefaultPlansTheDemoWithinItsRules() {
        Plan plan = solve("demo-3bay-hourly"); // checked there
        assertTrue(plan.objective().total() >= DEMO_HIGHS_BOUND, "no plan beats HiGHS's dual bound");
        assertNotNull(plan.bound());
        assertTrue(plan.bound() <= DEMO_OPTIMUM + 1e-3, () -> "a proven bound stays below the optimum: " + plan.bound());
    }

    @Test
    void aPlanThatBreaksARuleNeverWinsOverOneThatMeetsThem() {
        Problem problem = Problems.fourBaysFirmEvening();
        SolveOptions options = new SolveOptions(Duration.ofSeconds(3), 1e-3, null);
        Plan reference = ReferenceMipScheduler.workBudget().solve(problem, options);
        Plan flow = FlowScheduler.workBudget(AutoScheduler.SEED).solve(problem, options);
        CheckReport flowReport = PlanChecker.check(problem, flow);
        assertTrue(flowReport.feasible(), flowReport::summary);

        Plan auto = portfolioOnWorkBudgets().solve(problem, options);
        CheckReport report = PlanChecker.check(problem, auto);
        assertTrue(report.feasible(), report::summary);
        assertTrue(auto.violations().isEmpty());
        assertTrue(auto.objective().total() <= flow.objective().total() + 1e-6);
        assertTrue(auto.objective().total() >= 184.504 - 1e-3, "no plan beats HiGHS's dual bound");
        assertNotNull(auto.bound());
        assertTrue(auto.bound() <= 185.246 + 1e-6, "a proven bound stays below HiGHS's best plan");
        if (!PlanChecker.check(problem, reference).hardRulesMet()) {
            // the case: the exact search's plan breaks the firm request; the portfolio never returns it
            assertFalse(reference.violations().isEmpty());
            assertEquals("flow", auto.solver());
        }
    }

    @Test
    void theChoiceTakesTheRuleAbidingPlanAndTheHigherBound() {
        Problem problem = Problems.fourBaysFirmEvening();
        SolveOptions options = new SolveOptions(Duration.ofSeconds(1), 1e-3, null);
        Plan flow = FlowScheduler.deterministic(AutoScheduler.SEED, true).solve(problem, options);
        // a plan that breaks the firm request (it ignores it) at a lower total, and a proven bound above flow's
        Plan breaking = new ReferenceMipScheduler().solve(withoutRequests(problem), options)
                .withViolations(java.util.List.of("firm request dr-evening not met"))
                .withStatus(PlanStatus.TIME_LIMIT);
        assertFalse(PlanChecker.check(problem, breaking).hardRulesMet());
        assertTrue(breaking.objective().total() < flow.objective().total(), "the breaking plan is the cheaper one");
        Plan chosen = PlanChoice.better(problem, breaking, flow, 1e-3, 5);
        assertEquals(flow.objective().total(), chosen.objective().total(), 1e-9);
        assertTrue(PlanChecker.check(problem, chosen).feasible(), () -> PlanChecker.check(problem, chosen).summary());
        assertEquals(5, chosen.solveMillis());

        // two rule-abiding plans: the lower total, and the higher of the two proven bounds
        Plan better = PlanChoice.better(problem, flow, rebound(flow, flow.bound() + 1.0), 1e-3, 5);
        assertEquals(flow.bound() + 1.0, better.bound(), 1e-9);
        assertTrue(PlanChecker.check(problem, better).feasible(), () -> PlanChecker.check(problem, better).summary());
    }

    private static Problem withoutRequests(Problem p) {
        return new Problem(p.formatVersion(), p.stationId(), p.horizon(), p.site(), p.packTypes(), p.bays(),
                p.swapDemand(), p.tariff(), java.util.List.of(), p.unservedSwapPenalty());
    }

    private static Plan rebound(Plan p, double bound) {
        return new Plan(p.formatVersion(), p.stationId(), p.status(), p.objective(), bound,
                Plan.gapOf(p.objective().total(), bound), p.solveMillis(), p.grid(), p.bays(), p.unservedSwaps(),
                p.acceptedDispatchRequests(), p.violations(), p.solver());
    }

    @Test
    void dayLongStationsGoToTheFlowScheduler() {
        assertEquals("flow", solve("thai-2w-12").solver());
    }
}
