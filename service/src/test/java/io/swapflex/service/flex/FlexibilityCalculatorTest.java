package io.swapflex.service.flex;

import io.swapflex.datasets.examples.Examples;
import io.swapflex.optimizer.SolveOptions;
import io.swapflex.optimizer.check.CheckReport;
import io.swapflex.optimizer.check.PlanChecker;
import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.optimizer.contract.Horizon;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.optimizer.flow.FlowScheduler;
import io.swapflex.optimizer.generate.StationGenerator;
import io.swapflex.optimizer.registry.Schedulers;
import io.swapflex.service.plan.Commitments;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlexibilityCalculatorTest {

    private static final SolveOptions OPTIONS = new SolveOptions(Duration.ofSeconds(5), 0.001, null);
    private static final FlexibilityCalculator CALCULATOR = new FlexibilityCalculator(3);

    private static Problem example(String name) {
        return ContractJson.readProblem(Examples.json(name));
    }

    @Test
    void windowsAreClockHoursOfTheHorizon() {
        Problem demo = example("demo-3bay-hourly");
        assertEquals(24, FlexibilityCalculator.hourWindows(demo).size(), "hourly slots: one window per slot");
        Problem thai = example("thai-2w-12");
        List<int[]> windows = FlexibilityCalculator.hourWindows(thai);
        assertEquals(24, windows.size());
        assertEquals(4, windows.get(0)[1]);
        Problem late = new Problem(thai.formatVersion(), thai.stationId(),
                new Horizon("2026-11-26T10:15:00+07:00", 15, 96), thai.site(), thai.packTypes(), thai.bays(),
                thai.swapDemand(), thai.tariff(), thai.dispatchRequests(), thai.unservedSwapPenalty());
        windows = FlexibilityCalculator.hourWindows(late);
        assertEquals(25, windows.size(), "10:15 to 10:15 the next day: a short first and last window");
        assertEquals(3, windows.get(0)[1], "10:15–11:00");
        assertEquals(96, windows.get(24)[1]);
    }

    @Test
    void theBoundIsTheExportLimitThePowerOfTheActiveBaysOrTheStoredEnergy() {
        Problem demo = example("demo-3bay-hourly");
        // export limit 2 kW; 2 active bays × 1 kW − 0.1 kW base load = 1.9 kW
        assertEquals(1.9, FlexibilityCalculator.upperBound(demo, 0, 1), 1e-9);
        // 3 packs × (1.0 − 0.1) × 1.8 kWh × 0.95 = 4.617 kWh; over 5 h less 0.5 kWh base load: 0.8234 kW
        assertEquals((4.617 - 0.5) / 5, FlexibilityCalculator.upperBound(demo, 0, 5), 1e-9);
    }

    /** The figures are honest: each window's kW, committed as a firm request, is planned with no more unserved swaps. */
    @Test
    void everyOfferedWindowIsMetWhenCommittedAsAFirmRequest() {
        for (String name : List.of("demo-3bay-hourly", "van-truck-depot")) {
            Problem problem = example(name);
            Plan current = Schedulers.byName("greedy").solve(problem, OPTIONS);
            int offered = 0;
            for (int[] w : FlexibilityCalculator.hourWindows(problem)) {
                FlexibilityCalculator.Proven p = CALCULATOR.maxExport(problem, current, w[0], w[1]);
                assertTrue(p.exportKw() <= p.upperBoundKw() + 1e-9);
                if (p.exportKw() == 0) {
                    continue;
                }
                offered++;
                Problem firm = Commitments.addOnTop(problem, "dr-test", w[0], w[1], p.exportKw(), 2.0, true);
                // the witness, made a plan of the committed problem, is what the service commits
                Plan plan = FlexibilityCalculator.adapt(p.witness(), firm, "dr-test");
                assertNotNull(plan, "the witness is a plan of the committed problem");
                CheckReport report = PlanChecker.check(firm, plan);
                assertTrue(report.feasible(), () -> name + " window " + w[0] + ": " + report.summary());
                assertTrue(plan.unservedTotal() <= current.unservedTotal());
                for (int t = w[0]; t < w[1]; t++) {
                    assertTrue(plan.grid().exportKw()[t] - plan.grid().importKw()[t]
                            >= Commitments.firmLevel(problem, t) + p.exportKw() - 1e-5);
                }
            }
            assertTrue(offered > 0, name + " offers some window");
        }
    }

    /**
     * A large station (probes re-plan at most a few dozen of its bays): every hour offered over the day is proven by a
     * witness the checker passes for the problem with the figure as one more firm request, serving as many swaps as
     * the current plan, and the day's figures are the same on a second computation.
     */
    @Test
    void aLargeStationsHoursAreProvenByWitnessesTheCheckerPasses() {
        Problem problem = StationGenerator.generate(200, StationGenerator.typesFor(200), 1);
        Plan current = FlowScheduler.workBudget(20261126L).solve(problem,
                new SolveOptions(Duration.ofSeconds(1), SolveOptions.DEFAULT_GAP, null));
        List<FlexibilityCalculator.Proven> day = CALCULATOR.allWindows(problem, current);
        double total = 0;
        int offered = 0;
        for (FlexibilityCalculator.Proven p : day) {
            assertTrue(p.exportKw() <= p.upperBoundKw() + 1e-9);
            if (p.exportKw() == 0) {
                assertNull(p.witness());
                continue;
            }
            offered++;
            total += p.exportKw();
            Problem firm = Commitments.addOnTop(problem, FlexibilityCalculator.PROBE_ID, p.fromSlot(), p.toSlot(),
                    p.exportKw(), 0.0, true);
            CheckReport report = PlanChecker.check(firm, p.witness());
            assertTrue(report.hardRulesMet(), () -> "window " + p.fromSlot() + ": " + report.summary());
            assertTrue(p.witness().unservedTotal() <= current.unservedTotal());
        }
        // measured 2026-12-06: 17–21 of the 24 hours offered, about 3,700 kW summed from a 2 s plan
        assertTrue(offered >= 12, "hours offered: " + offered);
        assertTrue(total > 2_000, "summed figures: " + total);
        assertEquals(day.stream().map(FlexibilityCalculator.Proven::exportKw).toList(),
                CALCULATOR.allWindows(problem, current).stream().map(FlexibilityCalculator.Proven::exportKw).toList(),
                "the same figures on a second computation");
    }

    @Test
    void aWindowBeyondTheBankIsNotOffered() {
        Problem demo = example("demo-3bay-hourly");
        Plan current = Schedulers.byName("greedy").solve(demo, OPTIONS);
        // The whole day at once: the bank cannot hold any export for 24 hours without leaving swaps unserved.
        FlexibilityCalculator.Proven p = CALCULATOR.maxExport(demo, current, 0, 24);
        assertTrue(p.exportKw() < 0.2, "24 h of export from 3 small packs: " + p.exportKw());
        if (p.exportKw() == 0) {
            assertNull(p.witness());
        }
    }
}
