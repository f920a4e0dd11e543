package io.swapflex.optimizer.flow;

import io.swapflex.optimizer.generate.StationGenerator;
import io.swapflex.optimizer.check.CheckReport;
import io.swapflex.optimizer.check.PlanChecker;
import io.swapflex.optimizer.contract.Bay;
import io.swapflex.optimizer.contract.Horizon;
import io.swapflex.optimizer.contract.PackType;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.contract.PlanStatus;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.optimizer.contract.Site;
import io.swapflex.optimizer.contract.Tariff;
import io.swapflex.optimizer.plan.PlanAssembler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SwapSweepTest {

    /** A pack of 1 kWh charged by 1 kW at 100 %: a quarter of its SOC per 15-minute slot. */
    private static final PackType UNIT = new PackType("P", 1.0, 1.0, 1.0, 1.0, 1.0, 0.1, 1.0, 0.95, 0.2, 0.0);

    private static Plan sweep(Problem problem) {
        StationModel model = new StationModel(problem);
        PrimalSearch search = new PrimalSearch(model, 8, 1);
        PrimalState state = search.sweep(new boolean[model.offers.size()], Long.MAX_VALUE);
        return PlanAssembler.assemble(problem, state.power, state.swap, Set.of(), PlanStatus.TIME_LIMIT, null, 0,
                "sweep");
    }

    /**
     * One charger, two swaps: the pack one slot from ready must charge first (it serves the swap in slot 1), the empty
     * one after it (three slots, for the swap in slot 4). Charging the emptier pack first misses the first swap.
     */
    @Test
    void chargesTheNextNeededPackFirst() {
        int slots = 8;
        double[] price = new double[slots];
        Arrays.fill(price, 1.0);
        int[] demand = {0, 1, 0, 0, 1, 0, 0, 0};
        Problem problem = new Problem(1, "edf", new Horizon("2026-11-26T00:00:00+07:00", 15, slots),
                new Site(10.0, 10.0, 1, null), List.of(UNIT),
                List.of(new Bay("empty", "P", 0.20), new Bay("almost", "P", 0.70)), Map.of("P", demand),
                new Tariff("THB", price, price.clone()), List.of(), 100.0);
        Plan plan = sweep(problem);
        CheckReport report = PlanChecker.check(problem, plan);
        assertTrue(report.feasible(), () -> "checker: " + report.violations());
        assertArrayEquals(new int[slots], plan.unservedSwaps().get("P"), "both swaps served");
        assertEquals(1.0, plan.bays().get(1).powerKw()[0], 1e-9, "the almost-ready pack charges first");
        assertEquals(0.0, plan.bays().get(0).powerKw()[0], 1e-9);
    }

    /** The sweep's plans are exact per-bay schedules: every SOC, power and swap rule of the contract holds. */
    @ParameterizedTest
    @ValueSource(ints = {12, 21, 50})
    void plansOfGeneratedStationsAreExact(int bays) {
        Problem problem = StationGenerator.generate(bays, StationGenerator.typesFor(bays), 3);
        Plan plan = sweep(problem);
        CheckReport report = PlanChecker.check(problem, plan);
        // the firm evening request may be missed by the construction (the search repairs it); nothing else may fail
        List<String> other = report.violations().stream().filter(v -> !v.contains("firm request")).toList();
        assertTrue(other.isEmpty(), () -> "checker: " + other);
    }
}
