package io.swapflex.optimizer.flow;

import io.swapflex.optimizer.SolveOptions;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.optimizer.generate.StationGenerator;
import io.swapflex.optimizer.registry.AutoScheduler;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Swap repairs with soft meter limits ({@link PrimalSearch#repairSwaps}): a morning burst that asks for every pack of
 * the bank at swap-ready SOC within the hour, under an import limit that charges five packs at a time.
 */
class SwapRepairTest {

    /**
     * The 12-bay ladder station of seed 3: nine swaps between 07:00 and 07:45 and twelve by 07:45, a 6 kW connection.
     * HiGHS serves every swap of its first 48 slots ({@code ./swapflex bench scheduler anatomy misses 600 3 48 12});
     * our plans left the 07:30 rider unserved at every budget (a certified gap of 24.6 %, all of it that swap) until
     * the repairs could lend the import limit out and have the bays around make the room back. On the default
     * scheduler's work budget (the same plan on any machine), at 2 s.
     */
    @Test
    void aBurstThatTakesEveryPackIsServedAndCertifiedWithinTwoPercent() {
        Problem problem = StationGenerator.generate(12, StationGenerator.typesFor(12), 3);
        Plan plan = FlowSchedulerTest.checked(problem, FlowScheduler.workBudget(AutoScheduler.SEED)
                .solve(problem, new SolveOptions(Duration.ofSeconds(2), 1e-4, null)));
        assertEquals(0, plan.unservedTotal(), "every rider of the morning burst served");
        assertTrue(plan.gap() != null && plan.gap() <= 0.02, "certified within 2 %: gap " + plan.gap());
    }

    /**
     * The 50-bay ladder station of seed 1: a firm evening export request (19:00–20:15) over the evening's two-wheeler
     * swaps, under a 37 kW import limit the afternoon already fills. Serving the 18:30–20:00 riders takes three-wheeler
     * packs charged early enough to carry the export while two-wheeler packs charge. When half of a 2 s search went to
     * constructions and the other half to group moves, the plan left four (3,304 THB, gap 19.6 %); with the rounds
     * repairing swaps while that pays (stations of 31–60 bays) it leaves one (2,887 THB). A plan serving all of them
     * exists (2,754 THB, found by a variant of hole filling on one solver seed of three), so this asserts what the
     * default reaches, not the best. On the default scheduler's work budget (the same plan on any machine), at 2 s.
     */
    @Test
    void aFiftyBayStationServesItsEveningRidersUnderAFirmExportRequest() {
        Problem problem = StationGenerator.generate(50, StationGenerator.typesFor(50), 1);
        Plan plan = FlowSchedulerTest.checked(problem, FlowScheduler.workBudget(AutoScheduler.SEED)
                .solve(problem, new SolveOptions(Duration.ofSeconds(2), 1e-4, null)));
        assertTrue(plan.unservedTotal() <= 1, "at most one rider unserved: " + plan.unservedTotal());
        assertTrue(plan.objective().total() <= 2_887 * 1.005, "within 0.5 % of 2,887 THB: "
                + plan.objective().total());
    }

    /**
     * A repair whose soft limits sweep the whole station ({@code SOFT_STATION}) re-plans bays outside its group; when
     * the move does not pay, every one of them goes back. Before, only the group did: the other bays kept what the soft
     * sweep had given them (a limit lent out, never paid back), and the next repairs of the same call worked from that
     * broken plan. On a 300 ms plan of the 50-bay station of seed 1, nine cycling repair calls (three of them
     * station-wide) took it from 3,030 THB with every rule met to 382 million, rules broken (solver seed 0, sixth call);
     * now no call makes it worse.
     */
    @Test
    void aRepairThatDoesNotPayLeavesEveryBayAsItWas() {
        Problem problem = StationGenerator.generate(50, StationGenerator.typesFor(50), 1);
        Plan plan = FlowSchedulerTest.checked(problem, FlowScheduler.workBudget(AutoScheduler.SEED)
                .solve(problem, new SolveOptions(Duration.ofMillis(300), 1e-4, null)));
        StationModel model = new StationModel(problem);
        LagrangianDual dual = new LagrangianDual(model, 16);
        for (int i = 0; i < 300; i++) {
            dual.step(plan.objective().total());
        }
        for (long seed = 0; seed < 3; seed++) {
            PrimalSearch search = new PrimalSearch(model, FlowScheduler.PRIMAL_STEPS, seed);
            boolean[] accepted = new boolean[model.offers.size()];
            for (StationModel.Offer o : model.offers) {
                accepted[o.index()] = plan.acceptedDispatchRequests().contains(o.id());
            }
            PrimalState state = search.project(plan, accepted);
            assertTrue(state.feasible(), "the projected plan meets every rule");
            for (int call = 0; call < 9; call++) {
                double before = state.objective();
                search.repairSwaps(state, dual, 20, SearchLoop.LNS_GUIDE, true, Long.MAX_VALUE);
                assertTrue(state.objective() <= before + 1e-9 * Math.max(1, Math.abs(before)),
                        "solver seed " + seed + ", call " + call + ": " + before + " -> " + state.objective());
                assertTrue(state.feasible(), "solver seed " + seed + ", call " + call + ": a rule broken");
            }
        }
    }
}
