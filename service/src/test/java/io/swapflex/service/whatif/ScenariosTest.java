package io.swapflex.service.whatif;

import io.swapflex.datasets.examples.Examples;
import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.optimizer.contract.DispatchRequest;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.optimizer.contract.ProblemValidator;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScenariosTest {

    private final Problem demo = ContractJson.readProblem(Examples.json("demo-3bay-hourly"));

    private static WhatIfRequest.Scenario scenario(Double importScale, double[] importPrices, Double exportScale,
                                                   Double demandScale, List<WhatIfRequest.BayGroup> bays,
                                                   Double importLimit, Double exportLimit,
                                                   List<DispatchRequest> requests) {
        return new WhatIfRequest.Scenario("s", importScale, importPrices, exportScale, null, demandScale, bays,
                importLimit, exportLimit, requests, null, null, null, null, null, null);
    }

    @Test
    void everyVariationChangesWhatItNamesAndNothingElse() {
        List<String> errors = new ArrayList<>();
        double[] flat = new double[24];
        Arrays.fill(flat, 4.0);
        DispatchRequest dr = new DispatchRequest("dr-x", 2, 4, 1.5, 3.0, true);
        Problem p = Scenarios.apply(demo, scenario(0.5, flat, 2.0, 2.0,
                List.of(new WhatIfRequest.BayGroup("2W-1.8", 2, 0.5)), 9.0, 4.0, List.of(dr)), "scenarios[0]", errors);
        assertEquals(List.of(), errors);
        assertTrue(ProblemValidator.errors(p).isEmpty());
        for (int t = 0; t < 24; t++) {
            assertEquals(2.0, p.tariff().importPricePerKwh()[t], 1e-12, "replaced, then scaled");
            assertEquals(2 * demo.tariff().exportPricePerKwh()[t], p.tariff().exportPricePerKwh()[t], 1e-12);
            assertEquals(2 * demo.swapDemand().get("2W-1.8")[t], p.swapDemand().get("2W-1.8")[t]);
        }
        assertEquals(5, p.bays().size());
        assertEquals(List.of("whatif-2W-1.8-4", "whatif-2W-1.8-5"), p.bays().subList(3, 5).stream().map(b -> b.id()).toList());
        assertEquals(0.5, p.bays().get(4).soc());
        assertEquals(9.0, p.site().gridImportLimitKw());
        assertEquals(4.0, p.site().gridExportLimitKw());
        assertEquals(List.of("offer-evening", "dr-x"), p.requests().stream().map(DispatchRequest::id).toList());
        assertEquals(demo.horizon(), p.horizon());
        assertArrayEquals(demo.site().baseLoadKw(), p.site().baseLoadKw());
        assertEquals(24, demo.tariff().importPricePerKwh().length);
        assertEquals(2.9951, demo.tariff().importPricePerKwh()[0], "the base is not touched");
    }

    @Test
    void demandScalingKeepsTheRunningTotalAndTheSlots() {
        assertArrayEquals(new int[]{2, 1, 2, 1}, Scenarios.scale(new int[]{1, 1, 1, 1}, 1.5));
        assertArrayEquals(new int[]{0, 0, 0, 0}, Scenarios.scale(new int[]{1, 0, 3, 0}, 0));
        assertArrayEquals(new int[]{0, 1, 0, 0, 1}, Scenarios.scale(new int[]{0, 1, 1, 0, 1}, 0.5));
        int[] row = {0, 3, 0, 5, 1, 7};
        int[] scaled = Scenarios.scale(row, 1.3);
        assertEquals(Math.round(16 * 1.3), Arrays.stream(scaled).sum());
        for (int t = 0; t < row.length; t++) {
            assertTrue(scaled[t] >= 0);
            assertTrue(row[t] > 0 || scaled[t] == 0, "no swaps appear in an empty slot");
        }
    }

    @Test
    void errorsNameTheFieldInTheRequest() {
        List<String> errors = new ArrayList<>();
        DispatchRequest bad = new DispatchRequest("dr-bad", 5, 99, 1.0, 1.0, true);
        assertNull(Scenarios.apply(demo, scenario(-2.0, new double[3], null, -1.0,
                List.of(new WhatIfRequest.BayGroup("4W", 0, 1.5)), -1.0, null, List.of(bad)), "scenarios[1]", errors));
        assertTrue(errors.contains("scenarios[1].demandScale must be ≥ 0, is -1"), errors.toString());
        assertTrue(errors.contains("scenarios[1].importPricePerKwh has 3 values, the base has 24 slots"), errors.toString());
        assertTrue(errors.contains("scenarios[1].importLimitKw must be ≥ 0, is -1"), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.startsWith("scenarios[1].addBays[0].packType '4W' is not a pack type")));
        assertTrue(errors.stream().anyMatch(e -> e.startsWith("scenarios[1].addBays[0].count must be an integer in [1, 200], is 0")));
        assertTrue(errors.contains("scenarios[1].addBays[0].soc must be in [0, 1], is 1.5"), errors.toString());

        errors.clear();
        assertNull(Scenarios.apply(demo, scenario(null, null, null, null, null, null, null,
                List.of(new DispatchRequest("offer-evening", 1, 2, 1.0, 1.0, false), bad)), "scenarios[2]", errors));
        assertTrue(errors.stream().anyMatch(e -> e.startsWith("scenarios[2].dispatchRequests[0].id")), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.startsWith("scenarios[2].dispatchRequests[1].toSlot")), errors.toString());
    }

    @Test
    void namesAreCheckedForUseInAPath() {
        assertNull(Scenarios.nameError("export x2 (high)"));
        assertEquals("is required", Scenarios.nameError(" "));
        assertTrue(Scenarios.nameError("a/b").startsWith("must not hold"));
        assertTrue(Scenarios.nameError("Base").contains("base"));
        assertTrue(Scenarios.nameError("x".repeat(101)).startsWith("must be at most 100"));
    }

    @Test
    void economicsFieldsScalePenaltiesAndSetEndValueAndReadiness() {
        Problem base = io.swapflex.optimizer.contract.ContractJson.readProblem(
                io.swapflex.datasets.examples.Examples.json("mixed-2w3w-21"));
        WhatIfRequest.Scenario s = new WhatIfRequest.Scenario("truck drivers matter", null, null, null, null, null,
                null, null, null, null, null, null, null, 2.0, 0.0, 1);
        List<String> errors = new java.util.ArrayList<>();
        Problem p = Scenarios.apply(base, s, "scenarios[0]", errors);
        assertTrue(errors.isEmpty(), errors.toString());
        for (int k = 0; k < base.packTypes().size(); k++) {
            assertEquals(2 * base.packTypes().get(k).swapPenalty(base.unservedSwapPenalty()),
                    p.packTypes().get(k).swapPenalty(p.unservedSwapPenalty()), 1e-12);
            assertEquals(0.0, p.packTypes().get(k).endValue(), 0.0);
            assertEquals(1, p.packTypes().get(k).readyAtEnd());
        }
        WhatIfRequest.Scenario bad = new WhatIfRequest.Scenario("bad", null, null, null, null, null,
                null, null, null, null, null, null, null, -1.0, -2.0, -3);
        errors.clear();
        assertEquals(null, Scenarios.apply(base, bad, "scenarios[1]", errors));
        assertTrue(errors.contains("scenarios[1].minReadyAtEnd must be an integer ≥ 0, is -3"), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.startsWith("scenarios[1].swapPenaltyScale")), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.startsWith("scenarios[1].endValuePerKwh")), errors.toString());
    }
}
