package io.swapflex.service.plan;

import io.swapflex.datasets.examples.Examples;
import io.swapflex.optimizer.SolveOptions;
import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.optimizer.contract.InvalidProblemException;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.optimizer.registry.Schedulers;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ScheduleTest {

    private static final Problem DEMO = ContractJson.readProblem(Examples.json("demo-3bay-hourly"));
    private static final Plan PLAN = Schedulers.byName("greedy").solve(DEMO, SolveOptions.defaults());
    private static final StoredPlan STORED = new StoredPlan(DEMO.stationId(), 7, 3, "test",
            Instant.parse("2026-11-25T16:00:00Z"), DEMO, PLAN);

    @Test
    void withoutAWindowEverySlotOfTheHorizon() {
        Schedule s = Schedule.of(STORED, null, null);
        assertEquals(24, s.slots().size());
        assertEquals(Instant.parse("2026-11-25T17:00:00Z"), s.slots().get(0).start());
        assertEquals(7, s.version());
    }

    @Test
    void theSlotsOverlappingTheWindowWithTheirBaysPowerAndSoc() {
        // 18:30Z–20:00Z overlaps slot 1 (18–19) and slot 2 (19–20).
        Schedule s = Schedule.of(STORED, Instant.parse("2026-11-25T18:30:00Z"), Instant.parse("2026-11-25T20:00:00Z"));
        assertEquals(2, s.slots().size());
        Schedule.Slot slot = s.slots().get(0);
        assertEquals(1, slot.slot());
        assertEquals(PLAN.grid().importKw()[1], slot.importKw());
        Schedule.BaySlot bay = slot.bays().get(0);
        assertEquals(PLAN.bays().get(0).powerKw()[1], bay.powerKw());
        assertEquals(PLAN.bays().get(0).soc()[1], bay.socStart());
        assertEquals(PLAN.bays().get(0).soc()[2], bay.socEnd());
    }

    @Test
    void aWindowOutsideTheHorizonHasNoSlotsAndAnEmptyWindowIsRefused() {
        assertEquals(0, Schedule.of(STORED, Instant.parse("2027-01-01T00:00:00Z"), Instant.parse("2027-01-02T00:00:00Z")).slots().size());
        Instant t = Instant.parse("2026-11-25T20:00:00Z");
        assertThrows(InvalidProblemException.class, () -> Schedule.of(STORED, t, t));
    }

    @Test
    void theEtagChangesWithThePlanVersionAndTheWindow() {
        Schedule a = Schedule.of(STORED, null, null);
        StoredPlan next = new StoredPlan(DEMO.stationId(), 8, 4, "test", STORED.createdAt(), DEMO, PLAN);
        assertEquals(a.etag(), Schedule.of(STORED, null, null).etag());
        assertNotEquals(a.etag(), Schedule.of(next, null, null).etag());
        assertNotEquals(a.etag(), Schedule.of(STORED, Instant.parse("2026-11-25T18:00:00Z"), null).etag());
    }
}
