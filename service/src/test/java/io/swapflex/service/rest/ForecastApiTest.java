package io.swapflex.service.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.swapflex.optimizer.check.PlanChecker;
import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.service.plan.Replanner;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.swapflex.service.rest.Api.as;
import static io.swapflex.service.rest.Api.asOperator;
import static io.swapflex.service.rest.Api.stationToken;
import static io.swapflex.service.rest.Api.token;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class ForecastApiTest {

    private static final String PROBLEM_JSON = "application/problem+json";

    @Inject
    Replanner replanner;

    /**
     * The demo under a new id with its horizon days ahead: a station registered "now" is planned from the current
     * slot of its day profile, so riders moved to 02–03 h would meet packs with no time to charge when the test runs
     * between 02:00 and 04:00 in Bangkok (it failed so at 19:00 UTC).
     */
    private String register(String prefix) throws InterruptedException {
        return Api.register(Api.futureDemo(prefix), replanner);
    }

    private static List<Integer> swapSlots(Plan plan) {
        List<Integer> slots = new ArrayList<>();
        for (int t = 0; t < plan.grid().importKw().length; t++) {
            int slot = t;
            if (plan.bays().stream().anyMatch(b -> b.swapOut()[slot])) {
                slots.add(t);
            }
        }
        return slots;
    }

    private static List<Integer> demandSlots(Problem problem) {
        List<Integer> slots = new ArrayList<>();
        int[] row = problem.swapDemand().get("2W-1.8");
        for (int t = 0; t < row.length; t++) {
            if (row[t] > 0) {
                slots.add(t);
            }
        }
        return slots;
    }

    /** Demand moved by a forecast to other slots: the next plan hands packs out there, and its schedule says so. */
    @Test
    void anUploadedForecastChangesTheNextSchedule() throws Exception {
        String id = register("fc");
        String station = stationToken(id);
        Problem p1 = ContractJson.readProblem(as(station).get("/api/v1/stations/" + id + "/plans/1/problem").asString());
        Plan v1 = currentPlan(station, id);
        as(station).get("/api/v1/stations/" + id + "/forecast").then().statusCode(200)
                .body("source", equalTo("registration")).body("forecastVersion", nullValue())
                .body("swapDemand.'2W-1.8'[7]", equalTo(1));

        // The registration's riders come at 07, 08, 12, 17 and 18 h; the forecast moves them to 02 and 03 h.
        int[] demand = new int[24];
        demand[2] = 2;
        demand[3] = 1;
        var stored = as(station).contentType(ContentType.JSON).body("{\"swapDemand\": {\"2W-1.8\": "
                        + Arrays.toString(demand) + "}, \"note\": \"fleet survey\"}")
                .put("/api/v1/stations/" + id + "/forecast").then().statusCode(202)
                .body("version", equalTo(1)).body("revision", equalTo(2)).body("replanRequested", equalTo(true))
                .body("fromForecast", contains("swapDemand.2W-1.8")).extract();
        assertTrue(stored.header("Location").endsWith("/forecast?version=1"), stored.header("Location"));
        Api.awaitPlanned(replanner, id);

        as(station).get("/api/v1/stations/" + id + "/forecast").then().statusCode(200)
                .body("source", equalTo("forecast")).body("forecastVersion", equalTo(1))
                .body("forecastCreatedBy", equalTo("station:" + id)).body("note", equalTo("fleet survey"))
                .body("swapDemand.'2W-1.8'[2]", equalTo(2)).body("swapDemand.'2W-1.8'[7]", equalTo(0));
        as(station).get("/api/v1/stations/" + id + "/plan").then().statusCode(200).body("version", equalTo(2))
                .body("reason", equalTo("forecast v1 uploaded")).body("stale", equalTo(false))
                .body("check.hardRulesMet", equalTo(true));
        Problem p2 = ContractJson.readProblem(as(station).get("/api/v1/stations/" + id + "/plans/2/problem").asString());
        Plan v2 = currentPlan(station, id);
        assertTrue(PlanChecker.check(p2, v2).feasible(), PlanChecker.check(p2, v2).summary());
        assertEquals(3, Arrays.stream(p2.swapDemand().get("2W-1.8")).sum());
        assertNotEquals(demandSlots(p1), demandSlots(p2));
        assertEquals(demandSlots(p2), swapSlots(v2), "packs are handed out where the forecast puts the riders");
        assertEquals(3, v2.bays().stream().flatMap(b -> demandSlots(p2).stream().filter(t -> b.swapOut()[t]))
                .count(), "all three riders served");
        assertNotEquals(swapSlots(v1), swapSlots(v2));

        int first = demandSlots(p2).get(0);
        as(station).get("/api/v1/stations/" + id + "/schedule").then().statusCode(200).header("X-Plan-Version", "2")
                .body("slots[" + first + "].bays.swapOut", org.hamcrest.Matchers.hasItem(true));
        as(station).get("/api/v1/stations/" + id + "/forecast/versions").then().statusCode(200).body("$", contains(1));
    }

    /** The contract-v1 plan inside the station's plan view. */
    private static Plan currentPlan(String token, String id) throws Exception {
        String view = as(token).get("/api/v1/stations/" + id + "/plan").then().statusCode(200).extract().asString();
        return ContractJson.readPlan(ContractJson.mapper().readTree(view).get("plan").toString());
    }

    @Test
    void everyVersionIsKeptAndPricesAndBaseLoadMayComeAlone() throws Exception {
        String id = register("fc-versions");
        double[] prices = new double[24];
        Arrays.fill(prices, 1.25);
        asOperator().contentType(ContentType.JSON).body("{\"importPricePerKwh\": " + Arrays.toString(prices) + "}")
                .put("/api/v1/stations/" + id + "/forecast").then().statusCode(202).body("version", equalTo(1));
        as(token("analyst")).contentType(ContentType.JSON).body("{\"baseLoadKw\": " + Arrays.toString(new double[24])
                        + ", \"exportPricePerKwh\": " + Arrays.toString(prices) + "}")
                .put("/api/v1/stations/" + id + "/forecast").then().statusCode(202).body("version", equalTo(2));
        Api.awaitPlanned(replanner, id);
        asOperator().get("/api/v1/stations/" + id + "/forecast/versions").then().body("$", contains(1, 2));
        asOperator().get("/api/v1/stations/" + id + "/forecast").then().statusCode(200)
                .body("forecastVersion", equalTo(2)).body("fromForecast", contains("exportPricePerKwh", "baseLoadKw"))
                .body("importPricePerKwh[0]", equalTo(2.9951f)).body("exportPricePerKwh[0]", equalTo(1.25f));
        asOperator().get("/api/v1/stations/" + id + "/forecast?version=1").then().statusCode(200)
                .body("forecastVersion", equalTo(1)).body("importPricePerKwh[5]", equalTo(1.25f));
        asOperator().get("/api/v1/stations/" + id + "/forecast?version=9").then().statusCode(404)
                .contentType(PROBLEM_JSON);
        asOperator().get("/api/v1/stations/" + id + "/forecast?version=new").then().statusCode(400)
                .body("errors[0].path", equalTo("version"));
        Problem planned = ContractJson.readProblem(asOperator().get("/api/v1/stations/" + id + "/plans/"
                + asOperator().get("/api/v1/stations/" + id + "/plan").path("version") + "/problem").asString());
        assertTrue(Arrays.stream(planned.tariff().exportPricePerKwh()).allMatch(p -> p == 1.25));
        assertTrue(Arrays.stream(planned.site().baseLoadKw()).allMatch(p -> p == 0));
    }

    @Test
    void badForecastsAre400WithPathsAndRolesAndUnknownStationsAsTheRestOfTheApi() throws Exception {
        String id = register("fc-bad");
        String url = "/api/v1/stations/" + id + "/forecast";
        asOperator().contentType(ContentType.JSON).body("{\"swapDemand\": {\"2W-1.8\": [1, -1], \"4W\": [1]}, "
                        + "\"importPricePerKwh\": [1, 2, 3]}")
                .put(url).then().statusCode(400).contentType(PROBLEM_JSON)
                .body("errors.path", hasItems("swapDemand.2W-1.8", "swapDemand.2W-1.8[1]", "swapDemand.4W",
                        "importPricePerKwh"))
                .body("detail", containsString("swapDemand.2W-1.8 has 2 values, the station's horizon has 24 slots"));
        asOperator().contentType(ContentType.JSON).body("{\"swapDemand\": {\"2W-1.8\": [1.5]}}").put(url).then()
                .statusCode(400).body("errors[0].path", equalTo("swapDemand.2W-1.8[0]"));
        asOperator().contentType(ContentType.JSON).body("{\"demand\": {}}").put(url).then().statusCode(400)
                .body("errors[0].message", containsString("unknown field 'demand'"));
        asOperator().contentType(ContentType.JSON).body("{}").put(url).then().statusCode(400)
                .body("detail", containsString("gives no forecast"));
        asOperator().contentType(ContentType.JSON).body("").put(url).then().statusCode(400).contentType(PROBLEM_JSON);
        asOperator().contentType(ContentType.JSON).body("{\"baseLoadKw\": ").put(url).then().statusCode(400)
                .body("errors[0].path", equalTo("$"));
        asOperator().get(url + "/versions").then().body("$", equalTo(List.of()));
        asOperator().get("/api/v1/stations/" + id).then().body("revision", equalTo(1));

        RestAssured.given().contentType(ContentType.JSON).body("{}").put(url).then().statusCode(401)
                .contentType(PROBLEM_JSON);
        RestAssured.get(url).then().statusCode(401);
        as(stationToken("someone-else")).get(url).then().statusCode(403).contentType(PROBLEM_JSON);
        as(stationToken("someone-else")).contentType(ContentType.JSON).body("{\"baseLoadKw\": []}").put(url).then()
                .statusCode(403);
        as(stationToken("someone-else")).get(url + "/versions").then().statusCode(403);
        asOperator().get("/api/v1/stations/no-such-station/forecast").then().statusCode(404).contentType(PROBLEM_JSON);
        asOperator().contentType(ContentType.JSON).body("{\"baseLoadKw\": [0]}")
                .put("/api/v1/stations/no-such-station/forecast").then().statusCode(404);
        asOperator().get("/api/v1/stations/no-such-station/forecast/versions").then().statusCode(404);
        asOperator().post(url + "/compute").then().statusCode(409).contentType(PROBLEM_JSON)
                .body("detail", containsString("no PACK_OUT event"));
        asOperator().post(url + "/compute?serviceLevel=1.5").then().statusCode(400)
                .body("errors[0].path", equalTo("serviceLevel"));
        as(stationToken("someone-else")).post(url + "/compute").then().statusCode(403);
        RestAssured.post(url + "/compute").then().statusCode(401);
        asOperator().post("/api/v1/stations/no-such-station/forecast/compute").then().statusCode(404);
        // The station's other endpoints are still reached beside the forecast's.
        asOperator().get("/api/v1/stations/" + id + "/schedule").then().statusCode(200);
    }
}
