package io.swapflex.service.plan;

import io.swapflex.datasets.examples.Examples;
import io.swapflex.optimizer.Scheduler;
import io.swapflex.optimizer.SolveOptions;
import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.optimizer.registry.Schedulers;
import io.swapflex.service.common.jdbc.Jdbc;
import io.swapflex.service.common.jdbc.TestDatabase;
import io.swapflex.service.station.StationRepository;
import io.swapflex.service.station.StationService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A scheduler that hangs past its deadline: the watchdog gives up on it, nothing is committed, the last plan stays in
 * service marked stale, the planner thread is free for other stations, and the re-plan is tried again until it works.
 */
@Timeout(60) // without the watchdog these tests would wait for the hung solve for ever: fail instead
class SolveWatchdogTest {

    private static final Duration TIME_LIMIT = Duration.ofMillis(300);
    private static final Duration GRACE = Duration.ofMillis(300);

    /** Stations whose solves hang (until released or interrupted). */
    private final Set<String> hanging = ConcurrentHashMap.newKeySet();
    private final CountDownLatch release = new CountDownLatch(1);
    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(1);
    private StationService stations;
    private PlanningService planning;
    private Replanner replanner;

    @BeforeEach
    void setUp() {
        Jdbc jdbc = new Jdbc(TestDatabase.memory("watchdog-" + UUID.randomUUID()));
        stations = new StationService(new StationRepository(jdbc), Clock.systemUTC(), (id, reason) -> { });
        PlanningService.SchedulerSource source = name -> new Scheduler() {
            private final Scheduler greedy = Schedulers.byName("greedy");

            @Override
            public String name() {
                return "hangs-on-demand";
            }

            @Override
            public Plan solve(Problem problem, SolveOptions options) {
                if (hanging.contains(problem.stationId())) {
                    try {
                        release.await(); // far past the time limit, as a hung LP would
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return greedy.solve(problem, options);
            }
        };
        planning = new PlanningService(stations, new PlanRepository(jdbc), Clock.systemUTC(),
                new PlanningSettings("greedy", TIME_LIMIT, 0.001, Duration.ofSeconds(5)),
                PlanningService.Inputs.defaults().schedulers(source, GRACE));
        // One planner thread for every station, as a small deployment might have: a hung solve must not take it.
        replanner = new Replanner(executor, Duration.ofMillis(1), planning::planNow,
                e -> e instanceof SolveOverrunException, Duration.ofMillis(100), Duration.ofMillis(400));
    }

    @AfterEach
    void tearDown() {
        release.countDown();
        executor.shutdownNow();
        planning.shutdown();
    }

    private String register(String id) {
        Problem demo = ContractJson.readProblem(Examples.json("demo-3bay-hourly"));
        Problem problem = new Problem(demo.formatVersion(), id, demo.horizon(), demo.site(), demo.packTypes(),
                demo.bays(), demo.swapDemand(), demo.tariff(), demo.dispatchRequests(), demo.unservedSwapPenalty());
        stations.register(problem, null);
        return id;
    }

    @Test
    void aSolvePastItsDeadlineCommitsNothingAndTheLastPlanStaysInServiceMarkedStale() {
        String id = register("watchdog-a");
        StoredPlan v1 = planning.planNow(id, "registered");
        assertFalse(planning.stale(stations.get(id), v1));

        hanging.add(id);
        // A scheduled refresh: the station did not change, so only the failed re-plan makes the plan stale.
        long started = System.nanoTime();
        SolveOverrunException e = assertThrows(SolveOverrunException.class,
                () -> planning.planNow(id, "scheduled refresh"));
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        assertTrue(tookMs >= TIME_LIMIT.plus(GRACE).toMillis() && tookMs < 5_000,
                "given up after the time limit plus the grace, not later: " + tookMs + " ms");
        assertTrue(e.getMessage().contains("the solve of station watchdog-a did not end within its deadline"),
                e.getMessage());
        assertEquals(1, planning.current(id).orElseThrow().version(), "nothing was committed");
        assertEquals(v1.revision(), stations.get(id).revision());
        assertTrue(planning.stale(stations.get(id), v1), "the plan in service is stale: its re-plan overran");
        assertTrue(planning.replanFailingSince(id).isPresent());
        assertFalse(planning.lock(id).isLocked(), "the station's lock was released");
    }

    @Test
    void aHungStationNeitherBlocksTheOthersNorStopsItsOwnLaterReplans() throws Exception {
        String hung = register("watchdog-hung");
        String other = register("watchdog-other");
        planning.planNow(hung, "registered");
        planning.planNow(other, "registered");
        hanging.add(hung);
        // The first re-plan of the hung station overruns; its retries keep overrunning while the other station, on
        // the same single planner thread, is re-planned in between.
        replanner.request(hung, "event");
        Thread.sleep(TIME_LIMIT.plus(GRACE).toMillis() / 2);
        replanner.request(other, "event");
        assertTrue(replanner.awaitIdle(other, Duration.ofSeconds(10)), "the other station was re-planned");
        assertEquals(2, planning.current(other).orElseThrow().version());
        assertEquals(1, planning.current(hung).orElseThrow().version());
        assertTrue(replanner.busy(hung), "the hung station's re-plan is being retried");

        // The fault passes: the next retry commits a plan, and the plan is no longer stale.
        hanging.remove(hung);
        assertTrue(replanner.awaitIdle(hung, Duration.ofSeconds(10)));
        StoredPlan v2 = planning.current(hung).orElseThrow();
        assertEquals(2, v2.version());
        assertEquals("event", v2.reason());
        assertFalse(planning.stale(stations.get(hung), v2));
        assertTrue(planning.replanFailingSince(hung).isEmpty());
    }

    @Test
    void aDirectSolvePastItsDeadlineAnswersInsteadOfHanging() {
        hanging.add("watchdog-direct");
        Problem demo = ContractJson.readProblem(Examples.json("demo-3bay-hourly"));
        Problem problem = new Problem(demo.formatVersion(), "watchdog-direct", demo.horizon(), demo.site(),
                demo.packTypes(), demo.bays(), demo.swapDemand(), demo.tariff(), demo.dispatchRequests(),
                demo.unservedSwapPenalty());
        long started = System.nanoTime();
        assertThrows(SolveOverrunException.class, () -> planning.solve(problem, "greedy", Duration.ofMillis(200), null));
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) < 5_000);
    }
}
