package io.swapflex.optimizer.economics;

import io.swapflex.optimizer.registry.AutoScheduler;
import io.swapflex.optimizer.Problems;
import io.swapflex.optimizer.Scheduler;
import io.swapflex.optimizer.SolveOptions;
import io.swapflex.optimizer.check.CheckReport;
import io.swapflex.optimizer.check.PlanChecker;
import io.swapflex.optimizer.contract.Objective;
import io.swapflex.optimizer.contract.PackType;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.contract.PlanStatus;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.optimizer.flow.FlowScheduler;
import io.swapflex.optimizer.reference.ReferenceMipScheduler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pack types' economics (CONTRACT.md additions): a per-type price of an unserved swap, the value of the energy
 * left at the horizon's end, and the end readiness rule. Hand-computed cases solved by the exact reference and by
 * the flow scheduler, every plan through the independent checker.
 */
class EconomicsTest {

    private static final SolveOptions EXACT = new SolveOptions(Duration.ofSeconds(30), 0.0, null);
    private static final SolveOptions FLOW = new SolveOptions(Duration.ofSeconds(2), 1e-6, null);

    /** A 100 kWh truck pack, 100 kW both ways, lossless, band [0.1, 1], ready at 0.95, returned at 0.2. */
    private static PackType truck(Double penalty) {
        return new PackType("TRUCK", 100.0, 100.0, 100.0, 1.0, 1.0, 0.1, 1.0, 0.95, 0.2, 0.0, penalty, null, null);
    }

    /**
     * One full truck pack, one driver in slot 1, three hourly slots, import 8 and export 5 THB/kWh. Serving him: sell
     * the 5 kWh above swap-ready before he comes (25) and the returned pack's 10 kWh above minSoc after (50), total
     * −75. Turning him away: sell the whole 90 kWh at once (450), total −450 + penalty. Serving pays iff the
     * penalty is above 375.
     */
    private static Problem truckStation(double truckPenalty) {
        return new Problems.Builder(3, 60).pack(truck(truckPenalty)).bay("bay-1", "TRUCK", 1.0)
                .prices(Problems.constant(3, 8.0), Problems.constant(3, 5.0)).limits(100, 100)
                .demand("TRUCK", 0, 1, 0).penalty(150).build();
    }

    @Test
    void aTruckSwapWorth2000IsServed() {
        for (Scheduler scheduler : List.of(new ReferenceMipScheduler(), new FlowScheduler())) {
            Plan plan = checked(truckStation(2000), scheduler);
            assertEquals(0, plan.unservedSwaps().get("TRUCK")[1], scheduler.name());
            assertEquals(-75.0, plan.objective().total(), 1e-6, scheduler.name());
            assertEquals(0.0, plan.objective().unservedSwapPenalty(), 1e-9, scheduler.name());
        }
    }

    @Test
    void aTruckSwapWorth10IsNotServedAndThePackIsSold() {
        for (Scheduler scheduler : List.of(new ReferenceMipScheduler(), new FlowScheduler())) {
            Plan plan = checked(truckStation(10), scheduler);
            assertEquals(1, plan.unservedSwaps().get("TRUCK")[1], scheduler.name());
            // the type's own 10 THB, not the problem's 150
            assertEquals(10.0, plan.objective().unservedSwapPenalty(), 1e-9, scheduler.name());
            assertEquals(-440.0, plan.objective().total(), 1e-6, scheduler.name());
        }
    }

    /**
     * One 10 kWh pack at SOC 0.5, 5 kW both ways, lossless, minSoc 0.1; an evening (slots 0–1: import 6, export 4)
     * then a night (slots 2–3: import 4.5, export 1), no riders. Without an end value the plan sells the 4 kWh above
     * minSoc in the evening (total −16). With 5 THB/kWh at the end it keeps them (4 &lt; 5; selling and buying back
     * at 4.5 would lose), does not charge at the evening's 6 and fills the pack at night: 5 kWh for 22.5, end value
     * 5·10·0.9 = 45, total −22.5.
     */
    private static Problem eveningAndNight(Double endValue) {
        PackType pack = new PackType("P", 10.0, 5.0, 5.0, 1.0, 1.0, 0.1, 1.0, 0.9, 0.2, 0.0, null, endValue, null);
        return new Problems.Builder(4, 60).pack(pack).bay("bay-1", "P", 0.5)
                .prices(new double[]{6, 6, 4.5, 4.5}, new double[]{4, 4, 1, 1}).build();
    }

    @Test
    void withoutAnEndValueTheBankIsSoldOff() {
        for (Scheduler scheduler : List.of(new ReferenceMipScheduler(), new FlowScheduler())) {
            Plan plan = checked(eveningAndNight(null), scheduler);
            assertEquals(-16.0, plan.objective().total(), 1e-6, scheduler.name());
            assertEquals(0.1, last(plan), 1e-9, scheduler.name() + ": the pack ends at minSoc");
        }
    }

    @Test
    void anEndValueMovesChargingFromTheEveningIntoTheNight() {
        for (Scheduler scheduler : List.of(new ReferenceMipScheduler(), new FlowScheduler())) {
            Plan plan = checked(eveningAndNight(5.0), scheduler);
            double[] power = plan.bays().get(0).powerKw();
            assertEquals(0.0, power[0], 1e-9, scheduler.name() + ": nothing in the evening");
            assertEquals(0.0, power[1], 1e-9, scheduler.name() + ": nothing in the evening");
            assertEquals(5.0, power[2] + power[3], 1e-6, scheduler.name() + ": 5 kWh charged at night");
            assertEquals(1.0, last(plan), 1e-9, scheduler.name() + ": the pack ends full");
            assertEquals(45.0, plan.objective().endValue(), 1e-6, scheduler.name());
            assertEquals(-22.5, plan.objective().total(), 1e-6, scheduler.name());
        }
    }

    /**
     * Two 1 kWh packs at 0.5 and at minSoc 0.1 (nothing to give the other), 0.5 kW chargers (0.5 SOC per hourly slot),
     * ready at 0.9, import 10, no riders.
     */
    private static Problem readiness(int slots, int minReady) {
        PackType pack = new PackType("P", 1.0, 0.5, 0.5, 1.0, 1.0, 0.1, 1.0, 0.9, 0.2, 0.0, null, null, minReady);
        return new Problems.Builder(slots, 60).pack(pack).bay("bay-1", "P", 0.5).bay("bay-2", "P", 0.1)
                .prices(Problems.constant(slots, 10.0), Problems.constant(slots, 0.0)).limits(10, 0).build();
    }

    @Test
    void theCheckerRecomputesTheEndValueAndTheTypesPenalties() {
        Problem problem = eveningAndNight(5.0);
        Plan plan = checked(problem, new FlowScheduler());
        Objective o = plan.objective();
        Plan silent = withObjective(plan, new Objective(o.total() + o.endValue(), o.importCost(), o.exportRevenue(),
                o.degradationCost(), o.unservedSwapPenalty(), o.dispatchReward(), 0.0));
        CheckReport report = PlanChecker.check(problem, silent);
        assertFalse(report.feasible());
        assertTrue(report.violations().stream().anyMatch(v -> v.contains("objective.endValue reported 0")),
                report.violations().toString());
        // a truck left unserved is charged at the type's 10 THB, not the problem's 150
        Problem trucks = truckStation(10);
        Plan unserved = checked(trucks, new FlowScheduler());
        Objective u = unserved.objective();
        Plan flat = withObjective(unserved, new Objective(u.total() + 140, u.importCost(), u.exportRevenue(),
                u.degradationCost(), 150.0, u.dispatchReward(), u.endValue()));
        assertTrue(PlanChecker.check(trucks, flat).violations().stream()
                .anyMatch(v -> v.contains("objective.unservedSwapPenalty reported 150")));
    }

    private static Plan withObjective(Plan p, Objective o) {
        return new Plan(p.formatVersion(), p.stationId(), p.status(), o, p.bound(), p.gap(), p.solveMillis(), p.grid(),
                p.bays(), p.unservedSwaps(), p.acceptedDispatchRequests(), p.violations(), p.solver());
    }

    @Test
    void endReadinessIsMetAtItsLeastCost() {
        // one bay must end ready: 0.4 kWh imported (4 THB), into the fuller one (or the fuller one's 0.4 kWh moved
        // into the empty one and 0.4 more imported: the same cost, lossless)
        for (Scheduler scheduler : List.of(new ReferenceMipScheduler(), new FlowScheduler())) {
            Plan plan = checked(readiness(3, 1), scheduler);
            assertEquals(4.0, plan.objective().total(), 1e-6, scheduler.name());
            long ready = plan.bays().stream().filter(b -> b.soc()[3] >= 0.9 - 1e-9).count();
            assertEquals(1, ready, scheduler.name());
        }
    }

    @Test
    void theRuleOfThumbKeepsAPackForTheEndReadinessRule() {
        // one full pack, a rider in the last of three slots, the rule asks for one ready pack at the end: handing it
        // out would bring back a pack at 0.2 with no slot left to charge, so the rule of thumb turns the rider away
        PackType pack = new PackType("P", 1.0, 0.5, 0.5, 1.0, 1.0, 0.1, 1.0, 0.9, 0.2, 0.0, null, null, 1);
        Problem problem = new Problems.Builder(3, 60).pack(pack).bay("bay-1", "P", 1.0)
                .prices(Problems.constant(3, 10.0), Problems.constant(3, 0.0)).demand("P", 0, 0, 1).build();
        Plan plan = new io.swapflex.optimizer.heuristic.GreedyScheduler().solve(problem, EXACT);
        CheckReport report = PlanChecker.check(problem, plan);
        assertTrue(report.hardRulesMet(), report.violations().toString());
        assertEquals(1, plan.unservedSwaps().get("P")[2]);
        // with a slot left to charge the return (0.2 + 2 × 0.5 ≥ 0.9), the rider is served
        Problem early = new Problems.Builder(3, 60).pack(pack).bay("bay-1", "P", 1.0)
                .prices(Problems.constant(3, 10.0), Problems.constant(3, 0.0)).demand("P", 1, 0, 0).build();
        Plan served = new io.swapflex.optimizer.heuristic.GreedyScheduler().solve(early, EXACT);
        assertTrue(PlanChecker.check(early, served).hardRulesMet(), PlanChecker.check(early, served).summary());
        assertEquals(0, served.unservedSwaps().get("P")[0]);
    }

    @Test
    void endReadinessBeyondTheBaysIsInfeasibleWithTheShortfallInWords() {
        for (Scheduler scheduler : List.of(new ReferenceMipScheduler(), new FlowScheduler(), new AutoScheduler())) {
            Plan plan = scheduler.solve(readiness(3, 3), EXACT);
            assertEquals(PlanStatus.INFEASIBLE, plan.status(), scheduler.name());
            assertTrue(plan.violations().stream().anyMatch(v -> v.contains("minReadyAtEnd is 3 (short 1)")),
                    scheduler.name() + ": " + plan.violations());
            CheckReport report = PlanChecker.check(readiness(3, 3), plan);
            assertTrue(report.violations().stream().anyMatch(v -> v.contains("minReadyAtEnd is 3 (short 1)")),
                    scheduler.name() + ": " + report.violations());
        }
    }

    @Test
    void endReadinessTooLateToChargeIsInfeasible() {
        // one slot: 0.5 + 0.5 → 1.0 is ready, 0.1 + 0.5 = 0.6 is not: two ready bays cannot be had
        Plan plan = new FlowScheduler().solve(readiness(1, 2), FLOW);
        assertEquals(PlanStatus.INFEASIBLE, plan.status());
        assertTrue(plan.violations().stream().anyMatch(v -> v.contains("short 1")), plan.violations().toString());
        Plan reference = new ReferenceMipScheduler().solve(readiness(1, 2), EXACT);
        assertEquals(PlanStatus.INFEASIBLE, reference.status());
    }

    /**
     * Small random stations with every economic field at once: the flow scheduler's bound never exceeds the reference's
     * proven optimum (the bound is valid with the new terms) and its plan is never better than it (the totals are
     * honest), and both pass the checker.
     */
    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13})
    void flowBoundAndPlanAgreeWithTheExactOptimum(long seed) {
        Problem problem = withEconomics(Problems.random(seed, 3, 12), seed);
        Plan exact = checked(problem, new ReferenceMipScheduler());
        assertEquals(PlanStatus.OPTIMAL, exact.status());
        Plan flow = checked(problem, new FlowScheduler());
        double optimum = exact.objective().total();
        double tol = PlanChecker.REL_TOL * Math.max(1, Math.abs(optimum));
        assertTrue(flow.objective().total() >= optimum - tol, "flow plan " + flow.objective().total()
                + " below the optimum " + optimum);
        assertNotNull(flow.bound());
        assertTrue(flow.bound() <= optimum + tol, "flow bound " + flow.bound() + " above the optimum " + optimum);
    }

    private static Problem withEconomics(Problem p, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<PackType> types = p.packTypes().stream().map(t -> t.withEconomics(50 + 400 * random.nextDouble(),
                2 + 3 * random.nextDouble(), 1 + random.nextInt(2))).toList();
        return p.withPackTypes(types);
    }

    private static Plan checked(Problem problem, Scheduler scheduler) {
        Plan plan = scheduler.solve(problem, scheduler instanceof FlowScheduler ? FLOW : EXACT);
        CheckReport report = PlanChecker.check(problem, plan);
        assertTrue(report.feasible(), scheduler.name() + ": " + report.violations());
        assertFalse(plan.status() == PlanStatus.INFEASIBLE, scheduler.name());
        return plan;
    }

    private static double last(Plan plan) {
        double[] soc = plan.bays().get(0).soc();
        return soc[soc.length - 1];
    }

}
