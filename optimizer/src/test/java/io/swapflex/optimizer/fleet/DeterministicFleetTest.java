package io.swapflex.optimizer.fleet;

import io.swapflex.optimizer.SolveOptions;
import io.swapflex.optimizer.check.fleet.FleetChecker;
import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.generate.FleetGenerator;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The deterministic fleet planner gives the same fleet plan whatever runs its station solves: one thread, two
 * threads, or a solver that passes every problem and plan through contract-v1 JSON (as a cluster's tasks do) and
 * solves the batch in reverse order. Same station plans to the byte (but their wall times), same fleet figures, and
 * the same batches handed out (the rounds follow the plans, not the clock).
 */
class DeterministicFleetTest {

    private static final long SEED = 7;
    /** One core's work for the whole fleet: ~60 ms per station in the first solve, more for the share rounds. */
    private static final Duration BUDGET = Duration.ofMillis(2_000);

    /** Records each batch's stations, then hands the batch on. */
    private static final class Recording implements StationSolver {
        final StationSolver inner;
        final List<List<Integer>> batches = Collections.synchronizedList(new ArrayList<>());

        Recording(StationSolver inner) {
            this.inner = inner;
        }

        @Override
        public int parallelism() {
            return inner.parallelism();
        }

        @Override
        public Plan[] solveAll(List<Solve> batch) {
            batches.add(batch.stream().map(Solve::station).toList());
            return inner.solveAll(batch);
        }
    }

    /** As a cluster member sees a batch: everything through JSON, solved last first. */
    private static final class ThroughJson implements StationSolver {
        @Override
        public int parallelism() {
            return 3;
        }

        @Override
        public Plan[] solveAll(List<Solve> batch) {
            Plan[] plans = new Plan[batch.size()];
            for (int i = batch.size() - 1; i >= 0; i--) {
                Solve s = batch.get(i);
                Plan warm = s.options().warmStart() == null ? null
                        : ContractJson.readPlan(ContractJson.write(s.options().warmStart()));
                Plan plan = StationSolver.solveDeterministic(ContractJson.readProblem(ContractJson.write(s.problem())),
                        new SolveOptions(s.options().timeLimit(), s.options().gapTarget(), warm), SEED);
                plans[i] = ContractJson.readPlan(ContractJson.write(plan));
            }
            return plans;
        }
    }

    static String withoutWallTimes(String json) {
        return json.replaceAll("\"solveMillis\" : \\d+", "");
    }

    @Test
    void oneThreadTwoThreadsAndJsonTasksGiveTheSameFleetPlan() {
        FleetProblem fleet = FleetGenerator.generate(12, 3);
        Recording one = new Recording(StationSolver.deterministic(SEED, 1));
        Recording two = new Recording(StationSolver.deterministic(SEED, 2));
        Recording json = new Recording(new ThroughJson());

        FleetPlan a = FleetPlanner.deterministic(one, false).plan(fleet, BUDGET);
        FleetPlan b = FleetPlanner.deterministic(two, false).plan(fleet, BUDGET);
        FleetPlan c = FleetPlanner.deterministic(json, false).plan(fleet, BUDGET);

        // not vacuous: the stations alone break a row, so shares were handed out and re-planned in later batches
        assertTrue(one.batches.size() > 1, "batches " + one.batches);
        assertTrue(a.stations().stream().anyMatch(p -> p.bound() == null), "no station was re-planned");
        assertEquals(List.of(), FleetChecker.check(fleet, a));

        assertEquals(one.batches, two.batches);
        assertEquals(one.batches, json.batches);
        String expected = withoutWallTimes(ContractJson.write(a));
        assertEquals(expected, withoutWallTimes(ContractJson.write(b)), "1 thread vs 2 threads");
        assertEquals(expected, withoutWallTimes(ContractJson.write(c)), "1 thread vs JSON tasks");
        for (int s = 0; s < a.stations().size(); s++) {
            assertEquals(withoutWallTimes(ContractJson.write(a.stations().get(s))),
                    withoutWallTimes(ContractJson.write(c.stations().get(s))), "station " + s);
        }
    }

    /** The budget decides the work: a larger one hands out more (and differs), so the test above is not a constant. */
    @Test
    void theSameBudgetGivesTheSamePlanALargerOneAnother() {
        FleetProblem fleet = FleetGenerator.generate(4, 5);
        FleetPlan small = FleetPlanner.deterministic(StationSolver.deterministic(SEED, 2), false)
                .plan(fleet, Duration.ofMillis(400));
        FleetPlan again = FleetPlanner.deterministic(StationSolver.deterministic(SEED, 1), false)
                .plan(fleet, Duration.ofMillis(400));
        FleetPlan larger = FleetPlanner.deterministic(StationSolver.deterministic(SEED, 2), false)
                .plan(fleet, Duration.ofMillis(4_000));
        assertEquals(withoutWallTimes(ContractJson.write(small)), withoutWallTimes(ContractJson.write(again)));
        assertTrue(larger.total() != small.total() || !java.util.Objects.equals(larger.bound(), small.bound()),
                "a ten times larger budget changed nothing");
    }
}
