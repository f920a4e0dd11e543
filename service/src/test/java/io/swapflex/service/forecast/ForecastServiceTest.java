package io.swapflex.service.forecast;

import io.swapflex.datasets.examples.Examples;
import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.optimizer.contract.InvalidProblemException;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.service.common.jdbc.Jdbc;
import io.swapflex.service.common.jdbc.SurvivesRestart;
import io.swapflex.service.common.jdbc.TestDatabase;
import io.swapflex.service.plan.PlanRepository;
import io.swapflex.service.plan.PlanningService;
import io.swapflex.service.plan.StoredPlan;
import io.swapflex.service.station.Station;
import io.swapflex.service.station.StationRepository;
import io.swapflex.service.station.StationService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;

import static io.swapflex.service.plan.TestPlanning.GREEDY;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Forecasts without a container: validation, the profile planning uses, versions kept across a restart. */
class ForecastServiceTest implements SurvivesRestart {

    /** 03:00Z is 10:00 at the demo station (+07:00): its plans start at profile slot 10. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T03:00:00Z"), ZoneOffset.UTC);
    private final Problem demo = ContractJson.readProblem(Examples.json("demo-3bay-hourly"));

    private record Instance(StationService stations, ForecastService forecasts, PlanningService planning,
                            List<String> changes) {
        static Instance open(DataSource dataSource) {
            Jdbc jdbc = new Jdbc(dataSource);
            List<String> changes = new ArrayList<>();
            StationService stations = new StationService(new StationRepository(jdbc), CLOCK,
                    (id, reason) -> changes.add(id + ": " + reason));
            ForecastService forecasts = new ForecastService(stations, new ForecastRepository(jdbc), CLOCK);
            PlanningService planning = new PlanningService(stations, new PlanRepository(jdbc), CLOCK, GREEDY,
                    PlanningService.Inputs.defaults().profile(forecasts::profile));
            return new Instance(stations, forecasts, planning, changes);
        }
    }

    private static int[] onlyAt(int slot, int count) {
        int[] row = new int[24];
        row[slot] = count;
        return row;
    }

    /** An upload is stored, makes the plan stale and is planned with, surviving a restart. */
    @Override
    public void acrossARestart(Supplier<DataSource> first, Supplier<DataSource> again) {
        Instance one = Instance.open(first.get());
        String id = demo.stationId();
        one.stations().register(demo, null);
        StoredPlan v1 = one.planning().planNow(id, "registered");
        assertEquals(demo.swapDemand().get("2W-1.8")[12], v1.problem().swapDemand().get("2W-1.8")[2], "rotated by 10");

        double[] importPrices = new double[24];
        java.util.Arrays.fill(importPrices, 3.5);
        StationForecast f1 = one.forecasts().store(id, new ForecastProfile(Map.of("2W-1.8", onlyAt(15, 2)),
                importPrices, null, null, "depot survey"), StationForecast.UPLOADED, "analyst-1");
        assertEquals(1, f1.version());
        assertEquals(List.of(id + ": registered", id + ": forecast v1 uploaded"), one.changes());
        Station station = one.stations().get(id);
        assertEquals(2, station.revision());
        assertTrue(one.planning().stale(station, v1), "the forecast makes the plan stale");

        StoredPlan v2 = one.planning().planNow(id, "forecast v1 uploaded");
        assertArrayEquals(onlyAt(5, 2), v2.problem().swapDemand().get("2W-1.8"), "profile slot 15 is plan slot 5");
        assertEquals(3.5, v2.problem().tariff().importPricePerKwh()[0]);
        assertArrayEquals(v1.problem().tariff().exportPricePerKwh(), v2.problem().tariff().exportPricePerKwh(),
                "what the forecast leaves out stays the registration's");
        long swapsAt5 = v2.plan().bays().stream().filter(b -> b.swapOut()[5]).count();
        assertEquals(2, swapsAt5, "the plan hands out two packs where the forecast puts the riders");

        StationForecast f2 = one.forecasts().store(id, new ForecastProfile(null, null, null, new double[24], null),
                StationForecast.UPLOADED, "operator-1");
        assertEquals(2, f2.version());

        Instance two = Instance.open(again.get());
        assertEquals(List.of(1L, 2L), two.forecasts().versions(id));
        StationForecast reread = two.forecasts().version(id, 1);
        assertArrayEquals(onlyAt(15, 2), reread.profile().swapDemand().get("2W-1.8"));
        assertEquals("depot survey", reread.profile().note());
        assertEquals("analyst-1", reread.createdBy());
        ForecastService.InUse inUse = two.forecasts().inUse(id, null);
        assertEquals("forecast", inUse.source());
        assertEquals(2L, inUse.forecastVersion());
        assertEquals(List.of("baseLoadKw"), inUse.fromForecast());
        assertArrayEquals(demo.swapDemand().get("2W-1.8"), inUse.swapDemand().get("2W-1.8"),
                "the newest forecast is the one in use: version 2 gives base load only");
        assertTrue(two.planning().stale(two.stations().get(id), two.planning().current(id).orElseThrow()));
    }

    @Test
    void aForecastIsValidatedAgainstTheRegistration(@TempDir Path dir) {
        Instance one = Instance.open(TestDatabase.file(dir));
        String id = demo.stationId();
        one.stations().register(demo, null);
        int[] negative = onlyAt(3, 1);
        negative[4] = -1;
        InvalidProblemException e = assertThrows(InvalidProblemException.class, () -> one.forecasts().store(id,
                new ForecastProfile(Map.of("2W-1.8", negative, "3W", new int[24]), new double[23], null,
                        new double[]{-1}, null), StationForecast.UPLOADED, "x"));
        assertTrue(e.errors().contains("swapDemand.2W-1.8[4] must be ≥ 0, is -1"), e.errors().toString());
        assertTrue(e.errors().stream().anyMatch(m -> m.startsWith("swapDemand.3W is not a pack type of station demo-3bay")));
        assertTrue(e.errors().contains("importPricePerKwh has 23 values, the station's horizon has 24 slots"));
        assertTrue(e.errors().contains("baseLoadKw has 1 values, the station's horizon has 24 slots"));
        assertTrue(e.errors().contains("baseLoadKw[0] must be a finite number ≥ 0, is -1.0"), e.errors().toString());
        e = assertThrows(InvalidProblemException.class, () -> one.forecasts().store(id,
                new ForecastProfile(null, null, null, null, null), StationForecast.UPLOADED, "x"));
        assertTrue(e.errors().get(0).startsWith("$ gives no forecast"));
        assertEquals(List.of(), one.forecasts().versions(id), "nothing stored");
        assertEquals(1, one.stations().get(id).revision(), "nor the station changed");
        assertEquals("registration", one.forecasts().inUse(id, null).source());
    }

    @Test
    void aForecastThatNoLongerFitsTheRegistrationIsSetAside(@TempDir Path dir) {
        Instance one = Instance.open(TestDatabase.file(dir));
        String id = demo.stationId();
        one.stations().register(demo, null);
        one.forecasts().store(id, new ForecastProfile(Map.of("2W-1.8", onlyAt(1, 1)), null, null, null, null),
                StationForecast.UPLOADED, "x");
        // Re-registered on 12 two-hour slots: the 24-slot forecast no longer fits.
        Problem coarse = new Problem(1, id, new io.swapflex.optimizer.contract.Horizon(demo.horizon().start(), 120, 12),
                new io.swapflex.optimizer.contract.Site(3.0, 2.0, 2, null), demo.packTypes(), demo.bays(),
                Map.of("2W-1.8", new int[12]), new io.swapflex.optimizer.contract.Tariff("THB", new double[12],
                new double[12]), null, 150.0);
        one.stations().register(coarse, null);
        ForecastService.InUse inUse = one.forecasts().inUse(id, null);
        assertEquals("registration", inUse.source());
        assertNotNull(inUse.ignored());
        assertTrue(inUse.ignored().contains("swapDemand.2W-1.8 has 24 values, the station's horizon has 12 slots"));
        StoredPlan plan = one.planning().planNow(id, "re-registered");
        assertEquals(12, plan.problem().slots());
        assertFalse(plan.problem().swapDemand().get("2W-1.8")[0] > 0);
    }
}
