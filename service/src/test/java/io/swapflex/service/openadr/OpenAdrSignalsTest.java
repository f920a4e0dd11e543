package io.swapflex.service.openadr;

import io.swapflex.datasets.examples.Examples;
import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.service.plan.GridSignal;
import io.swapflex.service.plan.StationProblems;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** StationProblems.withSignals: the grid operator's prices and limits in the problem's slots (hourly demo, 17:00Z start). */
class OpenAdrSignalsTest {

    private static final Problem DEMO = ContractJson.readProblem(Examples.json("demo-3bay-hourly"));

    private static Instant at(String utc) {
        return Instant.parse("2026-11-" + utc + "Z");
    }

    @Test
    void aPriceCoveringPartOfASlotCountsForThatPartAndTheLaterSignalWins() {
        Problem p = StationProblems.withSignals(DEMO, List.of(
                new GridSignal(GridSignal.Kind.EXPORT_PRICE, at("25T18:00:00"), at("25T20:00:00"), 10.0),
                new GridSignal(GridSignal.Kind.EXPORT_PRICE, at("25T19:00:00"), at("25T19:15:00"), 2.0),
                new GridSignal(GridSignal.Kind.IMPORT_PRICE, at("25T17:30:00"), at("25T17:45:00"), 7.0)));
        double[] exp = p.tariff().exportPricePerKwh();
        assertEquals(2.2, exp[0], 1e-12);
        assertEquals(10.0, exp[1], 1e-12);
        assertEquals(0.25 * 2.0 + 0.75 * 10.0, exp[2], 1e-12);
        assertEquals(2.2, exp[3], 1e-12);
        assertEquals(0.75 * 2.9951 + 0.25 * 7.0, p.tariff().importPricePerKwh()[0], 1e-12);
        assertArrayEquals(Arrays.copyOfRange(DEMO.tariff().importPricePerKwh(), 1, 24),
                Arrays.copyOfRange(p.tariff().importPricePerKwh(), 1, 24), "untouched slots keep the tariff");
    }

    @Test
    void noSignalLeavesTheProblemAsItIs() {
        assertSame(DEMO, StationProblems.withSignals(DEMO, List.of()));
        Problem outside = StationProblems.withSignals(DEMO, List.of(
                new GridSignal(GridSignal.Kind.EXPORT_PRICE, at("27T18:00:00"), at("27T20:00:00"), 10.0)));
        assertArrayEquals(DEMO.tariff().exportPricePerKwh(), outside.tariff().exportPricePerKwh());
    }

    @Test
    void aLimitBindsEverySlotItTouches() {
        double[] limits = StationProblems.limitBySlot(DEMO, List.of(
                new GridSignal(GridSignal.Kind.IMPORT_LIMIT, at("25T17:45:00"), at("25T18:15:00"), 1.0),
                new GridSignal(GridSignal.Kind.IMPORT_LIMIT, at("25T18:00:00"), at("25T19:00:00"), 0.5)),
                GridSignal.Kind.IMPORT_LIMIT);
        assertEquals(1.0, limits[0]);
        assertEquals(0.5, limits[1]);
        assertEquals(Double.POSITIVE_INFINITY, limits[2]);
        assertNull(StationProblems.limitBySlot(DEMO, List.of(), GridSignal.Kind.EXPORT_LIMIT));
    }

    @Test
    void limitsBecomeTheSitesPerSlotLimitsWhereTheyAreTighter() {
        Problem p = StationProblems.withSignals(DEMO, List.of(
                new GridSignal(GridSignal.Kind.IMPORT_LIMIT, at("25T18:00:00"), at("25T18:30:00"), 1.0),
                new GridSignal(GridSignal.Kind.EXPORT_LIMIT, at("25T19:00:00"), at("25T21:00:00"), 5.0)));
        double[] imp = p.site().gridImportLimitKwBySlot();
        assertEquals(24, imp.length);
        assertEquals(3.0, imp[0], "the site's constant where no signal restricts");
        assertEquals(1.0, imp[1]);
        assertEquals(1.0, p.site().importLimitKw(1));
        assertEquals(2.0, p.site().exportLimitKw(2), "a signal above the site's limit changes nothing");
        assertEquals(0, io.swapflex.optimizer.contract.ProblemValidator.errors(p).size());
    }
}
