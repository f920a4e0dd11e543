package io.swapflex.cluster;

import com.hazelcast.core.HazelcastInstance;
import io.swapflex.optimizer.check.fleet.FleetChecker;
import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.fleet.FleetPlan;
import io.swapflex.optimizer.fleet.FleetPlanner;
import io.swapflex.optimizer.fleet.FleetProblem;
import io.swapflex.optimizer.fleet.StationSolver;
import io.swapflex.optimizer.generate.FleetGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A generated fleet of 16 stations (8–50 bays, two feeders with the homes' evening peak, a fleet request at 18–20 h)
 * planned deterministically on one machine (one thread) and on three Hazelcast members on 127.0.0.1 in this JVM: the
 * same station plans to the byte (but their wall times), the same fleet figures, every plan through the fleet checker,
 * and the station solves spread over more than one member.
 */
@Timeout(300)
class ClusterFleetTest {

    private static final long SEED = 11;
    /** One core's work for the fleet: ~90 ms per station in the first solve, the rest for the shares. */
    private static final Duration BUDGET = Duration.ofSeconds(4);

    private static List<HazelcastInstance> members = new ArrayList<>();

    @BeforeAll
    static void startMembers() {
        members = ClusterMembers.startLocal(3, "swapflex-test-" + UUID.randomUUID(), 1, Duration.ofSeconds(60));
    }

    @AfterAll
    static void stopMembers() {
        ClusterMembers.shutdown(members);
    }

    @Test
    void threeMembersGiveTheSingleMachineFleetPlan() {
        FleetProblem fleet = FleetGenerator.generate(16, 2);
        long t0 = System.nanoTime();
        FleetPlan alone = FleetPlanner.deterministic(StationSolver.deterministic(SEED, 1), false).plan(fleet, BUDGET);
        long t1 = System.nanoTime();
        ClusterStationSolver cluster = new ClusterStationSolver(members.get(0), SEED, 1);
        FleetPlan spread = FleetPlanner.deterministic(cluster, false).plan(fleet, BUDGET);
        long t2 = System.nanoTime();
        System.out.printf("one machine, 1 thread: %.2f s; 3 members: %.2f s; %s%n", (t1 - t0) / 1e9, (t2 - t1) / 1e9,
                cluster.stats().describe());

        assertEquals(List.of(), FleetChecker.check(fleet, alone));
        assertEquals(List.of(), FleetChecker.check(fleet, spread));
        // the fleet's rows were broken alone: shares were handed out, so later batches went to the members too
        assertTrue(cluster.stats().batches() > 1, cluster.stats().describe());
        assertTrue(spread.stations().stream().anyMatch(p -> p.bound() == null), "no station was re-planned");
        assertTrue(cluster.stats().perMember().size() > 1, "the solves ran on " + cluster.stats().perMember());

        assertEquals(alone.status(), spread.status());
        assertEquals(alone.total(), spread.total());
        assertEquals(alone.bound(), spread.bound());
        assertEquals(alone.violations(), spread.violations());
        for (int s = 0; s < fleet.stations().size(); s++) {
            assertEquals(withoutWallTime(alone.stations().get(s)), withoutWallTime(spread.stations().get(s)),
                    "station " + s);
        }
        // and the whole fleet plan, its rows' values included
        assertEquals(ContractJson.write(alone).replaceAll("\"solveMillis\" : \\d+", ""),
                ContractJson.write(spread).replaceAll("\"solveMillis\" : \\d+", ""));
    }

    private static String withoutWallTime(Plan plan) {
        return ContractJson.write(plan).replaceAll("\"solveMillis\" : \\d+", "");
    }
}
