package io.swapflex.service.plan;

import io.swapflex.datasets.examples.Examples;
import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.optimizer.contract.DispatchRequest;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.optimizer.contract.ProblemValidator;
import io.swapflex.service.station.BayState;
import io.swapflex.service.station.Station;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StationProblemsTest {

    /** demo-3bay-hourly: 24 hourly slots from 2026-11-26T00:00+07:00 (= 2026-11-25T17:00Z), one offer in slots 19–21. */
    private static final Problem DEMO = ContractJson.readProblem(Examples.json("demo-3bay-hourly"));

    private static Station station(List<BayState> bays) {
        Instant t = Instant.parse("2026-11-25T00:00:00Z");
        return new Station(DEMO.stationId(), 1, 1, DEMO, bays, t, t);
    }

    private static List<BayState> registeredBays() {
        List<BayState> bays = new ArrayList<>();
        DEMO.bays().forEach(b -> bays.add(new BayState(b.id(), b.packType(), true, b.soc())));
        return bays;
    }

    @Test
    void beforeTheRegisteredStartTheRegisteredHorizonIsPlannedAsIs() {
        Problem p = StationProblems.build(station(registeredBays()), Instant.parse("2026-11-20T00:00:00Z"));
        assertEquals(DEMO.horizon(), p.horizon());
        assertArrayEquals(DEMO.tariff().importPricePerKwh(), p.tariff().importPricePerKwh());
        assertEquals(DEMO.requests(), p.requests());
        assertTrue(ProblemValidator.errors(p).isEmpty(), () -> ProblemValidator.errors(p).toString());
    }

    @Test
    void laterTheHorizonStartsAtTheCurrentSlotAndTheProfileRotates() {
        // 2026-11-26T10:30Z is 17.5 h after the registered start: the horizon starts at slot 17 of the profile.
        Problem p = StationProblems.build(station(registeredBays()), Instant.parse("2026-11-26T10:30:00Z"));
        assertEquals(Instant.parse("2026-11-26T10:00:00Z"), p.horizon().startTime().toInstant());
        assertEquals(24, p.slots());
        double[] before = DEMO.tariff().importPricePerKwh();
        double[] after = p.tariff().importPricePerKwh();
        for (int t = 0; t < 24; t++) {
            assertEquals(before[(t + 17) % 24], after[t], "import price of slot " + t);
        }
        String type = DEMO.packTypes().get(0).id();
        assertEquals(DEMO.swapDemand().get(type)[17], p.swapDemand().get(type)[0]);
        // The offer (absolute slots 19–21) keeps its time: now slots 2–4.
        DispatchRequest offer = p.requests().get(0);
        assertEquals(2, offer.fromSlot());
        assertEquals(4, offer.toSlot());
        assertTrue(ProblemValidator.errors(p).isEmpty(), () -> ProblemValidator.errors(p).toString());
    }

    @Test
    void aDispatchRequestWhoseWindowHasPassedIsDroppedAndOneUnderWayIsClipped() {
        Problem past = StationProblems.build(station(registeredBays()), Instant.parse("2026-11-26T15:00:00Z"));
        assertTrue(past.requests().isEmpty(), "slot 22 of the profile: the offer (19–21) is over");
        Problem during = StationProblems.build(station(registeredBays()), Instant.parse("2026-11-26T13:10:00Z"));
        assertEquals(0, during.requests().get(0).fromSlot());
        assertEquals(1, during.requests().get(0).toSlot());
    }

    @Test
    void onlyBaysHoldingAPackArePlannedWithTheirLastReportedSoc() {
        List<BayState> bays = registeredBays();
        bays.set(0, bays.get(0).empty());
        bays.set(1, bays.get(1).withPack(0.77));
        Problem p = StationProblems.build(station(bays), Instant.parse("2026-11-20T00:00:00Z"));
        assertEquals(DEMO.bays().size() - 1, p.bays().size());
        assertEquals(bays.get(1).bayId(), p.bays().get(0).id());
        assertEquals(0.77, p.bays().get(0).soc());
    }

    @Test
    void acceptedDispatchRequestsKeepTheirAbsoluteWindowAreClippedAndDroppedOncePast() {
        // The demo's registered horizon starts 2026-11-25T17:00Z, hourly; at 10:30Z the next day it starts at 10:00Z.
        List<ActiveDispatch> accepted = List.of(
                new ActiveDispatch("dr-a", Instant.parse("2026-11-26T12:00:00Z"), Instant.parse("2026-11-26T14:00:00Z"), 1.5, 3.0),
                new ActiveDispatch("dr-under-way", Instant.parse("2026-11-26T09:00:00Z"), Instant.parse("2026-11-26T11:00:00Z"), 0.5, 0.0),
                new ActiveDispatch("dr-past", Instant.parse("2026-11-26T08:00:00Z"), Instant.parse("2026-11-26T10:00:00Z"), 0.5, 0.0),
                new ActiveDispatch("dr-beyond", Instant.parse("2026-11-27T09:00:00Z"), Instant.parse("2026-11-27T12:00:00Z"), 0.5, 0.0));
        Problem p = StationProblems.build(station(registeredBays()), Instant.parse("2026-11-26T10:30:00Z"), accepted);
        DispatchRequest a = find(p, "dr-a");
        assertEquals(2, a.fromSlot());
        assertEquals(4, a.toSlot());
        assertTrue(a.isFirm());
        assertEquals(1.5, a.exportKw());
        assertEquals(3.0, a.rewardPerKwh());
        assertEquals(0, find(p, "dr-under-way").fromSlot());
        assertEquals(1, find(p, "dr-under-way").toSlot());
        assertTrue(p.requests().stream().noneMatch(r -> r.id().equals("dr-past")));
        DispatchRequest beyond = find(p, "dr-beyond");
        assertEquals(23, beyond.fromSlot(), "the part of the window inside the horizon");
        assertEquals(24, beyond.toSlot());
        assertTrue(ProblemValidator.errors(p).isEmpty(), () -> ProblemValidator.errors(p).toString());
    }

    private static DispatchRequest find(Problem p, String id) {
        return p.requests().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }
}
