package io.swapflex.optimizer.flow;

import io.swapflex.optimizer.SolveOptions;
import io.swapflex.optimizer.check.CheckReport;
import io.swapflex.optimizer.check.PlanChecker;
import io.swapflex.optimizer.contract.PackType;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.contract.PlanStatus;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.optimizer.generate.StationGenerator;
import io.swapflex.optimizer.plan.PlanAssembler;
import io.swapflex.optimizer.registry.AutoScheduler;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Plans from the relaxation's row ({@link RelaxedRow}, {@link LagrangianDual#servedRow}) on the 50-bay ladder station
 * of seed 2: a 37 kW import limit that the afternoon fills, a firm export at 19:00–20:00 in the evening swap peak, and
 * about twenty swaps no plan found so far can serve.
 */
class RelaxedRowTest {

    private static final Problem STATION = StationGenerator.generate(50, StationGenerator.typesFor(50), 2);

    /** The row is whole numbers within the demand, gives up swaps here, and a frozen copy of the dual keeps it. */
    @Test
    void theRelaxationsRowGivesUpSomeSwapsAndIsKeptByAFrozenDual() {
        StationModel model = new StationModel(STATION);
        LagrangianDual dual = new LagrangianDual(model, FlowScheduler.COARSE_BOUND_STEPS);
        assertNull(dual.servedRow(), "no row before the first step");
        for (int i = 0; i < 2_000; i++) {
            dual.step(6_500);
        }
        int[][] row = dual.servedRow();
        int asked = 0;
        int served = 0;
        for (int k = 0; k < model.typeCount(); k++) {
            for (int t = 0; t < model.slots; t++) {
                assertTrue(row[k][t] >= 0 && row[k][t] <= model.demand[k][t], "type " + k + " slot " + t);
                asked += model.demand[k][t];
                served += row[k][t];
            }
        }
        assertTrue(served < asked, "the relaxation serves " + served + " of " + asked);
        assertTrue(served > asked - 40, "the relaxation serves " + served + " of " + asked);
        LagrangianDual frozen = dual.frozen();
        dual.step(6_500);
        assertArrayEquals(row, frozen.servedRow(), "the frozen copy keeps the row of its moment");
    }

    /** The cut problem asks for the row's swaps, and every plan of it is a plan of the real problem. */
    @Test
    void aPlanOfTheCutProblemIsAPlanOfTheRealOne() {
        int types = STATION.packTypes().size();
        int[][] all = new int[types][STATION.slots()];
        int[][] row = new int[types][STATION.slots()];
        int cutAway = 0;
        for (int k = 0; k < types; k++) {
            String id = STATION.packTypes().get(k).id();
            for (int t = 0; t < STATION.slots(); t++) {
                all[k][t] = STATION.demand(id, t);
                // the evening peak (18:00-20:00) without a third of its riders
                row[k][t] = t >= 72 && t < 80 ? all[k][t] * 2 / 3 : all[k][t];
                cutAway += all[k][t] - row[k][t];
            }
        }
        assertNull(RelaxedRow.cut(STATION, all, 0, "cut"), "a row asking for every swap steers nothing");
        assertNull(RelaxedRow.cut(STATION, row, 0, "cut"), "a row giving up far more than the plan misses is no LP's");
        Problem cut = RelaxedRow.cut(STATION, row, cutAway, "cut");
        assertEquals(STATION.bays(), cut.bays(), "the same bays");
        for (int k = 0; k < types; k++) {
            PackType type = STATION.packTypes().get(k);
            for (int t = 0; t < STATION.slots(); t++) {
                assertEquals(row[k][t], cut.demand(type.id(), t));
            }
        }
        Plan plan = FlowSchedulerTest.checked(cut, FlowScheduler.workBudget(AutoScheduler.SEED)
                .solve(cut, new SolveOptions(Duration.ofMillis(300), 1e-4, null)));
        // the same schedules, written for the real problem: every rule met, the riders cut away counted unserved
        double[][] power = new double[plan.bays().size()][];
        boolean[][] swaps = new boolean[plan.bays().size()][];
        for (int b = 0; b < power.length; b++) {
            power[b] = plan.bays().get(b).powerKw();
            swaps[b] = plan.bays().get(b).swapOut();
        }
        Plan asReal = PlanAssembler.assemble(STATION, power, swaps, Set.copyOf(plan.acceptedDispatchRequests()),
                PlanStatus.TIME_LIMIT, null, 0, "flow");
        CheckReport real = PlanChecker.check(STATION, asReal);
        assertTrue(real.feasible(), () -> "on the real problem: " + real.violations());
        assertEquals(plan.unservedTotal() + cutAway, asReal.unservedTotal());
    }

    /**
     * What a user sees: the default scheduler's 10 s plan (its work budget, the same on any machine) serves more
     * riders. Continuing from the 2 s plan alone it left 20 unserved (6,309.8 THB); with the relaxation's row 18
     * (6,115.4). And it certifies more of it: with the later stage's dual warm from the first stage's the gap was
     * 17.55 %, ascending afresh 11.58 % (see {@link FlowScheduler#solve}), with the bound phases
     * ({@link SearchLoop#BOUND_PHASE_SHARE}) 9.92 % (6,201.4 THB, still 18 unserved: the later stages read the prices
     * and the row of the first stage's 60 %; on solver seed 1 the plan went 6,253.2 → 6,035.4).
     */
    @Test
    void theTenSecondPlanServesMoreRiders() {
        Plan plan = FlowSchedulerTest.workBudgetPlan(STATION, Duration.ofSeconds(10));
        assertTrue(plan.unservedTotal() <= 19, "unserved swaps: " + plan.unservedTotal());
        assertTrue(plan.objective().total() <= 6_250, "total: " + plan.objective().total());
        assertTrue(plan.gap() != null && plan.gap() <= 0.11, "gap: " + plan.gap());
    }
}
