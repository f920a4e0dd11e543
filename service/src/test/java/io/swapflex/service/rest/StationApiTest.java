package io.swapflex.service.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.swapflex.datasets.examples.Examples;
import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.service.plan.Replanner;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.swapflex.service.rest.Api.asOperator;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class StationApiTest {

    private static final String PROBLEM_JSON = "application/problem+json";

    @Inject
    Replanner replanner;

    private String register(Problem problem) {
        asOperator().contentType(ContentType.JSON).body(ContractJson.write(problem))
                .post("/api/v1/stations")
                .then().statusCode(201)
                .header("Location", containsString("/api/v1/stations/" + problem.stationId()))
                .header("ETag", "\"1\"")
                .body("version", equalTo(1));
        return problem.stationId();
    }

    @Test
    void theExampleStationsAreRegisteredAndPlannedAtStart() throws Exception {
        List<String> ids = Examples.names().stream()
                .map(name -> ContractJson.readProblem(Examples.json(name)).stationId()).toList();
        asOperator().get("/api/v1/stations").then().statusCode(200)
                .body("id", hasItems(ids.toArray(new String[0])));
        for (String id : ids) {
            Api.awaitPlanned(replanner, id);
            asOperator().get("/api/v1/stations/" + id + "/plan").then().statusCode(200)
                    .body("stationId", equalTo(id))
                    .body("version", equalTo(1))
                    .body("check.hardRulesMet", equalTo(true))
                    .body("plan.formatVersion", equalTo(1));
        }
    }

    @Test
    void registerGetAndUpdateWithIfMatch() throws Exception {
        Problem demo = Api.freshDemo("reg");
        String id = register(demo);
        asOperator().get("/api/v1/stations/" + id).then().statusCode(200)
                .header("ETag", "\"1\"")
                .body("bayCount", equalTo(3))
                .body("bays.bayId", contains("bay-01", "bay-02", "bay-03"));
        asOperator().contentType(ContentType.JSON).header("If-Match", "\"1\"").body(ContractJson.write(demo))
                .post("/api/v1/stations").then().statusCode(200).body("version", equalTo(2));
        asOperator().contentType(ContentType.JSON).header("If-Match", "\"1\"").body(ContractJson.write(demo))
                .post("/api/v1/stations").then().statusCode(409).contentType(PROBLEM_JSON)
                .body("status", equalTo(409)).body("detail", containsString("version 2"));
        asOperator().get("/api/v1/stations/" + id + "/registration").then().statusCode(200)
                .body("stationId", equalTo(id)).body("formatVersion", equalTo(1));
        Api.awaitPlanned(replanner, id);
    }

    @Test
    void anInvalidRegistrationIs400WithTheFieldPathOfEveryError() {
        String json = ContractJson.write(Api.freshDemo("bad"))
                .replaceFirst("\"minSoc\" : [0-9.]+", "\"minSoc\" : 1.5")
                .replaceFirst("\"gridImportLimitKw\" : [0-9.]+", "\"gridImportLimitKw\" : -5.0");
        asOperator().contentType(ContentType.JSON).body(json).post("/api/v1/stations")
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("errors.path", hasItems("packTypes[0].minSoc", "site.gridImportLimitKw"));
        asOperator().contentType(ContentType.JSON).body("{\"formatVersion\": 1, \"nope\": 2}").post("/api/v1/stations")
                .then().statusCode(400).body("errors[0].message", containsString("unknown field 'nope'"));
        asOperator().contentType(ContentType.JSON).body("{\"formatVersion\": ").post("/api/v1/stations")
                .then().statusCode(400).contentType(PROBLEM_JSON).body("errors[0].path", equalTo("$"));
        asOperator().contentType(ContentType.JSON).body("").post("/api/v1/stations")
                .then().statusCode(400).contentType(PROBLEM_JSON);
        asOperator().contentType(ContentType.JSON).header("If-Match", "latest").body(ContractJson.write(Api.freshDemo("bad")))
                .post("/api/v1/stations").then().statusCode(400).body("errors[0].path", equalTo("If-Match"));
    }

    @Test
    void unknownIdsAre404() {
        for (String path : List.of("", "/schedule", "/plan", "/events", "/plans", "/registration")) {
            asOperator().get("/api/v1/stations/no-such-station" + path).then().statusCode(404).contentType(PROBLEM_JSON)
                    .body("detail", containsString("no-such-station"));
        }
        asOperator().contentType(ContentType.JSON).body("{\"kind\": \"PACK_OUT\", \"bayId\": \"bay-01\"}")
                .post("/api/v1/stations/no-such-station/events").then().statusCode(404);
        asOperator().get("/api/v1/nothing-here").then().statusCode(404).contentType(PROBLEM_JSON);
    }

    @Test
    void aBatteryOutEventChangesTheNextSchedule() throws Exception {
        String id = register(Api.freshDemo("out"));
        Api.awaitPlanned(replanner, id);
        Response before = asOperator().get("/api/v1/stations/" + id + "/schedule");
        before.then().statusCode(200).header("X-Plan-Version", "1").header("X-Plan-Stale", "false")
                .body("slots[0].bays.bayId", hasItem("bay-01"));
        String etag = before.header("ETag");
        asOperator().header("If-None-Match", etag).get("/api/v1/stations/" + id + "/schedule")
                .then().statusCode(304);

        asOperator().contentType(ContentType.JSON).body("{\"kind\": \"PACK_OUT\", \"bayId\": \"bay-01\"}")
                .post("/api/v1/stations/" + id + "/events")
                .then().statusCode(202).body("revision", equalTo(2)).body("replanRequested", equalTo(true));
        Api.awaitPlanned(replanner, id);

        Response after = asOperator().header("If-None-Match", etag).get("/api/v1/stations/" + id + "/schedule");
        after.then().statusCode(200).header("X-Plan-Version", "2").header("X-Plan-Stale", "false")
                .body("slots.bays.bayId", everyItem(not(hasItem("bay-01"))))
                .body("slots[0].bays.bayId", contains("bay-02", "bay-03"));
        assertNotEquals(etag, after.header("ETag"));
        asOperator().get("/api/v1/stations/" + id + "/plan").then().statusCode(200)
                .body("version", equalTo(2)).body("reason", containsString("PACK_OUT bay-01"))
                .body("stale", equalTo(false));
        asOperator().get("/api/v1/stations/" + id + "/plans").then().statusCode(200).body("$", contains(1, 2));
        asOperator().get("/api/v1/stations/" + id + "/plan?version=1").then().statusCode(200)
                .body("version", equalTo(1)).body("stale", equalTo(true));
        asOperator().get("/api/v1/stations/" + id + "/plan?version=99").then().statusCode(404);
        String problem = asOperator().get("/api/v1/stations/" + id + "/plans/2/problem").then().statusCode(200)
                .extract().asString();
        assertEquals(2, ContractJson.readProblem(problem).bays().size(), "plan 2 solved the bank without bay-01");
        asOperator().get("/api/v1/stations/" + id + "/events").then().statusCode(200)
                .body("event.kind", contains("PACK_OUT"));
    }

    @Test
    void theScheduleWindowSelectsSlotsAndBadTimesAre400() throws Exception {
        String id = register(Api.freshDemo("win"));
        Api.awaitPlanned(replanner, id);
        Response all = asOperator().get("/api/v1/stations/" + id + "/schedule");
        all.then().statusCode(200).body("slots.size()", equalTo(24));
        String second = all.path("slots[1].start");
        String fourth = all.path("slots[3].start");
        asOperator().queryParam("from", second).queryParam("to", fourth)
                .get("/api/v1/stations/" + id + "/schedule").then().statusCode(200)
                .body("slots.slot", contains(1, 2));
        asOperator().queryParam("from", "yesterday").get("/api/v1/stations/" + id + "/schedule")
                .then().statusCode(400).contentType(PROBLEM_JSON).body("errors[0].path", equalTo("from"));
        asOperator().queryParam("from", fourth).queryParam("to", second).get("/api/v1/stations/" + id + "/schedule")
                .then().statusCode(400).body("detail", containsString("from must be before to"));
    }

    @Test
    void eventsAreCheckedAgainstTheBayState() throws Exception {
        String id = register(Api.freshDemo("ev"));
        // its first plan committed, so that the station shows a plan while the event's re-plan runs (without it, a
        // GET under load could come before the registration's plan)
        Api.awaitPlanned(replanner, id);
        String events = "/api/v1/stations/" + id + "/events";
        asOperator().contentType(ContentType.JSON).body("{\"kind\": \"EXPLODED\", \"bayId\": \"bay-01\"}").post(events)
                .then().statusCode(400).contentType(PROBLEM_JSON).body("errors[0].path", equalTo("kind"));
        asOperator().contentType(ContentType.JSON).body("{\"kind\": \"SOC\", \"bayId\": \"bay-99\", \"socFraction\": 0.5}")
                .post(events).then().statusCode(400).body("errors[0].path", equalTo("bayId"));
        asOperator().contentType(ContentType.JSON).body("{\"kind\": \"SOC\", \"bayId\": \"bay-01\", \"socFraction\": \"high\"}")
                .post(events).then().statusCode(400).body("errors[0].path", equalTo("socFraction"));
        asOperator().contentType(ContentType.JSON).body("{\"kind\": \"SOC\", \"bayId\": \"bay-01\", \"soc\": 0.5}")
                .post(events).then().statusCode(400).body("errors[0].message", containsString("unknown field 'soc'"));
        asOperator().contentType(ContentType.JSON).body("{\"kind\": \"PACK_IN\", \"bayId\": \"bay-01\", \"socFraction\": 0.2}")
                .post(events).then().statusCode(409).contentType(PROBLEM_JSON).body("detail", containsString("already holds"));
        asOperator().contentType(ContentType.JSON)
                .body("{\"kind\": \"SOC\", \"bayId\": \"bay-01\", \"socFraction\": 0.61, \"occurredAt\": \"2026-11-26T08:00:00+07:00\"}")
                .post(events).then().statusCode(202).body("occurredAt", equalTo("2026-11-26T01:00:00Z"));
        asOperator().get("/api/v1/stations/" + id).then().body("bays[0].socFraction", equalTo(0.61f))
                .body("revision", equalTo(2)).body("plan", notNullValue());
        Api.awaitPlanned(replanner, id);
    }

    @Test
    void theStationListShowsPlansAndStaleness() throws Exception {
        String id = register(Api.freshDemo("list"));
        Api.awaitPlanned(replanner, id);
        asOperator().get("/api/v1/stations/" + id).then().statusCode(200)
                .body("plan.version", equalTo(1)).body("plan.stale", equalTo(false));
        assertTrue(asOperator().get("/api/v1/stations").then().extract().<List<String>>path("id").contains(id));
    }
}
