package io.swapflex.optimizer.fleet;

import io.swapflex.optimizer.check.fleet.FleetChecker;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.contract.PlanStatus;
import io.swapflex.optimizer.fleet.CouplingRows.Kind;
import io.swapflex.optimizer.fleet.CouplingRows.Row;
import io.swapflex.optimizer.generate.FleetGenerator;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How a feeder's headroom is shared out: by need, and what the plans leave unused handed on. */
class SharesTest {

    private static final long SEED = 7;

    /** One feeder slot: three stations with import limits 10, 10, 20 and own-plan imports 10, 0, 5 (x = −import). */
    private static double[] parts(double limit, Shares.Split split) {
        Row r = new Row("f/import", Kind.FEEDER_IMPORT, new int[] {0, 1, 2}, 0, 1, new double[] {limit});
        double[][] x = {{-10}, {0}, {-5}};
        double[][] importLimit = {{10}, {10}, {20}};
        return Shares.feederParts(r, 0, x, importLimit, split);
    }

    @Test
    void theNeedSplitGivesEachStationItsOwnImportFirst() {
        // tight: 12 kW for needs of 10 + 0 + 5: in proportion to need, nothing to the station that imports nothing
        double[] tight = parts(12, Shares.Split.NEED);
        assertEquals(8.0, tight[0], 1e-9);
        assertEquals(0.0, tight[1], 1e-9);
        assertEquals(4.0, tight[2], 1e-9);
        // the proportional split ignores the needs: the idle station takes a quarter
        double[] proportional = parts(12, Shares.Split.PROPORTIONAL);
        assertEquals(3.0, proportional[1], 1e-9);
        // loose: 25 kW, needs 15: each its need, the 10 left in proportion to the room above it (0, 10, 15)
        double[] loose = parts(25, Shares.Split.NEED);
        assertEquals(10.0, loose[0], 1e-9);
        assertEquals(4.0, loose[1], 1e-9);
        assertEquals(11.0, loose[2], 1e-9);
        // no cap at all where the feeder carries every station's own limit
        double[] open = parts(40, Shares.Split.NEED);
        assertEquals(List.of(10.0, 10.0, 20.0), Arrays.stream(open).boxed().toList());
        for (double limit : new double[] {0, 12, 25, 40}) {
            assertEquals(limit, Arrays.stream(parts(limit, Shares.Split.NEED)).sum(), 1e-9, "Σ parts at " + limit);
        }
    }

    /**
     * What a user cares about: on a small generated fleet whose feeders' evening headroom the stations alone
     * overrun, the need-aware shares (with redistribution) miss no more swaps than the proportional ones, and every
     * plan passes the fleet checker. Work budgets: the same plans on any machine.
     */
    @Test
    void needAwareSharesMissNoMoreSwapsThanProportionalOnesAndPassTheChecker() {
        FleetProblem fleet = FleetGenerator.generate(20, 1);
        Duration budget = Duration.ofMillis(120L * fleet.stations().size()); // the work 1,000 stations get in 60 s
        FleetPlanner planner = FleetPlanner.deterministic(StationSolver.deterministic(SEED, 2), false)
                .jointShares(false);
        FleetPlan proportional = planner.sharing(Shares.Split.PROPORTIONAL, false).plan(fleet, budget);
        FleetPlan need = planner.plan(fleet, budget);

        assertEquals(List.of(), FleetChecker.check(fleet, proportional));
        assertEquals(List.of(), FleetChecker.check(fleet, need));
        assertEquals(PlanStatus.FEASIBLE, need.status(), () -> need.violations().toString());
        // not vacuous: the shares moved the plans (the feeders bind) and the two splits gave different plans
        assertTrue(need.stations().stream().anyMatch(p -> p.bound() == null), "no station was re-planned");
        assertTrue(need.total() != proportional.total(), "the two splits gave the same fleet plan");
        int missedNeed = missed(need);
        int missedProportional = missed(proportional);
        assertTrue(missedNeed <= missedProportional, "need-aware " + missedNeed + " > proportional "
                + missedProportional);
    }

    /** Redistribution never lets a feeder's row break: free headroom only, whatever the recipients' re-plans do. */
    @Test
    void redistributionHandsOutOnlyTheHeadroomThePlansLeave() {
        FleetProblem fleet = FleetGenerator.generate(20, 2);
        FleetPlan plan = FleetPlanner.deterministic(StationSolver.deterministic(SEED, 2), false)
                .sharing(Shares.Split.NEED, false).plan(fleet, Duration.ofMillis(2_400));
        Plan[] plans = plan.stations().toArray(new Plan[0]);
        int slots = fleet.stations().get(0).slots();
        double[][] x = StationPlans.flows(plans, slots);
        double[][] importLimit = new double[plans.length][slots];
        for (int s = 0; s < plans.length; s++) {
            for (int t = 0; t < slots; t++) {
                importLimit[s][t] = fleet.stations().get(s).site().importLimitKw(t);
            }
        }
        List<Row> rows = CouplingRows.of(fleet);
        double[][] lo = new double[plans.length][slots];
        double[][] hi = new double[plans.length][slots];
        List<Integer> recipients = Shares.redistribute(rows, plans, x, importLimit, new boolean[plans.length], lo, hi,
                slots);
        assertFalse(recipients.isEmpty(), "nobody got headroom: the test is vacuous");
        for (int s : recipients) {
            assertTrue(plans[s].unservedTotal() > 0, "station " + s + " misses no swap");
        }
        double given = 0;
        for (Row r : rows) {
            for (int t = r.from; t < r.to; t++) {
                double worst = 0; // the most the feeder can carry if every recipient imports all it may
                for (int s : r.members) {
                    if (recipients.contains(s)) {
                        worst += -lo[s][t];
                        given += Math.max(0, -lo[s][t] - Math.max(0, -x[s][t]));
                        assertTrue(lo[s][t] <= x[s][t] + 1e-9, "the old plan no longer fits station " + s);
                    } else {
                        worst += -x[s][t];
                    }
                }
                if (r.kind == Kind.FEEDER_IMPORT) {
                    assertTrue(worst <= r.limit(t) + 1e-6, r.id + " slot " + t + ": " + worst + " > " + r.limit(t));
                } else if (r.kind == Kind.REQUEST) {
                    for (int s : r.members) {
                        if (recipients.contains(s)) {
                            assertTrue(lo[s][t] >= x[s][t] - 1e-9, "a recipient may export less in " + r.id);
                        }
                    }
                }
            }
        }
        assertTrue(given > 1, "no headroom handed out");
    }

    private static int missed(FleetPlan plan) {
        return plan.stations().stream().mapToInt(Plan::unservedTotal).sum();
    }
}
