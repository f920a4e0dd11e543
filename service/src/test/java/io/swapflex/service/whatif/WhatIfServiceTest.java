package io.swapflex.service.whatif;

import com.fasterxml.jackson.databind.JsonNode;
import io.swapflex.datasets.examples.Examples;
import io.swapflex.optimizer.check.CheckReport;
import io.swapflex.optimizer.check.PlanChecker;
import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.optimizer.contract.DispatchRequest;
import io.swapflex.optimizer.contract.InvalidProblemException;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.service.common.jdbc.Jdbc;
import io.swapflex.service.common.jdbc.SurvivesRestart;
import io.swapflex.service.common.jdbc.TestDatabase;
import io.swapflex.service.common.jobs.AwaitFinished;
import io.swapflex.service.common.jobs.JobState;
import io.swapflex.service.plan.PlanRepository;
import io.swapflex.service.plan.PlanningService;
import io.swapflex.service.station.NotReadyException;
import io.swapflex.service.station.StationRepository;
import io.swapflex.service.station.StationService;
import io.swapflex.studies.whatif.Kpis;
import io.swapflex.studies.whatif.WhatIfRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import javax.sql.DataSource;

import static io.swapflex.service.plan.TestPlanning.GREEDY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What-if jobs without a container: a study run to DONE, validation, and a job interrupted by a restart. */
class WhatIfServiceTest implements SurvivesRestart {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T03:00:00Z"), ZoneOffset.UTC);
    private static final JsonNode DEMO = node(Examples.json("demo-3bay-hourly"));

    private record Instance(WhatIfService whatIf, WhatIfRepository jobs, StationService stations) {
        static Instance open(DataSource dataSource, ExecutorService executor) {
            Jdbc jdbc = new Jdbc(dataSource);
            StationService stations = new StationService(new StationRepository(jdbc), CLOCK, (id, reason) -> { });
            PlanningService planning = new PlanningService(stations, new PlanRepository(jdbc), CLOCK, GREEDY);
            WhatIfRepository jobs = new WhatIfRepository(jdbc);
            return new Instance(new WhatIfService(jobs, stations, planning, CLOCK, executor,
                    new WhatIfService.Settings(5, 3)), jobs, stations);
        }
    }

    private static JsonNode node(String json) {
        try {
            return ContractJson.mapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static WhatIfRequest.Scenario named(String name) {
        return new WhatIfRequest.Scenario(name, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    private static WhatIfRequest.Scenario demand(String name, double scale) {
        return new WhatIfRequest.Scenario(name, null, null, null, null, scale, null, null, null, null, null, null, null, null, null, null);
    }

    private static WhatIfRequest.Scenario dispatch(String name, DispatchRequest request) {
        return new WhatIfRequest.Scenario(name, null, null, null, null, null, null, null, null, List.of(request), null,
                null, null, null, null, null);
    }

    static WhatIfService.Report awaitFinished(WhatIfService whatIf, String id) throws InterruptedException {
        return AwaitFinished.poll(() -> whatIf.report(id), r -> !JobState.valueOf(r.state()).unfinished(),
                Duration.ofSeconds(30), "what-if job " + id);
    }

    @Test
    void aStudyRunsToDoneWithAKpiRowPerScenarioBesideTheBase(@TempDir Path dir) throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Instance one = Instance.open(TestDatabase.file(dir), executor);
            DispatchRequest firm = new DispatchRequest("dso-night", 2, 4, 0.5, 5.0, true);
            WhatIfJob job = one.whatIf().submit(new WhatIfRequest(null, DEMO, null, null, null, List.of(
                    demand("demand x3", 3), dispatch("dispatch", firm), demand("no riders", 0))), "analyst-1");
            assertEquals(JobState.QUEUED, job.state());
            assertEquals(4, job.scenarioCount());

            WhatIfService.Report report = awaitFinished(one.whatIf(), job.id());
            assertEquals("DONE", report.state(), String.valueOf(report.error()));
            assertEquals(new WhatIfService.Progress(4, 4), report.progress());
            assertEquals(List.of("base", "demand x3", "dispatch", "no riders"),
                    report.scenarios().stream().map(WhatIfService.Row::name).toList());
            for (WhatIfService.Row row : report.scenarios()) {
                assertEquals("DONE", row.state());
                assertTrue(row.check().feasible(), row.name() + ": " + row.check().violations());
                CheckReport again = PlanChecker.check(one.whatIf().scenario(job.id(), row.name()).problem(),
                        one.whatIf().plan(job.id(), row.name()));
                assertTrue(again.feasible(), again.summary());
                assertEquals("greedy", row.kpis().solver());
            }
            Kpis base = report.scenarios().get(0).kpis();
            Kpis busy = report.scenarios().get(1).kpis();
            Kpis dso = report.scenarios().get(2).kpis();
            Kpis idle = report.scenarios().get(3).kpis();
            assertEquals(5, base.swapsDemanded());
            assertEquals(15, busy.swapsDemanded());
            assertTrue(busy.swapsServed() > base.swapsServed() || busy.swapsUnserved() > base.swapsUnserved());
            assertEquals(busy.swapsDemanded(), busy.swapsServed() + busy.swapsUnserved());
            assertEquals(5.0, dso.dispatchReward(), 1e-9, "5/kWh · 0.5 kW · 1 h · 2 slots");
            assertTrue(dso.exportRevenue() > base.exportRevenue());
            assertEquals(0, idle.swapsServed());
            assertTrue(report.scenarios().get(1).delta().swapsServed() + report.scenarios().get(1).delta().swapsUnserved() == 10);
            assertEquals(dso.totalCost() - base.totalCost(), report.scenarios().get(2).delta().totalCost(), 1e-9);
            assertTrue(base.energyCycledKwh() > 0);
            assertEquals(base.energyChargedKwh() + base.energyDischargedKwh(), base.energyCycledKwh(), 1e-9);
            assertEquals(List.of(job.id()), one.whatIf().list(10).stream().map(WhatIfJob::id).toList());
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void anInvalidStudyIsRefusedWithEveryErrorAndItsPath(@TempDir Path dir) {
        Instance one = Instance.open(TestDatabase.file(dir), Executors.newSingleThreadExecutor());
        InvalidProblemException e = assertThrows(InvalidProblemException.class, () -> one.whatIf().submit(
                new WhatIfRequest(null, DEMO, "magic", "2m", null, List.of(named("a"), demand("b", -1), named("a"),
                        new WhatIfRequest.Scenario("c", null, null, null, null, null, null, null, null, null, null,
                                "0s", 1.5, null, null, null))), "analyst-1"));
        assertTrue(e.errors().contains("solver 'magic' is unknown, known: auto, flow, reference, greedy"), e.errors().toString());
        assertTrue(e.errors().contains("timeLimit must be in (0, PT10S], is 2m"), e.errors().toString());
        assertTrue(e.errors().contains("scenarios[1].demandScale must be ≥ 0, is -1"), e.errors().toString());
        assertTrue(e.errors().contains("scenarios[2].name 'a' is used by another scenario"), e.errors().toString());
        assertTrue(e.errors().contains("scenarios[3].timeLimit must be in (0, PT10S], is 0s"), e.errors().toString());
        assertTrue(e.errors().contains("scenarios[3].gapTarget must be in [0, 1), is 1.5"), e.errors().toString());

        e = assertThrows(InvalidProblemException.class, () -> one.whatIf().submit(
                new WhatIfRequest("no-such-station", null, null, null, null, List.of(named("a"))), "x"));
        assertEquals(List.of("stationId 'no-such-station' is not a registered station"), e.errors());
        e = assertThrows(InvalidProblemException.class, () -> one.whatIf().submit(
                new WhatIfRequest("demo-3bay", DEMO, null, null, null, List.of()), "x"));
        assertTrue(e.errors().get(0).startsWith("$ needs a base"), e.errors().toString());
        assertTrue(e.errors().get(1).startsWith("scenarios is required"), e.errors().toString());
        JsonNode broken = node(Examples.json("demo-3bay-hourly").replaceFirst("\"slotMinutes\" : 60", "\"slotMinutes\" : 0"));
        e = assertThrows(InvalidProblemException.class, () -> one.whatIf().submit(
                new WhatIfRequest(null, broken, null, null, null, List.of(named("a"))), "x"));
        assertTrue(e.errors().stream().anyMatch(m -> m.startsWith("problem.horizon.slotMinutes")), e.errors().toString());
        assertEquals(List.of(), one.whatIf().list(10), "nothing stored");
    }

    /** A job interrupted by a stop is resumed at the next start, keeping what was solved. */
    @Override
    public void acrossARestart(Supplier<DataSource> first, Supplier<DataSource> again) throws Exception {
        // First instance: its executor is already stopped, so the job is stored but never run; the base is then
        // recorded as solved and the job as RUNNING, as a stop in the middle of the job leaves it.
        ExecutorService stopped = Executors.newSingleThreadExecutor();
        stopped.shutdownNow();
        Instance one = Instance.open(first.get(), stopped);
        Problem demo = ContractJson.readProblem(Examples.json("demo-3bay-hourly"));
        one.stations().register(demo, null);
        WhatIfJob job = one.whatIf().submit(new WhatIfRequest(demo.stationId(), null, null, null, null,
                List.of(demand("double", 2), demand("half", 0.5))), "analyst-1");
        String basePlan = ContractJson.write(io.swapflex.optimizer.registry.Schedulers.byName("greedy").solve(
                one.whatIf().scenario(job.id(), "base").problem(), io.swapflex.optimizer.SolveOptions.defaults()));
        Instant solvedBefore = Instant.parse("2026-11-26T02:00:00Z");
        one.jobs().result(job.id(), 0, basePlan, null, solvedBefore);
        one.jobs().table().move(job.id(), JobState.RUNNING, Instant.parse("2026-11-26T01:59:00Z"), null);
        WhatIfService.Report interrupted = one.whatIf().report(job.id());
        assertEquals("RUNNING", interrupted.state());
        assertEquals(List.of("DONE", "RUNNING", "QUEUED"),
                interrupted.scenarios().stream().map(WhatIfService.Row::state).toList());
        assertThrows(NotReadyException.class, () -> one.whatIf().plan(job.id(), "half"));

        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Instance two = Instance.open(again.get(), executor);
            assertEquals(1, two.whatIf().resume());
            WhatIfService.Report done = awaitFinished(two.whatIf(), job.id());
            assertEquals("DONE", done.state());
            assertEquals(solvedBefore, done.scenarios().get(0).solvedAt(), "the base solved before the stop is kept");
            assertEquals(basePlan, ContractJson.write(two.whatIf().plan(job.id(), "base")));
            assertEquals(CLOCK.instant(), done.scenarios().get(2).solvedAt());
            assertEquals("station", done.base().source());
            assertEquals(demo.stationId(), done.base().stationId());
            assertNotNull(done.scenarios().get(2).kpis());
            assertTrue(done.scenarios().get(1).kpis().swapsDemanded() > done.scenarios().get(2).kpis().swapsDemanded());
            assertEquals(0, two.whatIf().resume(), "nothing left to resume");
        } finally {
            executor.shutdownNow();
        }
    }
}
