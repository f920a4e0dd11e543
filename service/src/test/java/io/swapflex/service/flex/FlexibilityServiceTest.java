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
        Jdbc jdbc = new Jdbc(TestDatabase.memory("flex-" + UUID.randomUUID()));
        StationService stations = new StationService(new StationRepository(jdbc), CLOCK, (id, reason) -> { });
        AtomicReference<FlexibilityService> flex = new AtomicReference<>();
        PlanningService planning = new PlanningService(stations, new PlanRepository(jdbc), CLOCK, GREEDY,
                PlanningService.Inputs.defaults().onPlan(plan -> flex.get().planned(plan)));
        FlexibilityCalculator calculator = new FlexibilityCalculator(3);
        flex.set(new FlexibilityService(planning, calculator, CLOCK, "test", background));

        Problem demo = ContractJson.readProblem(Examples.json("demo-3bay-hourly"));
        stations.register(demo, null);
        planning.planNow(demo.stationId(), "first");
        background.submit(() -> { }).get();
        StationFlexibility first = flex.get().of(demo.stationId());
        assertEquals(1, first.planVersion());
        assertFalse(first.stale());
        assertTrue(first.windows().stream().anyMatch(w -> w.exportKw() > 0));
        assertSame(first, flex.get().of(demo.stationId()), "kept for the plan version, not computed again");

        CountDownLatch hold = new CountDownLatch(1);
        background.execute(() -> {
            try {
                hold.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        planning.planNow(demo.stationId(), "second");
        StationFlexibility meanwhile = flex.get().of(demo.stationId());
        assertEquals(1, meanwhile.planVersion(), "version 2's figures are not ready: the last ones, at once");
        assertTrue(meanwhile.stale());
        hold.countDown();
        background.submit(() -> { }).get();
        StationFlexibility second = flex.get().of(demo.stationId());
        assertEquals(2, second.planVersion());
        assertFalse(second.stale());
    }

    /**
     * After a restart the stations' plans come from the database and no new plan arrives: the first read starts their
     * figures in the background (503 once), the next read after that has them. A restarted service used to answer 503
     * until the station's next re-plan.
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
        assertThrows(NotReadyException.class, () -> flex.answer(demo.stationId()));
        background.submit(() -> { }).get();
        StationFlexibility figures = flex.answer(demo.stationId());
        assertEquals(1, figures.planVersion());
        assertFalse(figures.stale());
    }
}
