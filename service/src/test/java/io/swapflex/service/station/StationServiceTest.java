package io.swapflex.service.station;

import io.swapflex.datasets.examples.Examples;
import io.swapflex.optimizer.contract.Bay;
import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.optimizer.contract.InvalidProblemException;
import io.swapflex.optimizer.contract.PackType;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.service.common.jdbc.Jdbc;
import io.swapflex.service.common.jdbc.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StationServiceTest {

    private static final Instant NOW = Instant.parse("2026-11-26T03:00:00Z");
    private final List<String> changes = new ArrayList<>();
    private StationService service;
    private Problem demo;

    /** While set, every commit fails (the connection's commit throws as a full disk would) and is rolled back. */
    private final AtomicBoolean failCommits = new AtomicBoolean();

    @BeforeEach
    void setUp() {
        DataSource database = TestDatabase.memory("stations-" + UUID.randomUUID());
        StationRepository repository = new StationRepository(new Jdbc(failingCommits(database)));
        service = new StationService(repository, Clock.fixed(NOW, ZoneOffset.UTC), (id, reason) -> changes.add(id + ": " + reason));
        demo = ContractJson.readProblem(Examples.json("demo-3bay-hourly"));
    }

    @Test
    void registeringCreatesVersionOneWithTheBaysAsRegisteredAndAsksForAPlan() {
        StationService.Registration r = service.register(demo, null);
        assertTrue(r.created());
        Station s = service.get(demo.stationId());
        assertEquals(1, s.version());
        assertEquals(1, s.revision());
        assertEquals(demo.bays().size(), s.bays().size());
        assertEquals(demo.bays().get(1).soc(), s.bays().get(1).socFraction());
        assertEquals(List.of(demo.stationId() + ": registered"), changes);
    }

    @Test
    void anUpdateBumpsTheVersionAndAStaleIfMatchIsAConflict() {
        service.register(demo, null);
        StationService.Registration update = service.register(demo, 1L);
        assertFalse(update.created());
        assertEquals(2, update.station().version());
        ConflictException e = assertThrows(ConflictException.class, () -> service.register(demo, 1L));
        assertTrue(e.getMessage().contains("version 2"), e.getMessage());
        assertEquals(2, service.get(demo.stationId()).version(), "a refused update changes nothing");
    }

    @Test
    void anInvalidRegistrationIsRefusedWithThePathOfEveryError() {
        PackType t = demo.packTypes().get(0);
        PackType broken = new PackType(t.id(), -1.0, t.maxChargeKw(), t.maxDischargeKw(), t.chargeEfficiency(),
                t.dischargeEfficiency(), 0.9, 0.5, t.swapReadySoc(), t.returnSoc(), t.degradationCostPerKwh());
        Problem bad = new Problem(1, demo.stationId(), demo.horizon(), demo.site(), List.of(broken), demo.bays(),
                demo.swapDemand(), demo.tariff(), demo.dispatchRequests(), demo.unservedSwapPenalty());
        InvalidProblemException e = assertThrows(InvalidProblemException.class, () -> service.register(bad, null));
        assertTrue(e.errors().stream().anyMatch(m -> m.startsWith("packTypes[0].capacityKwh ")), e.errors().toString());
        assertTrue(e.errors().stream().anyMatch(m -> m.startsWith("packTypes[0].minSoc ")), e.errors().toString());
        assertTrue(service.find(demo.stationId()).isEmpty());
    }

    @Test
    void packOutEmptiesTheBayPackInFillsItAndEachBumpsTheRevision() {
        service.register(demo, null);
        String bay = demo.bays().get(0).id();
        StoredEvent out = service.apply(demo.stationId(), new BatteryEvent(BatteryEvent.Kind.PACK_OUT, bay, null, null));
        assertEquals(2, out.revision());
        assertEquals(NOW, out.event().occurredAt(), "no time given: the time it was received");
        assertFalse(service.get(demo.stationId()).bay(bay).packPresent());
        assertNull(service.get(demo.stationId()).bay(bay).socFraction());

        service.apply(demo.stationId(), new BatteryEvent(BatteryEvent.Kind.PACK_IN, bay, 0.2, NOW));
        service.apply(demo.stationId(), new BatteryEvent(BatteryEvent.Kind.SOC, bay, 0.35, NOW));
        Station s = service.get(demo.stationId());
        assertEquals(4, s.revision());
        assertEquals(0.35, s.bay(bay).socFraction());
        assertEquals(1, s.version(), "events do not change the registration version");
        assertEquals(3, service.events(demo.stationId(), 10).size());
        assertEquals(4, changes.size());
    }

    @Test
    void eventsThatContradictTheBayAreConflicts() {
        service.register(demo, null);
        String bay = demo.bays().get(0).id();
        assertThrows(ConflictException.class, () ->
                service.apply(demo.stationId(), new BatteryEvent(BatteryEvent.Kind.PACK_IN, bay, 0.2, null)));
        service.apply(demo.stationId(), new BatteryEvent(BatteryEvent.Kind.PACK_OUT, bay, null, null));
        assertThrows(ConflictException.class, () ->
                service.apply(demo.stationId(), new BatteryEvent(BatteryEvent.Kind.PACK_OUT, bay, null, null)));
        assertThrows(ConflictException.class, () ->
                service.apply(demo.stationId(), new BatteryEvent(BatteryEvent.Kind.SOC, bay, 0.5, null)));
    }

    @Test
    void malformedEventsNameTheirFields() {
        service.register(demo, null);
        InvalidProblemException e = assertThrows(InvalidProblemException.class, () ->
                service.apply(demo.stationId(), new BatteryEvent(BatteryEvent.Kind.SOC, "no-such-bay", 1.5, null)));
        assertEquals(List.of("bayId 'no-such-bay' is not a bay of station " + demo.stationId(),
                "socFraction must be in [0, 1], is 1.5"), e.errors());
        InvalidProblemException missing = assertThrows(InvalidProblemException.class, () ->
                service.apply(demo.stationId(), new BatteryEvent(BatteryEvent.Kind.PACK_IN, demo.bays().get(0).id(), null, null)));
        assertEquals(List.of("socFraction is required for PACK_IN"), missing.errors());
        assertThrows(NotFoundException.class, () ->
                service.apply("nowhere", new BatteryEvent(BatteryEvent.Kind.PACK_OUT, "bay-01", null, null)));
        assertEquals(1, service.get(demo.stationId()).revision(), "nothing refused was applied");
    }

    @Test
    void registrationReplacesTheBays() {
        service.register(demo, null);
        List<Bay> fewer = demo.bays().subList(0, 2);
        Problem smaller = new Problem(1, demo.stationId(), demo.horizon(), demo.site(), demo.packTypes(), fewer,
                demo.swapDemand(), demo.tariff(), demo.dispatchRequests(), demo.unservedSwapPenalty());
        service.register(smaller, null);
        assertEquals(2, service.get(demo.stationId()).bays().size());
    }

    @Test
    void idsLongerThanTheDatabaseStoresAreBadInputNotAServerError() {
        String longId = "s".repeat(StationService.MAX_ID_LENGTH + 1);
        Problem tooLong = new Problem(1, longId, demo.horizon(), demo.site(), demo.packTypes(), demo.bays(),
                demo.swapDemand(), demo.tariff(), demo.dispatchRequests(), demo.unservedSwapPenalty());
        InvalidProblemException e = assertThrows(InvalidProblemException.class, () -> service.register(tooLong, null));
        assertEquals(List.of("stationId has 201 characters, at most 200 allowed"), e.errors());
    }

    @Test
    void aBatchThatFailsToCommitAnswersItsEventsWithTheFailureAndLeavesTheStationAsCommitted() {
        service.register(demo, null);
        String bay = demo.bays().get(0).id();
        failCommits.set(true);
        assertThrows(Jdbc.PersistenceException.class, () ->
                service.apply(demo.stationId(), new BatteryEvent(BatteryEvent.Kind.PACK_OUT, bay, null, null)));
        failCommits.set(false);
        Station s = service.get(demo.stationId());
        assertEquals(1, s.revision(), "a failed event leaves the station as committed");
        assertTrue(s.bay(bay).packPresent());
        assertTrue(service.events(demo.stationId(), 10).isEmpty(), "nothing of the failed batch is stored");
        // the same event again is checked against the committed state and stored
        StoredEvent stored = service.apply(demo.stationId(), new BatteryEvent(BatteryEvent.Kind.PACK_OUT, bay, null, null));
        assertEquals(2, stored.revision());
        assertEquals(List.of(stored.id()), service.events(demo.stationId(), 10).stream().map(StoredEvent::id).toList());
    }

    @Test
    void eventsFromManyThreadsAreEachCheckedAgainstWhatTheEarlierOnesLeftAndAllStored() throws Exception {
        service.register(demo, null);
        String bay = demo.bays().get(0).id();
        // every thread sends the two events of a swap on one bay; exactly one PACK_OUT and one PACK_IN can alternate
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<String>> answers = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            BatteryEvent.Kind kind = i % 2 == 0 ? BatteryEvent.Kind.PACK_OUT : BatteryEvent.Kind.PACK_IN;
            answers.add(pool.submit(() -> {
                try {
                    service.apply(demo.stationId(), new BatteryEvent(kind, bay, kind == BatteryEvent.Kind.PACK_IN ? 0.3 : null, NOW));
                    return "stored";
                } catch (ConflictException e) {
                    return "conflict";
                }
            }));
        }
        int stored = 0;
        for (Future<String> answer : answers) {
            stored += answer.get(30, TimeUnit.SECONDS).equals("stored") ? 1 : 0;
        }
        pool.shutdown();
        List<StoredEvent> events = service.events(demo.stationId(), 10_000);
        assertEquals(stored, events.size(), "every event answered as stored is stored, no other");
        for (int i = 0; i < events.size(); i++) {
            assertEquals(i % 2 == 0 ? BatteryEvent.Kind.PACK_OUT : BatteryEvent.Kind.PACK_IN, events.get(i).event().kind(),
                    "the stored events alternate: each was checked against the one before it");
            assertEquals(2 + i, events.get(i).revision());
        }
        assertEquals(1 + stored, service.get(demo.stationId()).revision());
    }

    private DataSource failingCommits(DataSource database) {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(database, method, args);
                    if (!(result instanceof Connection connection)) {
                        return result;
                    }
                    return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{Connection.class},
                            (p, m, a) -> {
                                if (m.getName().equals("commit") && failCommits.get()) {
                                    throw new SQLException("No space left on device (a test)");
                                }
                                return invoke(connection, m, a);
                            });
                });
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
