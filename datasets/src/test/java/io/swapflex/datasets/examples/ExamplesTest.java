package io.swapflex.datasets.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExamplesTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void indexListsTheGeneratedExamples() {
        assertEquals(ExampleStations.NAMES, Examples.names());
    }

    @Test
    void committedJsonEqualsTheGeneratorOutput() throws Exception {
        for (String name : Examples.names()) {
            String committed = Examples.json(name).replace("\r\n", "\n");
            String generated = ExampleStations.toJson(ExampleStations.build(name));
            assertEquals(generated, committed, name + ".json drifted from ExampleStations; rerun its main()");
            assertEquals(MAPPER.readTree(generated), MAPPER.readTree(committed), name);
        }
    }

    @Test
    void generationIsDeterministic() {
        for (String name : ExampleStations.NAMES) {
            assertEquals(ExampleStations.toJson(ExampleStations.build(name)),
                    ExampleStations.toJson(ExampleStations.build(name)), name);
        }
    }

    @Test
    void unknownNamesAreRefusedWithTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Examples.json("nope"));
        assertTrue(e.getMessage().contains("thai-2w-12"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ExampleStations.build("nope"));
    }

    @Test
    void everyPerSlotArrayHasOneValuePerSlot() throws Exception {
        for (String name : Examples.names()) {
            JsonNode p = MAPPER.readTree(Examples.json(name));
            int slots = p.at("/horizon/slots").asInt();
            assertEquals(slots, p.at("/site/baseLoadKw").size(), name);
            assertEquals(slots, p.at("/tariff/importPricePerKwh").size(), name);
            assertEquals(slots, p.at("/tariff/exportPricePerKwh").size(), name);
            p.get("swapDemand").forEach(row -> assertEquals(slots, row.size(), name));
        }
    }

    @Test
    void swapDemandIsInTheIntendedRange() throws Exception {
        assertTotal("demo-3bay-hourly", 5, 5);
        assertTotal("thai-2w-12", 60, 110);
        assertTotal("mixed-2w3w-21", 70, 120);
        assertTotal("van-truck-depot", 20, 50);
    }

    /** A simple rule-following schedule meets every firm request and serves most swaps: each example is feasible. */
    @Test
    void aNaiveScheduleMeetsFirmRequestsAndServesMostSwaps() throws Exception {
        for (String name : Examples.names()) {
            ObjectNode p = (ObjectNode) MAPPER.readTree(Examples.json(name));
            GreedyCheck.Result r = GreedyCheck.run(p);
            StringBuilder line = new StringBuilder(String.format(java.util.Locale.ROOT,
                    "%-18s demand %3d served %3d (%.0f %%), import %.1f kWh, peak import %.1f kW, firm met %s",
                    name, r.demand(), r.served(), 100.0 * r.served() / r.demand(), r.importKwh(), r.maxImportKw(),
                    r.firmMet()));
            for (Map.Entry<String, int[]> e : r.demandByType().entrySet()) {
                line.append(String.format(java.util.Locale.ROOT, " | %s %d/%d", e.getKey(),
                        Arrays.stream(r.servedByType().get(e.getKey())).sum(), Arrays.stream(e.getValue()).sum()));
            }
            System.out.println(line);
            for (Map.Entry<String, int[]> e : r.demandByType().entrySet()) {
                int[] unserved = new int[24];
                int slotsPerHour = 60 / p.at("/horizon/slotMinutes").asInt();
                for (int t = 0; t < e.getValue().length; t++) {
                    unserved[t / slotsPerHour] += e.getValue()[t] - r.servedByType().get(e.getKey())[t];
                }
                System.out.println("    unserved " + e.getKey() + " by hour " + Arrays.toString(unserved));
            }
            assertTrue(r.firmMet(), name + ": " + r.firmNote());
            assertTrue(r.served() >= 0.9 * r.demand(), name + ": " + line);
        }
    }

    private static void assertTotal(String name, int min, int max) throws Exception {
        JsonNode p = MAPPER.readTree(Examples.json(name));
        int total = 0;
        for (JsonNode row : p.get("swapDemand")) {
            for (JsonNode v : row) {
                total += v.asInt();
            }
        }
        assertTrue(total >= min && total <= max, name + ": " + total + " swaps, expected " + min + ".." + max);
    }
}
