package io.swapflex.optimizer.fleet;

import io.swapflex.optimizer.SolveOptions;
import io.swapflex.optimizer.check.PlanChecker;
import io.swapflex.optimizer.check.fleet.FleetChecker;
import io.swapflex.optimizer.contract.DispatchRequest;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.contract.PlanStatus;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.optimizer.fleet.CouplingRows.Kind;
import io.swapflex.optimizer.fleet.CouplingRows.Row;
import io.swapflex.optimizer.generate.FleetGenerator;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Shares from a joint plan: the merged feeder, its plan read back station by station, and the fleet plan it gives. */
class JointPlansTest {

    private static final long SEED = 11;

    @Test
    void theMergedFeederKeepsEveryStationsBaysTypesDemandAndLimits() {
        FleetProblem fleet = FleetGenerator.generate(12, 2);
        List<Row> rows = CouplingRows.of(fleet);
        List<JointPlans.Group> groups = JointPlans.groups(rows, rows, fleet.stations());
        assertEquals(2, groups.size(), "two feeders (10 and 2 stations)");
        JointPlans.Group g = groups.get(0);
        Problem merged = g.merged();
        int bays = 0;
        int demand = 0;
        int mergedDemand = 0;
        double importSum = 0;
        double firmAt77 = 0;
        for (int s : g.members()) {
            Problem p = fleet.stations().get(s);
            bays += p.bays().size();
            for (int t = 0; t < p.slots(); t++) {
                for (var type : p.packTypes()) {
                    demand += p.demand(type.id(), t);
                    mergedDemand += merged.demand(type.id() + JointPlans.AT + p.stationId(), t);
                }
            }
            importSum += p.site().importLimitKw(40);
            firmAt77 += p.requests().stream().filter(r -> r.isFirm() && r.fromSlot() <= 77 && 77 < r.toSlot())
                    .mapToDouble(DispatchRequest::exportKw).sum();
        }
        assertEquals(bays, merged.bays().size());
        assertEquals(List.of("feeder-001", "feeder-002"), List.copyOf(JointPlans.mergedFeeders(fleet).keySet()));
        assertEquals(bays, JointPlans.mergedFeeders(fleet).get("feeder-001").bays().size());
        assertEquals(demand, mergedDemand);
        assertTrue(demand > 0);
        Row feeder = g.feeder();
        assertEquals(Kind.FEEDER_IMPORT, feeder.kind);
        for (int t = 0; t < merged.slots(); t++) {
            assertTrue(merged.site().importLimitKw(t) <= feeder.limit(t) + 1e-9, "slot " + t);
        }
        assertEquals(Math.min(importSum, feeder.limit(40)), merged.site().importLimitKw(40), 1e-9);
        // slot 73: the feeder's part of the fleet request alone (no station's own request there); slot 77: the larger
        // of the stations' own firm requests summed and that part, not their sum: a station's export under its own
        // request counts towards the fleet's row too, so the sum asked the joint plan for export no rule asks for
        Row request = rows.stream().filter(r -> r.kind == Kind.REQUEST).findFirst().orElseThrow();
        double part = merged.requests().stream().filter(r -> r.isFirm() && r.fromSlot() == 73)
                .mapToDouble(DispatchRequest::exportKw).sum();
        assertTrue(part > 1e-6 && part < request.limit(73), "the feeder's part of the fleet request: " + part);
        double firm = merged.requests().stream().filter(r -> r.isFirm() && r.fromSlot() == 77)
                .mapToDouble(DispatchRequest::exportKw).sum();
        assertTrue(firmAt77 > 0, "the stations' own firm requests reach slot 77");
        assertEquals(Math.max(firmAt77, part), firm, 1e-9, "slot 77");
    }

    @Test
    void theStationsFlowsInTheMergedPlanSumToItsMeter() {
        FleetProblem fleet = FleetGenerator.generate(12, 2);
        List<Row> rows = CouplingRows.of(fleet);
        JointPlans.Group g = JointPlans.groups(rows, rows, fleet.stations()).get(1);
        Plan joint = StationSolver.solveDeterministic(g.merged(),
                new SolveOptions(Duration.ofMillis(300), SolveOptions.DEFAULT_GAP, null), SEED);
        assertTrue(PlanChecker.check(g.merged(), joint).feasible(), () -> PlanChecker.check(g.merged(), joint)
                .summary());
        int n = fleet.stations().size();
        double[][] x = new double[n][];
        JointPlans.flows(g, joint, fleet.stations(), x);
        boolean moved = false;
        for (int t = 0; t < 96; t++) {
            double sum = 0;
            for (int s : g.members()) {
                sum += x[s][t];
            }
            double meter = joint.grid().exportKw()[t] - joint.grid().importKw()[t];
            assertEquals(meter, sum, 1e-6, "slot " + t);
            moved |= Math.abs(sum) > 1;
        }
        assertTrue(moved, "the merged plan does something");
    }

    /**
     * The planner with shares from joint plans: every plan through the checker, FEASIBLE, and not the same plan as
     * with shares from the stations' own plans (the joint plans were used).
     */
    @Test
    void aFleetPlannedFromJointPlansPassesTheCheckerAndDiffersFromOneFromOwnPlans() {
        FleetProblem fleet = FleetGenerator.generate(12, 2);
        Duration budget = Duration.ofMillis(120L * 12);
        FleetPlanner own = FleetPlanner.deterministic(StationSolver.deterministic(SEED, 2), false).jointShares(false);
        FleetPlan a = own.plan(fleet, budget);
        FleetPlan b = own.jointShares(true).plan(fleet, budget);
        assertEquals(List.of(), FleetChecker.check(fleet, b));
        assertEquals(PlanStatus.FEASIBLE, b.status(), () -> b.violations().toString());
        assertEquals(List.of(), FleetChecker.check(fleet, a));
        assertNotEquals(a.total(), b.total());
        assertTrue(b.bound() <= b.total());
    }
}
