package io.swapflex.service.forecast;

import io.swapflex.datasets.examples.Examples;
import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.service.common.jdbc.Jdbc;
import io.swapflex.service.common.jdbc.TestDatabase;
import io.swapflex.service.station.BatteryEvent;
import io.swapflex.service.station.ConflictException;
import io.swapflex.service.station.StationRepository;
import io.swapflex.service.station.StationService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A forecast computed from the station's own PACK_OUT history with the forecasting module's count model. */
class SwapHistoryForecastTest {

    /** 10:00 on Thursday 2026-11-26 at the demo station (+07:00): the forecast covers 10:00 Thu – 10:00 Fri. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T03:00:00Z"), ZoneOffset.UTC);
    private static final ZoneOffset LOCAL = ZoneOffset.ofHours(7);
    private final Problem demo = ContractJson.readProblem(Examples.json("demo-3bay-hourly"));
    private StationService stations;
    private ForecastService forecasts;

    @BeforeEach
    void setUp() {
        Jdbc jdbc = new Jdbc(TestDatabase.memory("history-" + UUID.randomUUID()));
        stations = new StationService(new StationRepository(jdbc), CLOCK, (id, reason) -> { });
        forecasts = new ForecastService(stations, new ForecastRepository(jdbc), CLOCK);
        stations.register(demo, null);
    }

    private void swap(ZonedDateTime at) {
        stations.apply(demo.stationId(), new BatteryEvent(BatteryEvent.Kind.PACK_OUT, "bay-01", null, at.toInstant()));
        stations.apply(demo.stationId(), new BatteryEvent(BatteryEvent.Kind.PACK_IN, "bay-01", 0.2,
                at.plusMinutes(5).toInstant()));
    }

    /** Riders every day at 08:15 and 18:30 (two at 18:30), on working days also at 12:10. */
    private void history(int days) {
        ZonedDateTime today = CLOCK.instant().atZone(LOCAL).toLocalDate().atStartOfDay(LOCAL);
        for (int d = days; d >= 1; d--) {
            ZonedDateTime day = today.minusDays(d);
            swap(day.with(LocalTime.of(8, 15)));
            if (day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY) {
                swap(day.with(LocalTime.of(12, 10)));
            }
            swap(day.with(LocalTime.of(18, 30)));
            swap(day.with(LocalTime.of(18, 45)));
        }
    }

    @Test
    void theForecastPutsTheSwapsWhereTheHistoryHadThem() {
        history(42);
        StationForecast f = forecasts.compute(demo.stationId(), 0.9, "analyst-1");
        assertEquals(StationForecast.COMPUTED, f.source());
        int[] row = f.profile().swapDemand().get("2W-1.8");
        assertEquals(24, row.length);
        assertTrue(row[8] >= 1, "08 h: " + java.util.Arrays.toString(row));
        assertTrue(row[12] >= 1, "12 h on a Thursday: " + java.util.Arrays.toString(row));
        assertTrue(row[18] >= 2, "18 h: two riders every day: " + java.util.Arrays.toString(row));
        for (int h : new int[]{0, 3, 5, 10, 15, 22}) {
            assertEquals(0, row[h], "no rider ever came at " + h + " h: " + java.util.Arrays.toString(row));
        }
        assertTrue(f.profile().note().startsWith("computed: glm-negbin on 42.1 days of PACK_OUT events (156 swaps"),
                f.profile().note());
        assertEquals("forecast", forecasts.inUse(demo.stationId(), null).source());

        int[] median = forecasts.compute(demo.stationId(), 0.2, "analyst-1").profile().swapDemand().get("2W-1.8");
        for (int t = 0; t < 24; t++) {
            assertTrue(median[t] <= row[t], "a lower service level never plans for more swaps");
        }
    }

    @Test
    void tooShortAHistoryIsAConflictNamingWhatIsMissing() {
        ConflictException none = assertThrows(ConflictException.class,
                () -> forecasts.compute(demo.stationId(), null, "x"));
        assertTrue(none.getMessage().contains("no PACK_OUT event"), none.getMessage());
        history(10);
        ConflictException shortOne = assertThrows(ConflictException.class,
                () -> forecasts.compute(demo.stationId(), null, "x"));
        assertTrue(shortOne.getMessage().contains("10.1 days of PACK_OUT history"), shortOne.getMessage());
        assertTrue(shortOne.getMessage().contains("needs 28"), shortOne.getMessage());
        assertEquals(java.util.List.of(), forecasts.versions(demo.stationId()));
    }
}
