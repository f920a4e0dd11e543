package io.swapflex.service.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.swapflex.optimizer.SolveOptions;
import io.swapflex.optimizer.check.PlanChecker;
import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.optimizer.registry.Schedulers;
import io.swapflex.service.plan.Replanner;
import io.swapflex.service.standards.OpenAdrSchemas;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.swapflex.service.rest.Api.as;
import static io.swapflex.service.rest.Api.asOperator;
import static io.swapflex.service.rest.Api.stationToken;
import static io.swapflex.service.rest.Api.token;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * OpenADR 3 round trips: events in (setpoints → dispatch requests met by the plan in every slot of every interval;
 * prices → the problem's tariff and the plan), events stored and listed, reports out; every document the service
 * produces validated against the OpenADR 3.0.1 component schemas, every plan checked by the plan checker.
 */
@QuarkusTest
class OpenAdrApiTest {

    private static final String EVENTS = "/api/v1/openadr3/events";

    @Inject
    Replanner replanner;

    private static ValidatableResponse post(String event) {
        return asOperator().contentType(ContentType.JSON).body(event).post(EVENTS).then();
    }

    private static String event(String station, String start, String duration, String descriptors, String intervals) {
        return """
                {"programID": "dso-flex-1", "eventName": "evening peak",
                 "targets": [{"type": "RESOURCE_NAME", "values": ["%s"]}],
                 "payloadDescriptors": [%s],
                 "intervalPeriod": {"start": "%s", "duration": "%s"},
                 "intervals": [%s]}
                """.formatted(station, descriptors, start, duration, intervals);
    }

    private static void assertSchema(String component, Object document) throws Exception {
        String json = document instanceof String s ? s : ContractJson.mapper().writeValueAsString(document);
        List<String> errors = OpenAdrSchemas.errors(component, json);
        assertTrue(errors.isEmpty(), component + " fails the OpenADR 3.0.1 schema: " + errors + "\n" + json);
    }

    /** RFC 3339 (OffsetDateTime.toString() leaves out zero seconds, which RFC 3339 and the schema's date-time need). */
    private static String iso(java.time.OffsetDateTime t) {
        return java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t);
    }

    private static void assertFeasible(Problem problem, Plan plan) {
        assertTrue(PlanChecker.check(problem, plan).feasible(), () -> PlanChecker.check(problem, plan).summary());
    }

    private static long latestVersion(String id) {
        return asOperator().get("/api/v1/stations/" + id + "/plan").then().statusCode(200).extract().jsonPath()
                .getLong("version");
    }

    @Test
    void aDispatchSetpointEventIsAcceptedAndTheCommittedPlanMeetsItInEverySlotOfEveryInterval() throws Exception {
        String id = Api.register(Api.futureDemo("adr-setpoint"), replanner);
        Map<String, Object> window = FlexibilityApiTest.largest(asOperator().get("/api/v1/stations/" + id
                + "/flexibility").then().statusCode(200).extract().jsonPath());
        double offered = ((Number) window.get("exportKw")).doubleValue();
        assertTrue(offered > 0.2, "the demo can add net export in some hour: " + offered);
        double kw = Math.floor(offered * 0.8 * 100) / 100;
        // Four quarter-hour intervals in that hour, the second in W: one hourly slot, one dispatch request.
        String intervals = String.format(Locale.ROOT, """
                {"id": 0, "payloads": [{"type": "DISPATCH_SETPOINT", "values": [%s]}]},
                {"id": 1, "payloads": [{"type": "DISPATCH_SETPOINT", "values": [%s]}]},
                {"id": 2, "payloads": [{"type": "DISPATCH_SETPOINT", "values": [%s]}]},
                {"id": 3, "payloads": [{"type": "DISPATCH_SETPOINT", "values": [%s]}]}""", kw / 2, kw, kw, kw);
        String event = event(id, (String) window.get("from"), "PT15M",
                "{\"payloadType\": \"DISPATCH_SETPOINT\", \"units\": \"KW\"}", intervals);
        assertSchema("event", event);
        JsonPath answer = post(event).statusCode(201)
                .header("Location", containsString(EVENTS + "/ev-"))
                .body("outcome.status", equalTo("ACCEPTED"))
                .body("outcome.stations[0].stationId", equalTo(id))
                .body("outcome.stations[0].payloads[0].result", equalTo("APPLIED"))
                .body("outcome.stations[0].payloads[0].intervalIds", contains(0, 1, 2, 3))
                .body("outcome.stations[0].payloads[0].dispatchRequestId", notNullValue())
                .body("event.id", notNullValue()).body("event.objectType", equalTo("EVENT"))
                .extract().jsonPath();
        Map<String, Object> stored = answer.getMap("event");
        assertSchema("event", stored);
        assertEquals(stored.get("createdDateTime"), stored.get("modificationDateTime"));
        String eventId = (String) stored.get("id");
        long version = answer.getLong("outcome.stations[0].payloads[0].planVersion");
        String requestId = answer.getString("outcome.stations[0].payloads[0].dispatchRequestId");

        // The committed plan, read back as stored: net export ≥ the setpoint in every slot of every interval.
        Problem problem = FlexibilityApiTest.problem(id, version);
        Plan plan = FlexibilityApiTest.plan(id, version);
        assertFeasible(problem, plan);
        assertTrue(plan.acceptedDispatchRequests().contains(requestId));
        Instant start = problem.horizon().startTime().toInstant();
        long slot = problem.horizon().slotMinutes() * 60L;
        Instant from = Instant.parse((String) window.get("from"));
        double[] setpoints = {kw / 2, kw, kw, kw};
        int checked = 0;
        for (int i = 0; i < setpoints.length; i++) {
            Instant a = from.plus(Duration.ofMinutes(15L * i));
            Instant b = a.plus(Duration.ofMinutes(15));
            for (int t = 0; t < problem.slots(); t++) {
                Instant s = start.plusSeconds(slot * t);
                if (s.isBefore(b) && s.plusSeconds(slot).isAfter(a)) {
                    double net = plan.grid().exportKw()[t] - plan.grid().importKw()[t];
                    assertTrue(net >= setpoints[i] - 1e-5, "interval " + i + ", slot " + t + ": " + net + " kW");
                    checked++;
                }
            }
        }
        assertEquals(4, checked, "every interval lies in one hourly slot");

        // Stored: listed for the station, read by id, and the dispatch request it became is the operator's.
        asOperator().get(EVENTS + "/" + eventId).then().statusCode(200).body("event.id", equalTo(eventId))
                .body("outcome.status", equalTo("ACCEPTED"));
        as(token("analyst")).queryParam("station", id).get(EVENTS).then().statusCode(200)
                .body("event.id", contains(eventId));
        asOperator().get("/api/v1/dispatch-requests/" + requestId).then().statusCode(200)
                .body("requestedBy", containsString(eventId)).body("firm", equalTo(true));

        // The report answers that event; its forecast is the committed plan's.
        String report = asOperator().queryParam("station", id).get("/api/v1/openadr3/reports").then()
                .statusCode(200).body("eventID", equalTo(eventId)).body("programID", equalTo("dso-flex-1"))
                .extract().asString();
        assertSchema("report", report);
    }

    @Test
    void aSetpointBeyondTheStationIsDeclinedWithTheMostPossibleAndNothingIsStored() throws Exception {
        String id = Api.register(Api.futureDemo("adr-decline"), replanner);
        Problem problem = FlexibilityApiTest.problem(id, 1);
        String start = iso(problem.horizon().startTime().plusHours(20));
        post(event(id, start, "PT1H", "{\"payloadType\": \"DISPATCH_SETPOINT\", \"units\": \"W\"}",
                "{\"id\": 0, \"payloads\": [{\"type\": \"DISPATCH_SETPOINT\", \"values\": [5000]}]}"))
                .statusCode(200).header("Location", nullValue())
                .body("outcome.status", equalTo("DECLINED"))
                .body("outcome.stations[0].payloads[0].result", equalTo("DECLINED"))
                .body("outcome.stations[0].payloads[0].value", equalTo(5.0f))
                .body("outcome.stations[0].payloads[0].reason", containsString("5.00 kW"))
                .body("outcome.stations[0].payloads[0].maxPossibleKw", notNullValue())
                .body("event.id", nullValue());
        asOperator().queryParam("station", id).get(EVENTS).then().statusCode(200).body("size()", equalTo(0));
        asOperator().get("/api/v1/stations/" + id + "/plans").then().body("$", contains(1));
    }

    @Test
    void anExportPriceEventChangesTheTariffOfItsSlotsAndTheReplanDischargesThere() throws Exception {
        String id = Api.register(Api.futureDemo("adr-price"), replanner);
        Problem before = FlexibilityApiTest.problem(id, 1);
        String start = iso(before.horizon().startTime().plusHours(2));
        String event = event(id, start, "PT1H", """
                {"payloadType": "EXPORT_PRICE", "units": "KWH", "currency": "THB"},
                {"payloadType": "PRICE", "currency": "THB"}""", """
                {"id": 0, "payloads": [{"type": "EXPORT_PRICE", "values": [40.0]}]},
                {"id": 1, "payloads": [{"type": "EXPORT_PRICE", "values": [40.0]}, {"type": "PRICE", "values": [0.5]}]},
                {"id": 2, "intervalPeriod": {"start": "%s", "duration": "PT30M"},
                 "payloads": [{"type": "PRICE", "values": [1.0]}]}"""
                .formatted(iso(before.horizon().startTime().plusHours(10))));
        assertSchema("event", event);
        JsonPath answer = post(event).statusCode(201).body("outcome.status", equalTo("ACCEPTED"))
                .body("outcome.stations[0].payloads.result", not(hasItem("DECLINED")))
                .body("outcome.stations[0].payloads[0].units", equalTo("THB/kWh"))
                .extract().jsonPath();
        assertSchema("event", answer.getMap("event"));
        Api.awaitPlanned(replanner, id);
        long version = latestVersion(id);
        assertTrue(version >= 2, "the event re-plans the station");
        Problem problem = FlexibilityApiTest.problem(id, version);
        double[] exp = problem.tariff().exportPricePerKwh();
        double[] imp = problem.tariff().importPricePerKwh();
        assertEquals(40.0, exp[2], 1e-9);
        assertEquals(40.0, exp[3], 1e-9);
        assertEquals(before.tariff().exportPricePerKwh()[4], exp[4], 1e-9);
        assertEquals(0.5, imp[3], 1e-9);
        assertEquals((1.0 + before.tariff().importPricePerKwh()[10]) / 2, imp[10], 1e-9, "half the hour at 1.0");
        assertEquals(before.tariff().importPricePerKwh()[2], imp[2], 1e-9);
        assertFeasible(problem, FlexibilityApiTest.plan(id, version));

        // The tests' stations plan with the rule of thumb, which ignores prices; an optimising scheduler on the same
        // stored problem sells at 40 THB/kWh where it would not at the tariff's 2.2.
        SolveOptions options = new SolveOptions(Duration.ofSeconds(2), 0.001, null);
        Plan priced = Schedulers.byName("flow").solve(problem, options);
        Plan plain = Schedulers.byName("flow").solve(before, options);
        assertFeasible(problem, priced);
        assertFeasible(before, plain);
        double soldPriced = priced.grid().exportKw()[2] + priced.grid().exportKw()[3];
        double soldPlain = plain.grid().exportKw()[2] + plain.grid().exportKw()[3];
        assertTrue(soldPriced > 0.5 && soldPriced > soldPlain + 0.5, soldPriced + " kW sold against " + soldPlain);

        // A later re-plan keeps applying the stored signals.
        asOperator().contentType(ContentType.JSON).body("{\"kind\": \"SOC\", \"bayId\": \"bay-02\", \"socFraction\": 0.5}")
                .post("/api/v1/stations/" + id + "/events").then().statusCode(202);
        Api.awaitPlanned(replanner, id);
        Problem later = FlexibilityApiTest.problem(id, latestVersion(id));
        assertEquals(40.0, later.tariff().exportPricePerKwh()[2], 1e-9);
    }

    @Test
    void capacityLimitsAreMetByTheNextPlanInEverySlot() throws Exception {
        String id = Api.register(Api.futureDemo("adr-limits"), replanner);
        Problem before = FlexibilityApiTest.problem(id, 1);
        Plan free = FlexibilityApiTest.plan(id, 1);
        int peak = 0;
        for (int t = 0; t < before.slots() - 2; t++) {
            peak = free.grid().importKw()[t] > free.grid().importKw()[peak] ? t : peak;
        }
        double importCap = Math.max(0.3, free.grid().importKw()[peak] / 2);
        assertTrue(free.grid().importKw()[peak] > importCap + 1e-6, "the plan before breaks the cap");
        String event = event(id, iso(before.horizon().startTime().plusHours(peak)), "PT1H",
                "{\"payloadType\": \"IMPORT_CAPACITY_LIMIT\", \"units\": \"KW\"}", String.format(Locale.ROOT, """
                {"id": 0, "payloads": [{"type": "IMPORT_CAPACITY_LIMIT", "values": [%s]}]},
                {"id": 1, "payloads": [{"type": "IMPORT_CAPACITY_LIMIT", "values": [%s]}]},
                {"id": 2, "intervalPeriod": {"start": "%s", "duration": "PT2H"},
                 "payloads": [{"type": "EXPORT_CAPACITY_LIMIT", "values": [0]}]}""", importCap, importCap,
                        iso(before.horizon().startTime().plusHours(19))));
        assertSchema("event", event);
        post(event).statusCode(201).body("outcome.status", equalTo("ACCEPTED"));
        Api.awaitPlanned(replanner, id);
        long version = latestVersion(id);
        Problem problem = FlexibilityApiTest.problem(id, version);
        Plan plan = FlexibilityApiTest.plan(id, version);
        assertFeasible(problem, plan);
        for (int t = peak; t < peak + 2; t++) {
            assertEquals(importCap, problem.site().importLimitKw(t), 1e-9);
            assertTrue(plan.grid().importKw()[t] <= importCap + 1e-5, "slot " + t + ": " + plan.grid().importKw()[t]);
        }
        for (int t = 19; t < 21; t++) {
            assertEquals(0, problem.site().exportLimitKw(t), 1e-9);
            assertEquals(0, plan.grid().exportKw()[t], 1e-5, "slot " + t);
        }
        assertEquals(before.site().gridImportLimitKw(), problem.site().importLimitKw(peak + 2), 1e-9);
    }

    @Test
    void aReportCarriesThePlanAndTheFlexibilityAndValidates() throws Exception {
        String id = Api.register(Api.futureDemo("adr-report"), replanner);
        JsonPath report = as(token("analyst")).queryParam("station", id).get("/api/v1/openadr3/reports").then()
                .statusCode(200).body("eventID", equalTo("NONE")).body("clientName", equalTo("swapflex"))
                .body("resources[0].resourceName", equalTo(id))
                .body("payloadDescriptors.payloadType", contains("STORAGE_DISPATCH_FORECAST", "STORAGE_CHARGE_LEVEL",
                        "UP_REGULATION_AVAILABLE", "DOWN_REGULATION_AVAILABLE"))
                .body("payloadDescriptors.readingType", everyItemIs("FORECAST"))
                .extract().jsonPath();
        assertSchema("report", report.prettify());
        Problem problem = FlexibilityApiTest.problem(id, 1);
        Plan plan = FlexibilityApiTest.plan(id, 1);
        assertFeasible(problem, plan);
        JsonPath flex = asOperator().get("/api/v1/stations/" + id + "/flexibility").then().extract().jsonPath();
        List<Map<String, Object>> intervals = report.getList("resources[0].intervals");
        assertEquals(problem.slots(), intervals.size());
        for (int t = 0; t < problem.slots(); t++) {
            double battery = 0;
            for (var bay : plan.bays()) {
                battery += bay.powerKw()[t];
            }
            String path = "resources[0].intervals[" + t + "].payloads";
            assertEquals(battery, report.getDouble(path + ".find { it.type == 'STORAGE_DISPATCH_FORECAST' }.values[0]"),
                    1e-4, "slot " + t);
            double level = report.getDouble(path + ".find { it.type == 'STORAGE_CHARGE_LEVEL' }.values[0]");
            assertTrue(level >= 0 && level <= 1, "a fraction: " + level);
            assertEquals(flex.getDouble("windows[" + t + "].exportKw"),
                    report.getDouble(path + ".find { it.type == 'UP_REGULATION_AVAILABLE' }.values[0]"), 1e-4);
            assertTrue(report.getDouble(path + ".find { it.type == 'DOWN_REGULATION_AVAILABLE' }.values[0]") >= 0);
        }
        double first = (0.95 + 0.6 + 0.3) / 3;
        assertEquals(first, report.getDouble("resources[0].intervals[0].payloads[1].values[0]"), 1e-4);
    }

    private static org.hamcrest.Matcher<Iterable<? super String>> everyItemIs(String value) {
        return org.hamcrest.Matchers.not(hasItem(not(equalTo(value))));
    }

    @Test
    void aMalformedEventIsA400NamingEachField() throws Exception {
        String id = Api.register(Api.futureDemo("adr-bad"), replanner);
        String event = """
                {"programID": "p", "targets": [{"type": "RESOURCE_NAME", "values": ["%s", "no-such-station"]}],
                 "payloadDescriptors": [{"payloadType": "GHG"}],
                 "intervalPeriod": {"start": "2026-11-27T18:00:00+07:00", "duration": "PT1H"},
                 "intervals": [{"id": 0, "payloads": [{"type": "PRICE", "values": [1]}]},
                               {"id": 1, "payloads": [{"type": "PRICE", "values": [1]}]},
                               {"id": 2, "intervalPeriod": {"start": "2026-11-27T20:00:00+07:00", "duration": "2 hours"},
                                "payloads": [{"type": "PRICE", "values": [1]}]}]}
                """.formatted(id);
        post(event).statusCode(400).contentType("application/problem+json")
                .body("errors.path", hasItem("intervals[2].intervalPeriod.duration"))
                .body("errors.path", hasItem("payloadDescriptors[0].payloadType"))
                .body("errors.path", hasItem("targets[0].values[1]"));
        post("not json").statusCode(400).body("errors[0].path", equalTo("$"));
        asOperator().queryParam("station", id).get(EVENTS).then().statusCode(200).body("size()", equalTo(0));
        asOperator().get(EVENTS + "/ev-nothing").then().statusCode(404);
        asOperator().get("/api/v1/openadr3/reports").then().statusCode(400).body("errors[0].path", equalTo("station"));
    }

    @Test
    void onlyTheGridOperatorAndAdminsSendEvents() throws Exception {
        String id = Api.register(Api.futureDemo("adr-roles"), replanner);
        String event = event(id, "2026-11-27T18:00:00+07:00", "PT1H", "",
                "{\"id\": 0, \"payloads\": [{\"type\": \"PRICE\", \"values\": [1]}]}");
        as(token("analyst")).contentType(ContentType.JSON).body(event).post(EVENTS).then().statusCode(403);
        as(stationToken(id)).contentType(ContentType.JSON).body(event).post(EVENTS).then().statusCode(403);
        io.restassured.RestAssured.given().contentType(ContentType.JSON).body(event).post(EVENTS).then()
                .statusCode(401);
        as(stationToken(id)).queryParam("station", id).get("/api/v1/openadr3/reports").then().statusCode(403);
    }
}
