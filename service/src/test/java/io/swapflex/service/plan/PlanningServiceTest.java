package io.swapflex.service.plan;

import io.swapflex.datasets.examples.Examples;
import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.optimizer.contract.InvalidProblemException;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.service.common.jdbc.Jdbc;
import io.swapflex.service.common.jdbc.TestDatabase;
import io.swapflex.service.station.BatteryEvent;
import io.swapflex.service.station.NotFoundException;
import io.swapflex.service.station.StationRepository;
import io.swapflex.service.station.StationService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlanningServiceTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T03:00:00Z"), ZoneOffset.UTC);
    private final Problem demo = ContractJson.readProblem(Examples.json("demo-3bay-hourly"));
    private StationService stations;
    private PlanningService planning;

    @BeforeEach
    void setUp() {
        Jdbc jdbc = new Jdbc(TestDatabase.memory("planning-" + UUID.randomUUID()));
        stations = new StationService(new StationRepository(jdbc), CLOCK, (id, reason) -> { });
        planning = new PlanningService(stations, new PlanRepository(jdbc), CLOCK,
                new PlanningSettings("greedy", Duration.ofSeconds(5), 0.001, Duration.ofSeconds(20)));
    }

    @Test
    void eachPlanIsTheNextVersionMadeFromTheCurrentStateAndMeetsTheHardRules() {
        stations.register(demo, null);
        StoredPlan v1 = planning.planNow(demo.stationId(), "registered");
        assertEquals(1, v1.version());
        assertTrue(planning.check(v1).hardRulesMet(), planning.check(v1).summary());
        assertEquals(Instant.parse("2026-11-26T03:00:00Z"), v1.problem().horizon().startTime().toInstant(),
                "the horizon starts at the current slot of the profile");

        stations.apply(demo.stationId(), new BatteryEvent(BatteryEvent.Kind.SOC, "bay-02", 1.0, null));
        assertTrue(planning.stale(stations.get(demo.stationId()), v1));
        StoredPlan v2 = planning.planNow(demo.stationId(), "battery event");
        assertEquals(2, v2.version());
        assertEquals(1.0, v2.problem().bays().get(1).soc());
        assertFalse(planning.stale(stations.get(demo.stationId()), v2));
        assertEquals(v2.version(), planning.current(demo.stationId()).orElseThrow().version());
        assertThrows(NotFoundException.class, () -> planning.version(demo.stationId(), 3));
        assertThrows(NotFoundException.class, () -> planning.planNow("nowhere", "x"));
    }

    @Test
    void aDirectSolveChecksItsProblemAndOptionsFirst() {
        Plan plan = planning.solve(demo, null, null, null);
        assertEquals(demo.stationId(), plan.stationId());
        assertEquals("greedy", plan.solver());
        InvalidProblemException e = assertThrows(InvalidProblemException.class,
                () -> planning.solve(demo, "magic", Duration.ofMinutes(5), 1.5));
        assertEquals(List.of("solver 'magic' is unknown, known: " + String.join(", ", io.swapflex.optimizer.registry.Schedulers.names()),
                "timeLimit must be in (0, PT20S], is PT5M", "gapTarget must be in [0, 1), is 1.5"), e.errors());
    }
}
