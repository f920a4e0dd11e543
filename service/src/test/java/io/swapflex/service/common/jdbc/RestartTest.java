package io.swapflex.service.common.jdbc;

import io.swapflex.datasets.examples.Examples;
import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.service.plan.PlanRepository;
import io.swapflex.service.plan.PlanningService;
import io.swapflex.service.plan.StoredPlan;
import io.swapflex.service.station.BatteryEvent;
import io.swapflex.service.station.Station;
import io.swapflex.service.station.StationRepository;
import io.swapflex.service.station.StationService;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Supplier;
import javax.sql.DataSource;

import static io.swapflex.service.plan.TestPlanning.GREEDY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the service stores survives a restart: the same H2 file opened by new repositories and services (what a new
 * application instance does) gives back the stations, bay states, events and every plan version with its problem.
 */
class RestartTest implements SurvivesRestart {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T03:00:00Z"), ZoneOffset.UTC);

    private record Instance(StationService stations, PlanningService planning) {
        static Instance open(DataSource dataSource) {
            Jdbc jdbc = new Jdbc(dataSource);
            StationService stations = new StationService(new StationRepository(jdbc), CLOCK, (id, reason) -> { });
            return new Instance(stations, new PlanningService(stations, new PlanRepository(jdbc), CLOCK, GREEDY));
        }
    }

    /** Stations, events and every plan version survive a restart. */
    @Override
    public void acrossARestart(Supplier<DataSource> first, Supplier<DataSource> again) {
        Problem demo = ContractJson.readProblem(Examples.json("demo-3bay-hourly"));
        String id = demo.stationId();
        String bay = demo.bays().get(2).id();

        Instance one = Instance.open(first.get());
        one.stations().register(demo, null);
        StoredPlan v1 = one.planning().planNow(id, "registered");
        one.stations().apply(id, new BatteryEvent(BatteryEvent.Kind.PACK_OUT, bay, null, null));
        StoredPlan v2 = one.planning().planNow(id, "battery event");
        one.stations().apply(id, new BatteryEvent(BatteryEvent.Kind.PACK_IN, bay, 0.25, null));

        Instance second = Instance.open(again.get());
        Station station = second.stations().get(id);
        assertEquals(3, station.revision());
        assertEquals(0.25, station.bay(bay).socFraction());
        assertEquals(List.of(BatteryEvent.Kind.PACK_OUT, BatteryEvent.Kind.PACK_IN),
                second.stations().events(id, 10).stream().map(e -> e.event().kind()).toList());
        assertEquals(List.of(1L, 2L), second.planning().versions(id));
        StoredPlan latest = second.planning().current(id).orElseThrow();
        assertEquals(2, latest.version());
        assertEquals(ContractJson.write(v2.plan()), ContractJson.write(latest.plan()));
        assertEquals(ContractJson.write(v1.problem()), ContractJson.write(second.planning().version(id, 1).problem()));
        assertEquals(demo.bays().size() - 1, latest.problem().bays().size(), "v2 solved the problem without the emptied bay");
        assertTrue(second.planning().stale(station, latest), "the PACK_IN came after v2: a re-plan is due at start-up");

        StoredPlan v3 = second.planning().planNow(id, "start-up");
        assertEquals(3, v3.version(), "versions keep growing across restarts");
        assertFalse(second.planning().stale(second.stations().get(id), v3));
    }
}
