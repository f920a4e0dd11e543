package io.swapflex.service.station;

import io.swapflex.datasets.examples.Examples;
import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.service.common.jdbc.Jdbc;
import io.swapflex.service.common.jdbc.SurvivesRestart;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javax.sql.DataSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One group commit's events of two stations, written by one multi-row insert (H2) or one statement from arrays
 * (PostgreSQL): each comes back with the id the database gave it, and after a restart each stored event is the one
 * answered with that id.
 */
class EventBatchTest implements SurvivesRestart {

    private static final Instant NOW = Instant.parse("2026-11-26T03:00:00Z");

    @Override
    public void acrossARestart(Supplier<DataSource> first, Supplier<DataSource> again) {
        Problem demo = ContractJson.readProblem(Examples.json("demo-3bay-hourly"));
        Problem other = new Problem(1, "other-station", demo.horizon(), demo.site(), demo.packTypes(), demo.bays(),
                demo.swapDemand(), demo.tariff(), demo.dispatchRequests(), demo.unservedSwapPenalty());
        StationRepository repository = new StationRepository(new Jdbc(first.get()));
        StationService stations = new StationService(repository, Clock.fixed(NOW, ZoneOffset.UTC), (id, r) -> { });
        stations.register(demo, null);
        stations.register(other, null);
        String bay = demo.bays().get(0).id();
        BayState full = stations.get(demo.stationId()).bay(bay);

        List<StationRepository.NewEvent> batch = new ArrayList<>();
        batch.add(new StationRepository.NewEvent(demo.stationId(), 2,
                new BatteryEvent(BatteryEvent.Kind.PACK_OUT, bay, null, NOW), full.empty()));
        batch.add(new StationRepository.NewEvent("other-station", 2,
                new BatteryEvent(BatteryEvent.Kind.SOC, bay, 0.5, NOW), full.withPack(0.5)));
        batch.add(new StationRepository.NewEvent(demo.stationId(), 3,
                new BatteryEvent(BatteryEvent.Kind.PACK_IN, bay, 0.2, NOW), full.withPack(0.2)));
        batch.add(new StationRepository.NewEvent(demo.stationId(), 4,
                new BatteryEvent(BatteryEvent.Kind.SOC, bay, 0.25, NOW), full.withPack(0.25)));
        List<StoredEvent> answered = repository.recordEvents(batch, NOW);
        assertEquals(4, answered.size());
        for (int i = 0; i < batch.size(); i++) {
            assertEquals(batch.get(i).stationId(), answered.get(i).stationId());
            assertEquals(batch.get(i).revision(), answered.get(i).revision());
            assertEquals(batch.get(i).event(), answered.get(i).event());
            assertTrue(i == 0 || answered.get(i).id() > answered.get(i - 1).id(), "ids in the batch's order");
        }
        stations.shutdown();

        StationRepository reopened = new StationRepository(new Jdbc(again.get()));
        List<StoredEvent> demoEvents = reopened.events(demo.stationId(), 10);
        assertEquals(List.of(answered.get(0), answered.get(2), answered.get(3)), demoEvents,
                "each stored event is the one answered with its id");
        assertEquals(List.of(answered.get(1)), reopened.events("other-station", 10));
        Station demoAfter = reopened.find(demo.stationId()).orElseThrow();
        assertEquals(4, demoAfter.revision(), "the station's newest revision of the batch");
        assertEquals(0.25, demoAfter.bay(bay).socFraction(), "the bay as the batch's last event left it");
        assertEquals(2, reopened.find("other-station").orElseThrow().revision());
        assertFalse(demoAfter.bay(bay).socFraction() == null);
    }
}
