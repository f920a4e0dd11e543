package io.swapflex.optimizer.flow;

import io.swapflex.optimizer.contract.Problem;
import io.swapflex.optimizer.generate.StationGenerator;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The plan network's arcs as runs ({@link PrimalNetwork#runClass} and the rest), which {@link BayDp}'s best responses
 * relax instead of the arc list: the runs must hold every arc once, with its class, and nothing else, or a best
 * response would miss a move or invent one.
 */
class PrimalNetworkTest {

    @Test
    void theRunsHoldEveryArcOnceWithItsClass() {
        for (int bays : List.of(12, 21, 100, 400)) {
            Problem problem = StationGenerator.generate(bays, StationGenerator.typesFor(bays), 1);
            StationModel model = new StationModel(problem);
            for (int k = 0; k < model.typeCount(); k++) {
                for (int steps : new int[]{FlowScheduler.PRIMAL_STEPS / FlowScheduler.SHORT_SOLVE_STEP_DIVISOR,
                        FlowScheduler.PRIMAL_STEPS}) {
                    PrimalNetwork net = new PrimalNetwork(model, k, steps);
                    Set<List<Integer>> arcs = new HashSet<>();
                    for (int i = 0; i < net.levels.length; i++) {
                        for (int a = net.first[i]; a < net.first[i + 1]; a++) {
                            arcs.add(List.of(i, net.target[a], net.klass[a]));
                        }
                    }
                    Set<List<Integer>> inRuns = new HashSet<>();
                    int count = 0;
                    for (int r = 0; r < net.runClass.length; r++) {
                        assertTrue(net.runLength[r] >= 1, "an empty run");
                        for (int x = 0; x < net.runLength[r]; x++) {
                            inRuns.add(List.of(net.runFrom[r] + x, net.runTo[r] + x, net.runClass[r]));
                            count++;
                        }
                    }
                    String where = bays + " bays, type " + k + ", " + steps + " steps";
                    assertEquals(net.target.length, count, where + ": the runs hold an arc twice or miss one");
                    assertEquals(arcs, inRuns, where);
                    for (int i = 0; i < net.levels.length; i++) {
                        assertEquals(i >= net.firstSwapLevel, net.canSwap[i], where + ": level " + i);
                    }
                }
            }
        }
    }
}
