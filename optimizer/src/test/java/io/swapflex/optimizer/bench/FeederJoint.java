package io.swapflex.optimizer.bench;

import io.swapflex.optimizer.SolveOptions;
import io.swapflex.optimizer.check.PlanChecker;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.optimizer.fleet.FleetPlan;
import io.swapflex.optimizer.fleet.FleetPlanner;
import io.swapflex.optimizer.fleet.FleetProblem;
import io.swapflex.optimizer.fleet.JointPlans;
import io.swapflex.optimizer.fleet.StationSolver;
import io.swapflex.optimizer.check.fleet.FleetChecker;
import io.swapflex.optimizer.flow.FlowScheduler;
import io.swapflex.optimizer.generate.FleetGenerator;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How many swaps do the feeders themselves cost? (issue 15's fleet target: "missed swaps within 1 point of the stations
 * planned alone at 2 s each"), a command, not a test: {@code ./swapflex bench fleet joint [stations] [seed]
 * [jointSeconds] [fleetSeconds]}.
 *
 * <p>For a generated fleet it prints the swaps missed (a) by each station planned alone for 2 s without its feeder,
 * the baseline; (b) by each feeder's stations planned <em>together</em>, as one station whose bays keep their
 * own station's pack types (a type per station, so no pack serves another station's riders), under the feeder's
 * per-slot headroom and the fleet request's share of the feeder; (c) by the fleet planner. (b) relaxes the fleet
 * problem (each station's own import limit is dropped, tariffs averaged over the feeder): it is what planning a feeder
 * as a whole could at best reach with our scheduler, so the distance from (a) to (b) is what the feeders cost, and from
 * (b) to (c) what sharing them out station by station costs. All solves but the fleet planner's are the default
 * scheduler's work budgets ({@link FlowScheduler#workBudget}: deterministic, the plan a quiet machine gives).
 *
 * <p>How many misses the feeders force, whatever the plan, is {@link FeederForced}'s table ({@code bench fleet
 * forced}): HiGHS's LP of each merged feeder, asked only for the fewest swaps missed. (Our own Lagrangian bound stays
 * at 0 on that problem; that is its ascent, not the relaxation: the LP is 5.3–7.0 % of the swaps.)
 *
 * <p>(c) is printed twice: the fleet planner on the wall clock ({@code fleetSeconds}, noisy on a busy machine) and the
 * deterministic fleet planner on a work budget of {@value #WORK_MILLIS_PER_STATION} ms of one core a station, the work
 * a station gets when 1,000 stations are planned in 60 s on two cores (the same figure on any machine).
 *
 * <h2>Measured (2026-12-06, 30 stations, seed 1, busy machine; figures do not depend on the load)</h2>
 * Demand 4,325 swaps: alone 8.72 %, feeders planned jointly (10 s each) 15.26 %, fleet planner (6 s, wall clock)
 * 21.94 %. Again on the default scheduler's work budgets (joint 5 s each): alone 9.04 %, jointly 15.51 %, fleet
 * planner 21.78 %. Later the same day: alone 8.97 %, jointly 15.68 % (10 s each) and 15.70 % (1.2 s each, the
 * fleet planner's work a station: the joint plan is not short of time), fleet planner on the work budget 20.76 % with
 * the feeders split by import limits, 19.95 % split by need with redistribution.
 */
public final class FeederJoint {

    /** One core's work a station gets when 1,000 stations are planned in 60 s on two cores. */
    static final long WORK_MILLIS_PER_STATION = 120;

    private FeederJoint() {
    }

    public static void main(String[] args) {
        int stations = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
        double jointSeconds = args.length > 2 ? Double.parseDouble(args[2]) : 10;
        double fleetSeconds = args.length > 3 ? Double.parseDouble(args[3]) : 0.2 * stations;
        FleetProblem fleet = FleetGenerator.generate(stations, seed);
        Map<String, Problem> byId = new HashMap<>();
        for (Problem p : fleet.stations()) {
            byId.put(p.stationId(), p);
        }
        // the feeders merged as the fleet planner merges them for its joint plans (until 2026-12-06 this class merged
        // them itself: one firm request over 76-80 for the stations' own, the fleet request's share over its window)
        Map<String, Problem> mergedById = JointPlans.mergedFeeders(fleet);
        int demand = 0;
        int alone = 0;
        int joint = 0;
        System.out.printf(Locale.ROOT, "%-11s | %5s %5s | %6s | %9s %9s%n", "feeder", "bays", "types", "demand",
                "alone", "joint");
        for (FleetProblem.Feeder feeder : fleet.feederList()) {
            List<Problem> members = feeder.stations().stream().map(byId::get).toList();
            int feederDemand = 0;
            int feederAlone = 0;
            for (Problem p : members) {
                feederDemand += SchedulerBenchmark.demand(p);
                feederAlone += solve(p, 2).unservedTotal();
            }
            // a feeder of one station is not merged (the generator's last feeder when the count is not a multiple of 10)
            Problem merged = members.size() == 1 ? members.get(0) : mergedById.get(feeder.id());
            Plan plan = solve(merged, jointSeconds);
            if (!PlanChecker.check(merged, plan).feasible()) {
                throw new IllegalStateException(feeder.id() + ": " + PlanChecker.check(merged, plan).summary());
            }
            int missed = plan.unservedTotal();
            System.out.printf(Locale.ROOT, "%-11s | %5d %5d | %6d | %8.2f%% %8.2f%%%n", feeder.id(),
                    merged.bays().size(), merged.packTypes().size(), feederDemand, 100.0 * feederAlone / feederDemand,
                    100.0 * missed / feederDemand);
            demand += feederDemand;
            alone += feederAlone;
            joint += missed;
        }
        FleetPlan plan = new FleetPlanner(new FlowScheduler(), Runtime.getRuntime().availableProcessors(), false)
                .plan(fleet, Duration.ofMillis((long) (fleetSeconds * 1000)));
        int fleetMissed = plan.stations().stream().mapToInt(Plan::unservedTotal).sum();
        // the fleet planner again on a work budget, as much work a station as 1,000 stations get in 60 s on two cores
        // (120 ms of one core each): deterministic, so this figure does not depend on the machine's load
        Duration work = Duration.ofMillis(WORK_MILLIS_PER_STATION * fleet.stations().size());
        FleetPlan deterministic = FleetPlanner.deterministic(StationSolver.deterministic(
                io.swapflex.optimizer.registry.AutoScheduler.SEED, Runtime.getRuntime().availableProcessors()), false)
                .plan(fleet, work);
        if (!FleetChecker.check(fleet, deterministic).isEmpty()) {
            throw new IllegalStateException("fleet plan: " + FleetChecker.check(fleet, deterministic));
        }
        int deterministicMissed = deterministic.stations().stream().mapToInt(Plan::unservedTotal).sum();
        System.out.printf(Locale.ROOT, "demand %d swaps: missed alone (2 s each, no feeders) %.2f %%, feeders planned "
                        + "jointly (%.0f s each) %.2f %%, fleet planner (%.0f s) %.2f %%, fleet planner (work budget "
                        + "%.1f s, %s) %.2f %%%n", demand, 100.0 * alone / demand, jointSeconds, 100.0 * joint / demand,
                fleetSeconds, 100.0 * fleetMissed / demand, work.toMillis() / 1000.0, deterministic.status(),
                100.0 * deterministicMissed / demand);
    }

    static Plan solve(Problem p, double seconds) {
        // the default scheduler's budget as a quiet machine gives it: "2 s each" means what a user's 2 s solve does
        return FlowScheduler.workBudget(io.swapflex.optimizer.registry.AutoScheduler.SEED)
                .solve(p, new SolveOptions(Duration.ofMillis((long) (seconds * 1000)), 1e-4, null));
    }
}
