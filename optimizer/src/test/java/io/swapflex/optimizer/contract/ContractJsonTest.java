package io.swapflex.optimizer.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swapflex.datasets.examples.Examples;
import io.swapflex.optimizer.Problems;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading and writing contract v1 documents, and the errors (each naming its JSON path) for documents that break it. */
class ContractJsonTest {

    private static final Pattern NOT_JSON = Pattern.compile("(.+): not valid JSON at line (\\d+), column (\\d+): .+");

    static List<String> exampleNames() {
        return Examples.names();
    }

    private static String demo() {
        return Examples.json("demo-3bay-hourly");
    }

    /** Replaces exactly one occurrence of {@code target}, so that a test cannot silently change nothing. */
    private static String replaceOnce(String json, String target, String replacement) {
        int at = json.indexOf(target);
        assertTrue(at >= 0, "example no longer contains " + target);
        return json.substring(0, at) + replacement + json.substring(at + target.length());
    }

    /** The single error of reading {@code json} as a problem, the same from a String and from an InputStream. */
    private static String problemError(String json) {
        String fromString = singleError(() -> ContractJson.readProblem(json));
        String fromStream = singleError(() -> ContractJson.readProblem(
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))));
        assertEquals(fromString.replaceAll(": not valid JSON.*", ""), fromStream.replaceAll(": not valid JSON.*", ""),
                "the path differs between String and InputStream input");
        return fromString;
    }

    private static String singleError(Executable read) {
        InvalidProblemException e = assertThrows(InvalidProblemException.class, read);
        assertEquals(1, e.errors().size(), e.errors().toString());
        return e.errors().get(0);
    }

    private static int lineOf(String text, int index) {
        return (int) text.substring(0, index).chars().filter(c -> c == '\n').count() + 1;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exampleNames")
    void everyExampleIsReadAsAValidProblem(String name) {
        Problem problem = ContractJson.readProblem(Examples.json(name));
        assertEquals(List.of(), ProblemValidator.errors(problem), name);
        assertEquals(Problem.FORMAT_VERSION, problem.formatVersion());
        assertFalse(problem.bays().isEmpty(), name);
        assertEquals(problem.slots(), problem.tariff().importPricePerKwh().length, name);

        Problem fromStream = ContractJson.readProblem(
                new ByteArrayInputStream(Examples.json(name).getBytes(StandardCharsets.UTF_8)));
        assertEquals(ContractJson.write(problem), ContractJson.write(fromStream), name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exampleNames")
    void everyExampleWrittenAndReadBackIsTheSameDocument(String name) throws Exception {
        Problem problem = ContractJson.readProblem(Examples.json(name));
        String written = ContractJson.write(problem);
        JsonNode original = ContractJson.mapper().readTree(Examples.json(name));
        // the writer spells an absent optional field as null (e.g. "maxActiveBays": null); the content is the same
        JsonNode back = withoutNulls(ContractJson.mapper().readTree(written));
        assertTrue(original.equals(back), name + " changed on write/read");
        assertEquals(written, ContractJson.write(ContractJson.readProblem(written)), name);
    }

    private static JsonNode withoutNulls(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<String> nulls = new ArrayList<>();
            object.fields().forEachRemaining(f -> {
                if (f.getValue().isNull()) {
                    nulls.add(f.getKey());
                } else {
                    withoutNulls(f.getValue());
                }
            });
            object.remove(nulls);
        } else if (node.isArray()) {
            node.forEach(ContractJsonTest::withoutNulls);
        }
        return node;
    }

    @Test
    void problemBuiltInCodeReadsBackEqualInContent() {
        Problem problem = Problems.random(7, 4, 24);
        Problem back = ContractJson.readProblem(ContractJson.write(problem));
        assertEquals(problem.horizon(), back.horizon());
        assertEquals(problem.packTypes(), back.packTypes());
        assertEquals(problem.bays(), back.bays());
        assertEquals(problem.dispatchRequests(), back.dispatchRequests());
        assertEquals(problem.unservedSwapPenalty(), back.unservedSwapPenalty());
        assertEquals(problem.site().maxActiveBays(), back.site().maxActiveBays());
        assertArrayEquals(problem.tariff().importPricePerKwh(), back.tariff().importPricePerKwh());
        assertArrayEquals(problem.tariff().exportPricePerKwh(), back.tariff().exportPricePerKwh());
        assertArrayEquals(problem.swapDemand().get("2W"), back.swapDemand().get("2W"));
        assertEquals(List.of(), ProblemValidator.errors(back));
    }

    private static Plan plan(Double bound, Double gap, String solver) {
        return new Plan(1, "bkk-ladprao-01", PlanStatus.FEASIBLE, Objective.of(12.5, 3.25, 0.768, 200.0, 6.0, 0.0),
                bound, gap, 1234L,
                new GridFlow(new double[]{2.5, 0.0, 0.125}, new double[]{0.0, 1.75, 0.0}),
                List.of(new BaySchedule("bay-01", new double[]{0.8, -0.4, 0.0}, new double[]{0.5, 0.975, 0.7, 0.2},
                                new boolean[]{false, false, true}),
                        new BaySchedule("bay-02", new double[]{0.0, 0.0, 0.6}, new double[]{0.3, 0.3, 0.3, 0.65625},
                                new boolean[]{false, false, false})),
                Map.of("2W-1.6", new int[]{0, 1, 0}, "3W-4.0", new int[]{0, 0, 2}),
                List.of("dr-17"), List.of("slot 2: bay-02 exceeds maxChargeKw"), solver);
    }

    private static void assertSamePlan(Plan expected, Plan actual) {
        assertEquals(expected.formatVersion(), actual.formatVersion());
        assertEquals(expected.stationId(), actual.stationId());
        assertEquals(expected.status(), actual.status());
        assertEquals(expected.objective(), actual.objective());
        assertEquals(expected.bound(), actual.bound());
        assertEquals(expected.gap(), actual.gap());
        assertEquals(expected.solveMillis(), actual.solveMillis());
        assertArrayEquals(expected.grid().importKw(), actual.grid().importKw());
        assertArrayEquals(expected.grid().exportKw(), actual.grid().exportKw());
        assertEquals(expected.bays().size(), actual.bays().size());
        for (int b = 0; b < expected.bays().size(); b++) {
            BaySchedule e = expected.bays().get(b);
            BaySchedule a = actual.bays().get(b);
            assertEquals(e.id(), a.id());
            assertArrayEquals(e.powerKw(), a.powerKw(), e.id());
            assertArrayEquals(e.soc(), a.soc(), e.id());
            assertArrayEquals(e.swapOut(), a.swapOut(), e.id());
        }
        assertEquals(expected.unservedSwaps().keySet(), actual.unservedSwaps().keySet());
        for (String type : expected.unservedSwaps().keySet()) {
            assertArrayEquals(expected.unservedSwaps().get(type), actual.unservedSwaps().get(type), type);
        }
        assertEquals(expected.acceptedDispatchRequests(), actual.acceptedDispatchRequests());
        assertEquals(expected.violations(), actual.violations());
        assertEquals(expected.solver(), actual.solver());
    }

    @Test
    void planWrittenReadsBackEqualInContent() {
        Plan plan = plan(12.0, Plan.gapOf(12.5, 12.0), "milp");
        String json = ContractJson.write(plan);
        assertSamePlan(plan, ContractJson.readPlan(json));
        assertSamePlan(plan, ContractJson.readPlan(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void planWithoutBoundReadsBackWithNullBoundAndGap() throws Exception {
        Plan plan = plan(null, null, null);
        String json = ContractJson.write(plan);
        JsonNode tree = ContractJson.mapper().readTree(json);
        assertTrue(tree.get("bound").isNull(), json);
        assertTrue(tree.get("gap").isNull(), json);
        Plan back = ContractJson.readPlan(json);
        assertNull(back.bound());
        assertNull(back.gap());
        assertSamePlan(plan, back);
    }

    @Test
    void planWritesTheContractFieldNames() throws Exception {
        JsonNode tree = ContractJson.mapper().readTree(ContractJson.write(plan(12.0, 0.04, "milp")));
        for (String field : List.of("formatVersion", "stationId", "status", "objective", "bound", "gap", "solveMillis",
                "grid", "bays", "unservedSwaps", "acceptedDispatchRequests", "violations")) {
            assertTrue(tree.has(field), field);
        }
        assertEquals("FEASIBLE", tree.get("status").asText());
        for (String term : List.of("total", "importCost", "exportRevenue", "degradationCost", "unservedSwapPenalty",
                "dispatchReward")) {
            assertTrue(tree.get("objective").has(term), term);
        }
        assertEquals(4, tree.get("bays").get(0).get("soc").size());
    }

    @Test
    void unknownFieldNamesTheObjectAndTheField() {
        String json = replaceOnce(demo(), "\"gridImportLimitKw\"", "\"gridImportLimitkW\"");
        assertEquals("site: unknown field 'gridImportLimitkW'", problemError(json));
    }

    @Test
    void unknownFieldInsideAnArrayNamesTheElement() {
        String json = replaceOnce(demo(), "\"soc\"", "\"SoC\"");
        assertEquals("bays[0]: unknown field 'SoC'", problemError(json));
    }

    @Test
    void unknownTopLevelFieldNamesTheDocument() {
        String json = replaceOnce(demo(), "\"stationId\"", "\"stationID\"");
        assertEquals("$: unknown field 'stationID'", problemError(json));
    }

    @Test
    void duplicateFieldIsRefusedNotSilentlyOverwritten() {
        // A second gridImportLimitKw would otherwise win over the first without a word.
        String json = replaceOnce(demo(), "\"gridImportLimitKw\"", "\"gridImportLimitKw\" : 999.0, \"gridImportLimitKw\"");
        String error = problemError(json);
        assertTrue(error.contains("Duplicate field 'gridImportLimitKw'"), error);
        assertTrue(error.startsWith("site"), error);
    }

    @Test
    void unknownFieldInAPlanNamesThePath() {
        String json = replaceOnce(ContractJson.write(plan(null, null, "milp")), "\"importKw\"", "\"importkW\"");
        assertEquals("grid: unknown field 'importkW'", singleError(() -> ContractJson.readPlan(json)));
    }

    @Test
    void stringWhereANumberIsExpectedNamesThePath() {
        String json = replaceOnce(demo(), "\"slots\" : 24", "\"slots\" : \"twenty-four\"");
        String error = problemError(json);
        assertTrue(error.startsWith("horizon.slots: "), error);
        assertTrue(error.contains("twenty-four"), error);
    }

    @Test
    void stringWhereANumberIsExpectedInsideAnArrayNamesTheElement() {
        String json = replaceOnce(demo(), "\"capacityKwh\" : 1.8", "\"capacityKwh\" : \"1.8 kWh\"");
        String error = problemError(json);
        assertTrue(error.startsWith("packTypes[0].capacityKwh: "), error);
        assertTrue(error.contains("1.8 kWh"), error);
    }

    @Test
    void wordWhereABooleanIsExpectedNamesThePath() {
        String json = replaceOnce(demo(), "\"firm\" : false", "\"firm\" : \"maybe\"");
        String error = problemError(json);
        assertTrue(error.startsWith("dispatchRequests[0].firm: "), error);
        assertTrue(error.contains("maybe"), error);
    }

    @Test
    void truncatedJsonNamesTheLineWhereItEnds() {
        String demo = demo();
        String json = demo.substring(0, demo.indexOf("\"bays\""));
        String error = problemError(json);
        Matcher m = NOT_JSON.matcher(error);
        assertTrue(m.matches(), error);
        assertEquals(lineOf(json, json.length()), Integer.parseInt(m.group(2)), error);
    }

    @ParameterizedTest
    @ValueSource(ints = {10, 200, 900})
    void jsonCutAnywhereIsNotValidJson(int length) {
        String json = demo().substring(0, length);
        String error = problemError(json);
        assertTrue(NOT_JSON.matcher(error).matches(), error);
    }

    @Test
    void syntaxErrorNamesItsLine() {
        String json = replaceOnce(demo(), "\"slotMinutes\" : 60", "\"slotMinutes\" : 60x");
        String error = problemError(json);
        Matcher m = NOT_JSON.matcher(error);
        assertTrue(m.matches(), error);
        assertEquals(lineOf(json, json.indexOf("60x")), Integer.parseInt(m.group(2)), error);
    }

    @Test
    void floatInTheIntegerDemandArrayNamesTheElement() {
        String demo = demo();
        int row = demo.indexOf("\"swapDemand\"");
        int open = demo.indexOf('[', row);
        String json = demo.substring(0, open + 1) + " 1.5," + demo.substring(open + 1);
        String error = problemError(json);
        assertTrue(error.startsWith("swapDemand.2W-1.8[0]: "), error);
        assertTrue(error.contains("1.5"), error);
    }

    @Test
    void nullInTheIntegerDemandArrayNamesTheElement() {
        String demo = demo();
        int open = demo.indexOf('[', demo.indexOf("\"swapDemand\""));
        String json = demo.substring(0, open + 1) + " 0, 0, null," + demo.substring(open + 1);
        String error = problemError(json);
        assertTrue(error.startsWith("swapDemand.2W-1.8[2]: "), error);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\n\n"})
    void emptyInputIsAnError(String json) {
        String error = problemError(json);
        assertTrue(error.startsWith("$: "), error);
        assertTrue(error.contains("end-of-input"), error);
        assertTrue(singleError(() -> ContractJson.readPlan(json)).startsWith("$: "));
    }

    @Test
    void nullDocumentIsAnError() {
        assertEquals("$: empty document", problemError("null"));
        assertEquals("$: empty document", singleError(() -> ContractJson.readPlan("null")));
    }

    @Test
    void documentThatIsNotAnObjectIsAnError() {
        assertTrue(problemError("[1, 2]").startsWith("$: "));
    }

    @Test
    void readErrorsAndValidationErrorsAreSeparateSteps() {
        // the reader takes a well-typed document whatever its values; the validator then names every broken rule
        String json = replaceOnce(demo(), "\"formatVersion\" : 1", "\"formatVersion\" : 2");
        Problem problem = ContractJson.readProblem(json);
        assertEquals(List.of("formatVersion is 2, this engine reads format 1"), ProblemValidator.errors(problem));
    }
}
