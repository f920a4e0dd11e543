package io.swapflex.optimizer.registry;

import io.swapflex.datasets.examples.Examples;
import io.swapflex.optimizer.Problems;
import io.swapflex.optimizer.SolveOptions;
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

    private static Plan solve(String example) {
        Problem problem = ContractJson.readProblem(Examples.json(example));
        Plan plan = Schedulers.byName(Schedulers.DEFAULT).solve(problem, SHORT);
        assertTrue(PlanChecker.check(problem, plan).feasible(), () -> PlanChecker.check(problem, plan).summary());
        return plan;
    }

    @Test
    void smallStationsGetTheBetterOfBothSchedulers() {
        Problem problem = ContractJson.readProblem(Examples.json("demo-3bay-hourly"));
        Plan plan = solve("demo-3bay-hourly");
        Plan reference = ReferenceMipScheduler.deterministic().solve(problem, SHORT);
        Plan flow = FlowScheduler.deterministic(AutoScheduler.SEED, true).solve(problem, SHORT);
        assertTrue(plan.objective().total() <= reference.objective().total() + 1e-6);
        assertTrue(plan.objective().total() <= flow.objective().total() + 1e-6);
        assertTrue(plan.objective().total() >= 45.03 - 0.01, "the proven optimum is 45.03");
    }

    @Test
    void aPlanThatBreaksARuleNeverWinsOverOneThatMeetsThem() {
        Problem problem = Problems.fourBaysFirmEvening();
        SolveOptions options = new SolveOptions(Duration.ofSeconds(3), 1e-3, null);
        Plan reference = ReferenceMipScheduler.deterministic().solve(problem, options);
        Plan flow = FlowScheduler.deterministic(AutoScheduler.SEED, true).solve(problem, options);
        CheckReport flowReport = PlanChecker.check(problem, flow);
        assertTrue(flowReport.feasible(), flowReport::summary);

        Plan auto = new AutoScheduler().solve(problem, options);
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
        Plan chosen = AutoScheduler.choose(problem, breaking, flow, 1e-3, 5);
        assertEquals(flow.objective().total(), chosen.objective().total(), 1e-9);
        assertTrue(PlanChecker.check(problem, chosen).feasible(), () -> PlanChecker.check(problem, chosen).summary());
        assertEquals(5, chosen.solveMillis());

        // two rule-abiding plans: the lower total, and the higher of the two proven bounds
        Plan better = AutoScheduler.choose(problem, flow, rebound(flow, flow.bound() + 1.0), 1e-3, 5);
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
