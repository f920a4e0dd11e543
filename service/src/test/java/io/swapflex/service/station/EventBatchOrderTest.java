package io.swapflex.service.station;

import io.swapflex.datasets.examples.Examples;
import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.service.common.jdbc.Jdbc;
import io.swapflex.service.common.jdbc.SurvivesRestart;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Large group commits of interleaved stations, one batch after another on the writer's own connection (H2 and
 * PostgreSQL, where a batch is one statement): every event comes back with its own id (the id the database stored it
 * under, matched by station and revision), ids ascend in each batch's order across batches, each station's events
 * are listed in the order they came, and each bay and station is left as its last event in the batch left it.
 */
class EventBatchOrderTest implements SurvivesRestart {

    private static final Instant NOW = Instant.parse("2026-11-26T03:00:00.123456Z");
    private static final int STATIONS = 7;

    @Override
    public void acrossARestart(Supplier<DataSource> first, Supplier<DataSource> again) {
        Problem demo = ContractJson.readProblem(Examples.json("demo-3bay-hourly"));
        StationRepository repository = new StationRepository(new Jdbc(first.get()));
        StationService stations = new StationService(repository, Clock.fixed(NOW, ZoneOffset.UTC), (id, r) -> { });
        List<String> ids = new ArrayList<>();
        for (int s = 0; s < STATIONS; s++) {
            Problem p = new Problem(1, "order-" + s, demo.horizon(), demo.site(), demo.packTypes(), demo.bays(),
                    demo.swapDemand(), demo.tariff(), demo.dispatchRequests(), demo.unservedSwapPenalty());
            stations.register(p, null);
            ids.add(p.stationId());
        }
        List<String> bays = demo.bays().stream().map(b -> b.id()).toList();

        Map<String, Long> revisions = new HashMap<>();
        ids.forEach(id -> revisions.put(id, 1L));
        Map<String, List<StoredEvent>> answeredByStation = new HashMap<>();
        Map<String, Double> lastSoc = new HashMap<>();
        long previousId = Long.MIN_VALUE;
        // batches of 1, 333 and 50 events: the single-event one, one larger than the service's own batches (500 is
        // their bound, 333 over 7 stations still interleaves), and a later one that must continue the ids
        for (int size : new int[]{1, 333, 50}) {
            List<StationRepository.NewEvent> batch = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                String station = ids.get((i * 3 + size) % STATIONS); // an uneven interleaving
                String bay = bays.get(i % bays.size());
                double soc = ((i * 37 + size) % 101) / 100.0;
                long revision = revisions.merge(station, 1L, Long::sum);
                batch.add(new StationRepository.NewEvent(station, revision,
                        new BatteryEvent(BatteryEvent.Kind.SOC, bay, soc, NOW.minusSeconds(i)),
                        new BayState(bay, demo.bays().get(0).packType(), true, soc)));
                lastSoc.put(station + "/" + bay, soc);
            }
            List<StoredEvent> answered = repository.recordEvents(batch, NOW);
            assertEquals(size, answered.size());
            for (int i = 0; i < size; i++) {
                StoredEvent event = answered.get(i);
                assertEquals(batch.get(i).stationId(), event.stationId());
                assertEquals(batch.get(i).revision(), event.revision());
                assertEquals(batch.get(i).event(), event.event());
                assertTrue(event.id() > previousId, "ids ascend in the batches' order: " + event.id() + " after "
                        + previousId);
                previousId = event.id();
                answeredByStation.computeIfAbsent(event.stationId(), k -> new ArrayList<>()).add(event);
            }
        }
        stations.shutdown();

        StationRepository reopened = new StationRepository(new Jdbc(again.get()));
        for (String id : ids) {
            assertEquals(answeredByStation.get(id), reopened.events(id, 10_000),
                    "station " + id + ": every event stored under the id it was answered with, in its order");
            Station stored = reopened.find(id).orElseThrow();
            assertEquals(revisions.get(id), stored.revision(), "station " + id + ": its newest revision");
            for (String bay : bays) {
                Double expected = lastSoc.get(id + "/" + bay);
                if (expected != null) {
                    assertEquals(expected, stored.bay(bay).socFraction(), id + "/" + bay + " as its last event left it");
                }
            }
        }
        reopened.close();
    }

    @Test
    void idsAreMatchedByStationAndRevisionWhateverOrderTheyComeBackIn() {
        BayState bay = new BayState("bay-01", "std", true, 0.5);
        List<StationRepository.NewEvent> batch = List.of(
                new StationRepository.NewEvent("a", 2, new BatteryEvent(BatteryEvent.Kind.SOC, "bay-01", 0.5, NOW), bay),
                new StationRepository.NewEvent("b", 2, new BatteryEvent(BatteryEvent.Kind.SOC, "bay-01", 0.5, NOW), bay),
                new StationRepository.NewEvent("a", 3, new BatteryEvent(BatteryEvent.Kind.SOC, "bay-01", 0.5, NOW), bay));
        Map<String, Long> ids = new LinkedHashMap<>();
        ids.put("a\n3", 12L); // as the rows came back: not the batch's order
        ids.put("b\n2", 11L);
        ids.put("a\n2", 10L);
        List<StoredEvent> stored = StationRepository.matchIds(batch, ids, NOW);
        assertEquals(List.of(10L, 11L, 12L), stored.stream().map(StoredEvent::id).toList());
        assertEquals(List.of("a", "b", "a"), stored.stream().map(StoredEvent::stationId).toList());

        ids.remove("b\n2");
        assertThrows(IllegalStateException.class, () -> StationRepository.matchIds(batch, ids, NOW),
                "an event without an id is never answered as stored");
    }
}
