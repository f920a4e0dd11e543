package io.swapflex.service.openadr;

import io.swapflex.datasets.examples.Examples;
import io.swapflex.optimizer.check.PlanChecker;
import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.service.common.jdbc.Jdbc;
import io.swapflex.service.common.jdbc.SurvivesRestart;
import io.swapflex.service.plan.GridSignal;
import io.swapflex.service.plan.PlanRepository;
import io.swapflex.service.plan.PlanningService;
import io.swapflex.service.plan.TestPlanning;
import io.swapflex.service.plan.StoredPlan;
import io.swapflex.service.station.StationRepository;
import io.swapflex.service.station.StationService;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import javax.sql.DataSource;

import static io.swapflex.service.plan.TestPlanning.GREEDY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** OpenADR events and their signals are stored, survive a restart, and re-plans apply the signals until they pass. */
class OpenAdrRepositoryTest implements SurvivesRestart {

    private static final Clock CLOCK = TestPlanning.DEMO_MORNING;

    @Override
    public void acrossARestart(Supplier<DataSource> first, Supplier<DataSource> again) {
        Problem demo = ContractJson.readProblem(Examples.json("demo-3bay-hourly"));
        String id = demo.stationId();
        List<GridSignal> signals = List.of(
                new GridSignal(GridSignal.Kind.EXPORT_PRICE, Instant.parse("2026-11-26T05:00:00Z"),
                        Instant.parse("2026-11-26T07:00:00Z"), 40.0),
                new GridSignal(GridSignal.Kind.IMPORT_LIMIT, Instant.parse("2026-11-26T04:00:00Z"),
                        Instant.parse("2026-11-26T05:00:00Z"), 0.5),
                new GridSignal(GridSignal.Kind.IMPORT_PRICE, Instant.parse("2026-11-26T01:00:00Z"),
                        Instant.parse("2026-11-26T03:00:00Z"), 99.0));
        {
            Jdbc jdbc = new Jdbc(first.get());
            new StationService(new StationRepository(jdbc), CLOCK, (s, r) -> { }).register(demo, null);
            OpenAdrRepository repository = new OpenAdrRepository(jdbc);
            repository.insert(new StoredAdrEvent("ev-1", "dso", CLOCK.instant(), "dev-operator",
                    Instant.parse("2026-11-26T07:00:00Z"), "{\"id\": \"ev-1\"}", "{}", List.of(id)));
            repository.insertSignals("ev-1", id, 2, signals, CLOCK.instant());
            repository.setOutcome("ev-1", "{\"status\": \"ACCEPTED\"}");
            repository.insert(new StoredAdrEvent("ev-gone", "dso", CLOCK.instant(), "dev-operator",
                    CLOCK.instant(), "{}", "{}", List.of(id)));
            repository.delete("ev-gone");
        }
        Jdbc jdbc = new Jdbc(again.get());
        OpenAdrRepository repository = new OpenAdrRepository(jdbc);
        StoredAdrEvent stored = repository.find("ev-1").orElseThrow();
        assertEquals("{\"status\": \"ACCEPTED\"}", stored.outcome());
        assertEquals(List.of(id), stored.stationIds());
        assertEquals(List.of("ev-1"), repository.list(id).stream().map(StoredAdrEvent::id).toList());
        assertEquals(0, repository.list("another-station").size());
        assertEquals(signals.subList(0, 2), repository.signals(id, CLOCK.instant()), "the past one is left out");

        StationService stations = new StationService(new StationRepository(jdbc), CLOCK, (s, r) -> { });
        assertEquals(2, stations.get(id).revision(), "the signals moved the station on");
        PlanningService planning = new PlanningService(stations, new PlanRepository(jdbc), CLOCK, GREEDY,
                PlanningService.Inputs.defaults().signals(repository::signals));
        StoredPlan plan = planning.planNow(id, "test");
        assertEquals(40.0, plan.problem().tariff().exportPricePerKwh()[2]);
        assertEquals(40.0, plan.problem().tariff().exportPricePerKwh()[3]);
        assertEquals(0.5, plan.problem().site().importLimitKw(1));
        assertTrue(plan.plan().grid().importKw()[1] <= 0.5 + 1e-5);
        assertTrue(PlanChecker.check(plan.problem(), plan.plan()).feasible(),
                () -> PlanChecker.check(plan.problem(), plan.plan()).summary());
    }
}
