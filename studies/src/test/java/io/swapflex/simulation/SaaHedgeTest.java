package io.swapflex.simulation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swapflex.optimizer.check.PlanChecker;
import io.swapflex.optimizer.flow.FlowScheduler;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code saa} rule ({@link SaaHedge}): a charging policy weighed over many demand paths at once. */
class SaaHedgeTest {

    /** The example's 2W pack type: 12 bays, 1.35 kWh to ready, 1.5 kW at 95 %, 150 THB a rider, end value 3.15. */
    private static SaaHedge.TypeModel twoWheeler(double penaltyFactor) {
        return new SaaHedge.TypeModel(12, 1.35, 1.5 * 0.95 * 0.25, 0.95, 150 * penaltyFactor, 2.995 / 0.95);
    }

    /** 24 slots: peak (6.378) for 12, then off-peak (2.995). */
    private static double[] prices() {
        double[] price = new double[24];
        for (int s = 0; s < price.length; s++) {
            price[s] = s < 12 ? 6.378 : 2.995;
        }
        return price;
    }

    /** 100 paths, {@code withRiders} of them with 2 riders at slot 8 (on peak), none otherwise. */
    private static int[][] paths(int withRiders) {
        int[][] y = new int[100][24];
        for (int p = 0; p < withRiders; p++) {
            y[p][8] = 2;
        }
        return y;
    }

    private static double[] returnedBank() {
        double[] deficits = new double[12];
        Arrays.fill(deficits, 1.35);
        return deficits;
    }

    private static int peakLevel(SaaHedge.Choice c) {
        return Arrays.stream(Arrays.copyOf(c.levels(), 12)).max().orElseThrow();
    }

    private static int askedBy(int[] row, int slot) {
        return Arrays.stream(Arrays.copyOf(row, slot + 1)).sum();
    }

    @Test
    void itChargesOnPeakForCertainEveningRidersAndNotForRareOnesUnlessTheirPenaltyOutweighsThePeakPremium() {
        // Certain riders: two packs charged on peak in time for slot 8, and the row asks for them by then.
        SaaHedge.Choice certain = SaaHedge.choose(paths(100), prices(), returnedBank(), twoWheeler(1), 0.99);
        assertTrue(peakLevel(certain) >= 2, Arrays.toString(certain.levels()));
        assertTrue(askedBy(certain.row(), 8) >= 2, Arrays.toString(certain.row()));
        // Riders on 2 paths in 100: 0.02 · 2 · 150 THB of misses against the peak premium of two packs held to the
        // end (2 · 1.35 kWh · (6.378 − 2.995) / 0.95 = 9.6 THB): no pack is charged on peak, none is asked for then.
        SaaHedge.Choice rare = SaaHedge.choose(paths(2), prices(), returnedBank(), twoWheeler(1), 0.99);
        assertEquals(0, peakLevel(rare), Arrays.toString(rare.levels()));
        assertEquals(0, askedBy(rare.row(), 11), Arrays.toString(rare.row()));
        // The same rare riders at ten times the penalty (0.02 · 2 · 1 500 = 60 THB): worth the premium.
        SaaHedge.Choice dear = SaaHedge.choose(paths(2), prices(), returnedBank(), twoWheeler(10), 0.99);
        assertTrue(peakLevel(dear) >= 2, Arrays.toString(dear.levels()));
    }

    @Test
    void packsAlreadyReadyAreUsedBeforeAnyIsCharged() {
        double[] bank = returnedBank();
        bank[0] = 0;
        bank[1] = 0;
        SaaHedge.Choice c = SaaHedge.choose(paths(100), prices(), bank, twoWheeler(1), 0.99);
        // two ready packs cover the two certain riders: the policy's mean cost is the end value they take out only
        assertEquals(2 * 1.35 * 2.995 / 0.95, c.cost(), 1e-6);
        assertEquals(2, askedBy(c.row(), 8), Arrays.toString(c.row()));
    }

    @Test
    void theSaaRuleGoesThroughTheSchedulerAndThePlanChecker() {
        ObjectNode json = (ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper()
                .valueToTree(SimulationStudy.example());
        json.remove("problem");
        json.put("days", 2).put("warmupDays", 56).put("seed", 11);
        World world = World.generate(SimulationStudy.read(json.toString()));
        Forecasts glm = Forecasts.named("glm-negbin", world, 96);
        PlanningPolicy policy = new PlanningPolicy("saa", world, glm, 0.99, "saa", 8, 48, 1,
                FlowScheduler.deterministic(1), Duration.ofMillis(40), 0.01);
        double[] soc = new double[world.template().bays().size()];
        Arrays.fill(soc, 0.5);
        int evening = 20 * 4 + 2;
        var problem = policy.problemAt(evening, soc);
        int[][] rows = SaaHedge.plan(world, glm, evening, 48, soc, 0.99, 1.0, 19);
        for (int k = 0; k < rows.length; k++) {
            for (int i = 0; i < 48; i++) {
                assertEquals(rows[k][i], problem.demand(world.packTypes().get(k).id(), i), "type " + k + " slot " + i);
            }
        }
        var plan = FlowScheduler.deterministic(1).solve(problem,
                new io.swapflex.optimizer.SolveOptions(Duration.ofMillis(40), 0.01, null));
        assertTrue(PlanChecker.check(problem, plan).feasible(), PlanChecker.check(problem, plan).violations().toString());
    }
}
