package io.swapflex.optimizer.contract;

import io.swapflex.datasets.examples.Examples;
import io.swapflex.optimizer.fleet.FleetProblem;
import io.swapflex.optimizer.fleet.FleetValidator;
import io.swapflex.optimizer.generate.FleetGenerator;
import io.swapflex.optimizer.generate.StationGenerator;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The size limits: what the project plans passes, what would make a solver explode is refused with one error that
 * names the field and the setting, and the settings override the defaults.
 */
class ProblemLimitsTest {

    private static Problem withBays(Problem p, List<Bay> bays) {
        return new Problem(p.formatVersion(), p.stationId(), p.horizon(), p.site(), p.packTypes(), bays,
                p.swapDemand(), p.tariff(), p.dispatchRequests(), p.unservedSwapPenalty());
    }

    @Test
    void theExamplesTheBenchmarkLadderAndAThousandStationFleetPass() {
        for (String name : Examples.names()) {
            assertEquals(List.of(), ProblemValidator.errors(ContractJson.readProblem(Examples.json(name)),
                    ProblemLimits.DEFAULT), name);
        }
        for (int bays : new int[]{12, 50, 100, 200, 400}) {
            Problem p = StationGenerator.generate(bays, StationGenerator.typesFor(bays), 1);
            assertEquals(List.of(), ProblemValidator.errors(p, ProblemLimits.DEFAULT), bays + " bays");
        }
        FleetProblem fleet = FleetGenerator.generate(1_000, 1);
        assertEquals(List.of(), FleetValidator.errors(fleet, ProblemLimits.DEFAULT));
    }

    @Test
    void aHundredThousandBaysIsOneErrorNamingTheLimit() {
        Problem p = ContractJson.readProblem(Examples.json("thai-2w-12"));
        Bay bay = p.bays().get(0);
        List<Bay> bays = new ArrayList<>(Collections.nCopies(100_000, bay));
        assertEquals(List.of("bays has 100000 entries, at most 2000 allowed (swapflex.limits.max-bays)"),
                ProblemValidator.errors(withBays(p, bays), ProblemLimits.DEFAULT));
    }

    @Test
    void aTenYearHorizonOfQuarterHoursIsRefused() {
        Problem p = ContractJson.readProblem(Examples.json("thai-2w-12"));
        int tenYears = 10 * 365 * 96;
        Problem longer = new Problem(p.formatVersion(), p.stationId(),
                new Horizon(p.horizon().start(), 15, tenYears), p.site(), p.packTypes(), p.bays(), p.swapDemand(),
                p.tariff(), p.dispatchRequests(), p.unservedSwapPenalty());
        assertEquals(List.of("horizon.slots is 350400, at most 105120 allowed (swapflex.limits.max-slots)"),
                ProblemValidator.errors(longer, ProblemLimits.DEFAULT));
    }

    @Test
    void baysTimesSlotsAndRidersPerSlotHaveLimitsOfTheirOwn() {
        Problem p = StationGenerator.generate(400, StationGenerator.typesFor(400), 1);
        ProblemLimits tight = limits(Map.of("swapflex.limits.max-bay-slots", "10000",
                "swapflex.limits.max-swaps-per-slot", "3"));
        List<String> errors = ProblemValidator.errors(p, tight);
        assertTrue(errors.contains("bays × horizon.slots is 400 × 96 = 38400, at most 10000 allowed "
                + "(swapflex.limits.max-bay-slots)"), errors::toString);
        assertTrue(errors.stream().anyMatch(e -> e.startsWith("swapDemand.") && e.contains("riders, at most 3 allowed "
                + "(swapflex.limits.max-swaps-per-slot)")), errors::toString);
    }

    @Test
    void aFleetBeyondItsStationsOrBaySlotsIsRefusedBeforeItsStationsAreChecked() {
        FleetProblem fleet = FleetGenerator.generate(30, 1);
        assertEquals(List.of("stations has 30 entries, at most 20 allowed (swapflex.limits.max-fleet-stations)"),
                FleetValidator.errors(fleet, limits(Map.of("swapflex.limits.max-fleet-stations", "20"))));
        List<String> errors = FleetValidator.errors(fleet, limits(Map.of("swapflex.limits.max-fleet-bay-slots", "1000")));
        assertEquals(1, errors.size(), errors::toString);
        assertTrue(errors.get(0).startsWith("stations have ") && errors.get(0).endsWith(
                "bays × slots in all, at most 1000 allowed (swapflex.limits.max-fleet-bay-slots)"), errors::toString);
    }

    @Test
    void deepNestingLongNumbersAndLongStringsFailTheParseNamingTheSetting() {
        // Binding a problem stops at the first array where an object belongs; a tree reader (OCPP, OpenADR) would not.
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        StreamConstraintsException tooDeep = assertThrows(StreamConstraintsException.class,
                () -> ContractJson.mapper().readTree(deep));
        assertTrue(ProblemLimits.describe(tooDeep.getOriginalMessage()).contains("(64, from swapflex.limits.json-max-depth)"),
                tooDeep.getOriginalMessage());
        InvalidProblemException e;
        String longNumber = "{\"formatVersion\": 1" + "0".repeat(500) + "}";
        e = assertThrows(InvalidProblemException.class, () -> ContractJson.readProblem(longNumber));
        assertTrue(e.getMessage().contains("swapflex.limits.json-max-number-length"), e.getMessage());
        String longString = "{\"stationId\": \"" + "x".repeat(1_000_001) + "\"}";
        e = assertThrows(InvalidProblemException.class, () -> ContractJson.readProblem(longString));
        assertTrue(e.getMessage().contains("swapflex.limits.json-max-string-length"), e.getMessage());
    }

    @Test
    void aMillionFaultsAreListedAsAHundredAndACount() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 1_000_000; i++) {
            many.add("bays[" + i + "].soc must be in [0, 1], is 2.0");
        }
        InvalidProblemException e = new InvalidProblemException(many);
        assertEquals(ProblemValidator.MAX_ERRORS + 1, e.errors().size());
        assertEquals("$ has 999900 more errors (the first 100 are listed)", e.errors().get(ProblemValidator.MAX_ERRORS));
    }

    @Test
    void settingsOverrideTheDefaultsAndABadOneIsNamed() {
        ProblemLimits l = limits(Map.of("swapflex.limits.max-bays", "5_000", "swapflex.limits.json-max-depth", "10"));
        assertEquals(5_000, l.maxBays());
        assertEquals(10, l.jsonMaxDepth());
        assertEquals(ProblemLimits.DEFAULT.maxSlots(), l.maxSlots());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> limits(Map.of("swapflex.limits.max-slots", "-3")));
        assertTrue(bad.getMessage().startsWith("swapflex.limits.max-slots must be a whole number"), bad.getMessage());
    }

    private static ProblemLimits limits(Map<String, String> settings) {
        Map<String, String> copy = new HashMap<>(settings);
        return ProblemLimits.DEFAULT.with(name -> Optional.ofNullable(copy.get(name)));
    }
}
