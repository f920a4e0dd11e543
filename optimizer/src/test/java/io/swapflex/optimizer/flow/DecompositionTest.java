package io.swapflex.optimizer.flow;

import io.swapflex.optimizer.SolveOptions;
import io.swapflex.optimizer.generate.StationGenerator;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.contract.Problem;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Plans and per-bay paths: a plan's schedules map back onto the plan network exactly (what the warm start does), the
 * per-bay paths aggregate to the per-type flows (swaps per slot, meter power, active bays), and the aggregated
 * objective J is the contract total.
 */
class DecompositionTest {

    @Test
    void aPlanProjectsBackOntoThePlanNetworkExactly() {
        Problem problem = StationGenerator.generate(50, 2, 3);
        Plan plan = new FlowScheduler().solve(problem, new SolveOptions(Duration.ofMillis(700), 1e-3, null));
        StationModel model = new StationModel(problem);
        PrimalSearch search = new PrimalSearch(model, FlowScheduler.PRIMAL_STEPS, 1);
        boolean[] accepted = new boolean[model.offers.size()];
        for (StationModel.Offer o : model.offers) {
            accepted[o.index()] = plan.acceptedDispatchRequests().contains(o.id());
        }
        PrimalState state = search.project(plan, accepted);
        assertEquals(plan.objective().total(), state.objective(), 1e-6 * Math.max(1, Math.abs(state.objective())));
        for (int b = 0; b < model.bayCount(); b++) {
            assertArrayEquals(plan.bays().get(b).powerKw(), state.power[b], 1e-9);
            assertArrayEquals(plan.bays().get(b).swapOut(), state.swap[b]);
        }
    }

    @Test
    void perBayPathsAggregateToTheTypeFlows() {
        Problem problem = StationGenerator.generate(100, 3, 2);
        Plan plan = new FlowScheduler().solve(problem, new SolveOptions(Duration.ofMillis(700), 1e-3, null));
        StationModel model = new StationModel(problem);
        for (int k = 0; k < model.typeCount(); k++) {
            String id = model.types.get(k).id();
            for (int t = 0; t < model.slots; t++) {
                int swaps = 0;
                for (int b : model.baysOfType[k]) {
                    swaps += plan.bays().get(b).swapOut()[t] ? 1 : 0;
                }
                assertEquals(model.demand[k][t], swaps + plan.unservedSwaps().get(id)[t], "type " + id + " slot " + t);
            }
        }
        for (int t = 0; t < model.slots; t++) {
            double net = model.baseKw[t];
            int active = 0;
            for (int b = 0; b < model.bayCount(); b++) {
                net += plan.bays().get(b).powerKw()[t];
                active += plan.bays().get(b).powerKw()[t] != 0 ? 1 : 0;
            }
            assertEquals(net, plan.grid().importKw()[t] - plan.grid().exportKw()[t], 1e-6);
            assertTrue(active <= model.activeLimit);
        }
    }
}
