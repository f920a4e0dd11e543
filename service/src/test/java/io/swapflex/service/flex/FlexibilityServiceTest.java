package io.swapflex.service.flex;

import io.swapflex.datasets.examples.Examples;
import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.service.common.jdbc.Jdbc;
import io.swapflex.service.common.jdbc.TestDatabase;
import io.swapflex.service.plan.PlanRepository;
import io.swapflex.service.plan.PlanningService;
import io.swapflex.service.station.NotReadyException;
import io.swapflex.service.station.StationRepository;
import io.swapflex.service.station.StationService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

import static io.swapflex.service.plan.TestPlanning.GREEDY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Flexibility is computed once per plan version; precomputed, a GET never waits: it answers the last figures, stale. */
class FlexibilityServiceTest {

    /** Before the demo's registered start: the problem is the registered one. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T00:00:00Z"), ZoneOffset.UTC);

    private final ExecutorService background = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        background.shutdownNow();
    }

    @Test
    void precomputedFiguresAreKeptPerPlanVersionAndServedStaleUntilTheNextAreReady() throws Exception {
        Precomputing f = new Precomputing(background);
        f.planning.planNow(f.demo.stationId(), "first");
        background.submit(() -> { }).get();
        StationFlexibility first = f.flex.of(f.demo.stationId());
        assertEquals(1, first.planVersion());
        assertFalse(first.stale());
        assertTrue(first.windows().stream().anyMatch(w -> w.exportKw() > 0));
        assertSame(first, f.flex.of(f.demo.stationId()), "kept for the plan version, not computed again");

        CountDownLatch hold = occupy(background);
        f.planning.planNow(f.demo.stationId(), "second");
        StationFlexibility meanwhile = f.flex.of(f.demo.stationId());
        assertEquals(1, meanwhile.planVersion(), "version 2's figures are not ready: the last ones, at once");
        assertTrue(meanwhile.stale());
        hold.countDown();
        background.submit(() -> { }).get();
        StationFlexibility second = f.flex.of(f.demo.stationId());
        assertEquals(2, second.planVersion());
        assertFalse(second.stale());
    }

    /**
     * After a restart the stations' plans come from the database and no new plan arrives: the first read starts their
     * figures in the background (and answers the physical bound at once), the next read after that has them. A
     * restarted service used to answer 503 until the station's next re-plan.
     */
    @Test
    void aPlanFromBeforeARestartGetsItsFiguresOnTheFirstRead() throws Exception {
        Jdbc jdbc = new Jdbc(TestDatabase.memory("flex-restart-" + UUID.randomUUID()));
        StationService stations = new StationService(new StationRepository(jdbc), CLOCK, (id, reason) -> { });
        PlanningService before = new PlanningService(stations, new PlanRepository(jdbc), CLOCK, GREEDY,
                PlanningService.Inputs.defaults());
        Problem demo = ContractJson.readProblem(Examples.json("demo-3bay-hourly"));
        stations.register(demo, null);
        before.planNow(demo.stationId(), "before the restart");

        PlanningService after = new PlanningService(stations, new PlanRepository(jdbc), CLOCK, GREEDY,
                PlanningService.Inputs.defaults());
        FlexibilityService flex = new FlexibilityService(after, new FlexibilityCalculator(3), CLOCK, "test",
                background);
        assertEquals(StationFlexibility.Basis.PHYSICAL_BOUND, flex.answer(demo.stationId()).basis());
        background.submit(() -> { }).get();
        StationFlexibility figures = flex.answer(demo.stationId());
        assertEquals(1, figures.planVersion());
        assertFalse(figures.stale());
        assertEquals(StationFlexibility.Basis.PROVEN, figures.basis());
    }

    /**
     * A read of a station whose figures were never computed answers at once — never 503 — with the physical bound per
     * window, marked as such: nothing proven (exportKw 0), the bound the proof will not exceed. Once the background
     * computation ran, the proven figures replace it, each within its window's bound.
     */
    @Test
    void aStationWithoutFiguresIsAnsweredAtOnceWithItsPhysicalBoundMarkedAsSuch() throws Exception {
        Precomputing f = new Precomputing(background);
        assertThrows(NotReadyException.class, () -> f.flex.answer(f.demo.stationId()), "no plan yet: not ready");

        CountDownLatch hold = occupy(background);
        f.planning.planNow(f.demo.stationId(), "first");
        StationFlexibility bound = f.flex.answer(f.demo.stationId());
        assertEquals(StationFlexibility.Basis.PHYSICAL_BOUND, bound.basis());
        assertEquals(1, bound.planVersion());
        assertFalse(bound.stale(), "the bound is the current plan's");
        assertEquals(FlexibilityService.BOUND_METHOD, bound.method());
        assertEquals(FlexibilityCalculator.hourWindows(f.demo).size(), bound.windows().size());
        assertTrue(bound.windows().stream().allMatch(w -> w.exportKw() == 0 && w.costIncrease() == null),
                "nothing is offered as proven");
        assertTrue(bound.windows().stream().anyMatch(w -> w.upperBoundKw() > 0));
        assertSame(bound, f.flex.answer(f.demo.stationId()), "kept for the plan version");

        hold.countDown();
        background.submit(() -> { }).get();
        StationFlexibility proven = f.flex.answer(f.demo.stationId());
        assertEquals(StationFlexibility.Basis.PROVEN, proven.basis());
        for (int i = 0; i < proven.windows().size(); i++) {
            assertEquals(bound.windows().get(i).upperBoundKw(), proven.windows().get(i).upperBoundKw(), 1e-9);
            assertTrue(proven.windows().get(i).exportKw() <= bound.windows().get(i).upperBoundKw() + 1e-9);
        }
    }

    /** The background queue holds a station once however many plans it gets meanwhile: it is bounded by the stations. */
    @Test
    void aStationWaitsInTheBackgroundQueueOnceAndItsNewestPlanIsComputed() throws Exception {
        java.util.concurrent.ThreadPoolExecutor one = new java.util.concurrent.ThreadPoolExecutor(1, 1, 0,
                java.util.concurrent.TimeUnit.SECONDS, new java.util.concurrent.LinkedBlockingQueue<>());
        try {
            Precomputing f = new Precomputing(one);
                        CountDownLatch hold = occupy(one);
            for (int i = 0; i < 5; i++) {
                f.planning.planNow(f.demo.stationId(), "plan " + i);
            }
            assertEquals(1, one.getQueue().size(), "five plans, one computation waiting");
            hold.countDown();
            one.submit(() -> { }).get();
            StationFlexibility figures = f.flex.answer(f.demo.stationId());
            assertEquals(5, figures.planVersion(), "the newest plan's");
            assertEquals(StationFlexibility.Basis.PROVEN, figures.basis());
        } finally {
            one.shutdownNow();
        }
    }

    /** A registered f.demo station without a plan, its planning, and flexibility precomputed on {@code background}. */
    private static final class Precomputing {
        final Problem demo = ContractJson.readProblem(Examples.json("demo-3bay-hourly"));
        final PlanningService planning;
        final FlexibilityService flex;

        Precomputing(ExecutorService background) {
            Jdbc jdbc = new Jdbc(TestDatabase.memory("flex-" + UUID.randomUUID()));
            StationService stations = new StationService(new StationRepository(jdbc), CLOCK, (id, reason) -> { });
            AtomicReference<FlexibilityService> late = new AtomicReference<>();
            planning = new PlanningService(stations, new PlanRepository(jdbc), CLOCK, GREEDY,
                    PlanningService.Inputs.defaults().onPlan(plan -> late.get().planned(plan)));
            flex = new FlexibilityService(planning, new FlexibilityCalculator(3), CLOCK, "test", background);
            late.set(flex);
            stations.register(demo, null);
        }
    }

    /** Keeps the executor's thread busy until the latch is counted down: what is queued behind waits. */
    private static CountDownLatch occupy(ExecutorService executor) {
        CountDownLatch hold = new CountDownLatch(1);
        executor.execute(() -> {
            try {
                hold.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return hold;
    }
}
