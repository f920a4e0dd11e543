package io.swapflex.optimizer.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.swapflex.datasets.examples.Examples;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JSON Schemas of contract v1 ({@code problem.schema.json}, {@code plan.schema.json}, next to the records) accept
 * the shipped examples and real plans, and reject documents with a wrong type, a missing required field or an
 * unknown field.
 */
class ContractSchemaTest {

    private static final String DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static Schema problemSchema;
    private static Schema planSchema;

    @BeforeAll
    static void loadSchemas() throws IOException {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        problemSchema = registry.getSchema(resource("problem.schema.json"));
        planSchema = registry.getSchema(resource("plan.schema.json"));
    }

    private static JsonNode resource(String name) throws IOException {
        try (InputStream in = ContractSchemaTest.class.getResourceAsStream(name)) {
            assertNotNull(in, name + " is on the classpath next to the contract records");
            return MAPPER.readTree(in);
        }
    }

    @Test
    void schemasAreValidDraft2020_12Schemas() throws IOException {
        Schema meta = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(SchemaLocation.of(DRAFT_2020_12));
        for (String name : List.of("problem.schema.json", "plan.schema.json")) {
            JsonNode schema = resource(name);
            assertEquals(DRAFT_2020_12, schema.get("$schema").asText(), name);
            assertEquals(List.of(), messages(meta.validate(schema)), name);
        }
        assertFalse(meta.validate(MAPPER.readTree("{\"type\": 5}")).isEmpty(), "the meta-schema is enforced");
    }

    @Test
    void everyExampleProblemIsValid() throws IOException {
        for (String name : Examples.names()) {
            List<Error> errors = problemSchema.validate(MAPPER.readTree(Examples.json(name)));
            assertEquals(List.of(), messages(errors), name);
        }
    }

    @Test
    void theContractsOwnProblemExampleShapeIsValid() throws IOException {
        assertEquals(List.of(), messages(problemSchema.validate(minimalProblem())));
    }

    @Test
    void problemWithWrongTypeIsRejected() throws IOException {
        ObjectNode p = example();
        ((ObjectNode) p.get("site")).put("gridImportLimitKw", "18 kW");
        assertRejected(problemSchema, p, "gridImportLimitKw");

        ObjectNode q = example();
        ((ObjectNode) q.get("horizon")).put("slots", 96.5);
        assertRejected(problemSchema, q, "slots");

        ObjectNode r = example();
        ((ArrayNode) r.get("swapDemand").get("2W-1.8")).set(3, MAPPER.getNodeFactory().numberNode(-1));
        assertRejected(problemSchema, r, "swapDemand");
    }

    @Test
    void problemWithMissingRequiredFieldIsRejected() throws IOException {
        // the problem's penalty may go only when every pack type has its own
        ObjectNode p = example();
        p.remove("unservedSwapPenalty");
        assertTrue(problemSchema.validate(p).isEmpty(), "every type prices its own swaps: " + problemSchema.validate(p));
        ((ObjectNode) p.get("packTypes").get(0)).remove("unservedSwapPenalty");
        assertRejected(problemSchema, p, "unservedSwapPenalty");

        ObjectNode q = example();
        ((ObjectNode) q.get("packTypes").get(0)).remove("swapReadySoc");
        assertRejected(problemSchema, q, "swapReadySoc");

        ObjectNode r = example();
        ((ObjectNode) r.get("dispatchRequests").get(0)).remove("firm");
        assertRejected(problemSchema, r, "firm");
    }

    @Test
    void problemWithUnknownFieldOrOutOfRangeValueIsRejected() throws IOException {
        ObjectNode p = example();
        ((ObjectNode) p.get("site")).put("gridImportLimitKW", 18.0); // misspelt
        assertRejected(problemSchema, p, "gridImportLimitKW");
        // ... as the engine's reader does
        InvalidProblemException e = assertThrows(InvalidProblemException.class,
                () -> ContractJson.readProblem(MAPPER.writeValueAsString(p)));
        assertTrue(e.getMessage().contains("gridImportLimitKW"), e.getMessage());

        ObjectNode q = example();
        ((ObjectNode) q.get("bays").get(0)).put("soc", 1.2);
        assertRejected(problemSchema, q, "soc");

        ObjectNode r = example();
        r.put("formatVersion", 2);
        assertRejected(problemSchema, r, "formatVersion");

        ObjectNode s = example();
        ((ObjectNode) s.get("packTypes").get(0)).put("chargeEfficiency", 0.0);
        assertRejected(problemSchema, s, "chargeEfficiency");

        ObjectNode u = example();
        ((ObjectNode) u.get("horizon")).put("start", "2026-11-26T00:00:00"); // no offset
        assertRejected(problemSchema, u, "start");
    }

    @Test
    void handWrittenPlanIsValidAndReadable() throws IOException {
        JsonNode plan = resource("plan-example.json");
        assertEquals(List.of(), messages(planSchema.validate(plan)));
        Plan read = ContractJson.readPlan(MAPPER.writeValueAsString(plan));
        assertEquals(PlanStatus.OPTIMAL, read.status());
        assertEquals("hand-written example", read.solver());
    }

    @Test
    void planWrittenByTheEngineIsValid() throws IOException {
        Plan plan = new Plan(1, "demo", PlanStatus.TIME_LIMIT, Objective.of(2.7, 0.0, 0.918, 150.0, 0.0, 0.0), null, null,
                1234L, new GridFlow(new double[]{0.8, 0.1}, new double[]{0.0, 0.0}),
                List.of(new BaySchedule("bay-01", new double[]{0.8, 0.1}, new double[]{0.5, 0.92, 0.975},
                        new boolean[]{false, false})),
                Map.of("2W-1.8", new int[]{0, 1}), List.of(), List.of(), null);
        JsonNode written = MAPPER.readTree(ContractJson.write(plan));
        assertEquals(List.of(), messages(planSchema.validate(written)));

        Plan withSolver = new Plan(1, "demo", PlanStatus.INFEASIBLE, Objective.of(0, 0, 0, 0, 0, 0.0), -1.0, 0.5, 0L,
                new GridFlow(new double[0], new double[0]), List.of(), Map.of(), List.of("dr-1"),
                List.of("slot 3: firm request dr-1 needs 40.0 kW net export, the bank gives 12.5 kW"), "milp");
        assertEquals(List.of(), messages(planSchema.validate(MAPPER.readTree(ContractJson.write(withSolver)))));
    }

    @Test
    void planWithWrongTypeOrMissingFieldIsRejected() throws IOException {
        ObjectNode plan = (ObjectNode) resource("plan-example.json");
        plan.put("status", "SOLVED");
        assertRejected(planSchema, plan, "status");

        ObjectNode wrongType = (ObjectNode) resource("plan-example.json");
        ((ObjectNode) wrongType.get("bays").get(0)).putArray("swapOut").add(0).add(1);
        assertRejected(planSchema, wrongType, "swapOut");

        ObjectNode missing = (ObjectNode) resource("plan-example.json");
        missing.remove("objective");
        assertRejected(planSchema, missing, "objective");

        ObjectNode missingBound = (ObjectNode) resource("plan-example.json");
        missingBound.remove("bound"); // a plan without a proven bound says bound: null, it does not leave it out
        assertRejected(planSchema, missingBound, "bound");

        ObjectNode unknown = (ObjectNode) resource("plan-example.json");
        unknown.put("cost", 1.0);
        assertRejected(planSchema, unknown, "cost");

        ObjectNode badSolver = (ObjectNode) resource("plan-example.json");
        badSolver.put("solver", 7);
        assertRejected(planSchema, badSolver, "solver");
    }

    private static ObjectNode example() throws IOException {
        return (ObjectNode) MAPPER.readTree(Examples.json("mixed-2w3w-21"));
    }

    /** The smallest problem the contract allows: required fields only. */
    private static JsonNode minimalProblem() throws IOException {
        return MAPPER.readTree("""
                {"formatVersion": 1, "stationId": "s",
                 "horizon": {"start": "2026-11-26T00:00:00+07:00", "slotMinutes": 15, "slots": 1},
                 "site": {"gridImportLimitKw": 10.0, "gridExportLimitKw": 0},
                 "packTypes": [{"id": "p", "capacityKwh": 1.6, "maxChargeKw": 0.8, "maxDischargeKw": 0.8,
                   "chargeEfficiency": 0.95, "dischargeEfficiency": 0.95, "minSoc": 0.1, "maxSoc": 1.0,
                   "swapReadySoc": 0.95, "returnSoc": 0.2}],
                 "bays": [],
                 "tariff": {"importPricePerKwh": [3.0], "exportPricePerKwh": [-0.5]},
                 "unservedSwapPenalty": 0}
                """);
    }

    private static void assertRejected(Schema schema, JsonNode document, String mentioned) {
        List<Error> errors = schema.validate(document);
        assertFalse(errors.isEmpty(), "expected the schema to reject a document with a bad " + mentioned);
        assertTrue(errors.stream().anyMatch(e -> e.toString().contains(mentioned)),
                "an error should name " + mentioned + ": " + messages(errors));
    }

    private static List<String> messages(List<Error> errors) {
        return errors.stream().map(Error::toString).toList();
    }
}
