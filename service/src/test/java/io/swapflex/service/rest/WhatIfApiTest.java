package io.swapflex.service.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.swapflex.datasets.examples.Examples;
import io.swapflex.optimizer.check.CheckReport;
import io.swapflex.optimizer.check.PlanChecker;
import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.service.plan.Replanner;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.swapflex.service.rest.Api.as;
import static io.swapflex.service.rest.Api.asOperator;
import static io.swapflex.service.rest.Api.stationToken;
import static io.swapflex.service.rest.Api.token;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.oneOf;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

@QuarkusTest
class WhatIfApiTest {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String DEMO = Examples.json("demo-3bay-hourly");

    @Inject
    Replanner replanner;

    static JsonPath awaitFinished(String token, String id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        while (System.nanoTime() < deadline) {
            JsonPath job = as(token).get("/api/v1/whatif/" + id).then().statusCode(200).extract().jsonPath();
            if (job.getString("state").equals("DONE") || job.getString("state").equals("FAILED")) {
                return job;
            }
            Thread.sleep(50);
        }
        return fail("what-if job " + id + " did not finish");
    }

    private static void planPassesTheChecker(String token, String id, String name) {
        String planJson = as(token).get("/api/v1/whatif/" + id + "/scenarios/" + name + "/plan").then()
                .statusCode(200).contentType(ContentType.JSON).header("X-Plan-Check", "feasible").extract().asString();
        Problem problem = ContractJson.readProblem(as(token).get("/api/v1/whatif/" + id + "/scenarios/" + name
                + "/problem").then().statusCode(200).extract().asString());
        CheckReport report = PlanChecker.check(problem, ContractJson.readPlan(planJson));
        assertTrue(report.feasible(), name + ": " + report.summary());
    }

    /**
     * An analyst's study of the demo station inline: export prices tripled earn V2G revenue the base does not (the
     * flow scheduler discharges for it; at the base's export price discharging does not pay), and demand tripled
     * asks for more swaps than the base serves.
     */
    @Test
    void anAnalystsStudyRunsToDoneAndItsKpisMoveTheWayTheScenariosPush() throws Exception {
        String analyst = token("analyst");
        String body = "{\"problem\": " + DEMO + ", \"solver\": \"flow\", \"timeLimit\": \"2s\", \"scenarios\": ["
                + "{\"name\": \"export x3\", \"exportPriceScale\": 3},"
                + "{\"name\": \"demand x3\", \"demandScale\": 3, \"solver\": \"greedy\"},"
                + "{\"name\": \"two more bays\", \"addBays\": [{\"packType\": \"2W-1.8\", \"count\": 2, \"soc\": 0.9}],"
                + " \"importLimitKw\": 5, \"solver\": \"greedy\"}]}";
        var accepted = as(analyst).contentType(ContentType.JSON).body(body).post("/api/v1/whatif").then()
                .statusCode(202).body("state", oneOf("QUEUED", "RUNNING", "DONE")).body("progress.total", equalTo(4))
                .body("scenarios.name", equalTo(List.of("base", "export x3", "demand x3", "two more bays")))
                .extract();
        String id = accepted.path("id");
        assertTrue(accepted.header("Location").endsWith("/api/v1/whatif/" + id), accepted.header("Location"));

        JsonPath job = awaitFinished(analyst, id);
        assertEquals("DONE", job.getString("state"), job.prettify());
        assertEquals(4, job.getInt("progress.done"));
        assertEquals("inline", job.getString("base.source"));
        assertEquals("dev-analyst", job.getString("createdBy"));
        for (int i = 0; i < 4; i++) {
            assertEquals(true, job.getBoolean("scenarios[" + i + "].check.feasible"), job.prettify());
            assertEquals("DONE", job.getString("scenarios[" + i + "].state"));
        }
        double baseRevenue = job.getDouble("scenarios[0].kpis.exportRevenue");
        double x3Revenue = job.getDouble("scenarios[1].kpis.exportRevenue");
        assertTrue(x3Revenue > baseRevenue + 1, "export x3 earns more V2G revenue: " + x3Revenue + " vs " + baseRevenue);
        assertTrue(job.getDouble("scenarios[1].kpis.energyDischargedKwh") > job.getDouble("scenarios[0].kpis.energyDischargedKwh"));
        assertEquals(x3Revenue - baseRevenue, job.getDouble("scenarios[1].delta.exportRevenue"), 1e-3);
        assertEquals(3 * job.getInt("scenarios[0].kpis.swapsDemanded"), job.getInt("scenarios[2].kpis.swapsDemanded"));
        assertTrue(job.getInt("scenarios[2].kpis.swapsServed") > job.getInt("scenarios[0].kpis.swapsServed")
                || job.getInt("scenarios[2].kpis.swapsUnserved") > job.getInt("scenarios[0].kpis.swapsUnserved"));
        assertEquals(5, job.getInt("scenarios[3].kpis.bays"));
        assertEquals("greedy", job.getString("scenarios[3].kpis.solver"));
        assertEquals("flow", job.getString("scenarios[1].kpis.solver"));
        assertEquals(3.0f, job.getFloat("scenarios[1].variations.exportPriceScale"));

        for (String name : List.of("base", "export x3", "demand x3", "two more bays")) {
            planPassesTheChecker(analyst, id, name);
        }
        as(analyst).get("/api/v1/whatif").then().statusCode(200).body("id", hasItem(id));
        as(analyst).get("/api/v1/whatif?limit=1").then().statusCode(200).body("size()", equalTo(1));
    }

    @Test
    void aStationsProblemNowIsABaseAndItsSolvesUseTheServicesLimits() throws Exception {
        Problem demo = Api.freshDemo("wi-station");
        asOperator().contentType(ContentType.JSON).body(ContractJson.write(demo)).post("/api/v1/stations")
                .then().statusCode(201);
        Api.awaitPlanned(replanner, demo.stationId());
        String operator = token("operator");
        String id = as(operator).contentType(ContentType.JSON).body("{\"stationId\": \"" + demo.stationId()
                        + "\", \"scenarios\": [{\"name\": \"dso programme\", \"dispatchRequests\": [{\"id\": \"dso-1\", "
                        + "\"fromSlot\": 1, \"toSlot\": 3, \"exportKw\": 0.5, \"rewardPerKwh\": 5.0, \"firm\": true}]}]}")
                .post("/api/v1/whatif").then().statusCode(202).extract().path("id");
        JsonPath job = awaitFinished(operator, id);
        assertEquals("DONE", job.getString("state"), job.prettify());
        assertEquals("station", job.getString("base.source"));
        assertEquals(demo.stationId(), job.getString("base.stationId"));
        assertEquals("greedy", job.getString("scenarios[0].solver"));
        assertEquals("PT5S", job.getString("scenarios[0].timeLimit"));
        assertEquals(5.0, job.getDouble("scenarios[1].kpis.dispatchReward"), 1e-9);
        assertTrue(job.getDouble("scenarios[1].delta.dispatchReward") > 0);
        Problem base = ContractJson.readProblem(as(operator).get("/api/v1/whatif/" + id + "/scenarios/base/problem")
                .then().statusCode(200).extract().asString());
        Problem planned = ContractJson.readProblem(asOperator().get("/api/v1/stations/" + demo.stationId()
                + "/plans/1/problem").asString());
        assertEquals(planned.bays().size(), base.bays().size(), "the station's bays with their state");
        planPassesTheChecker(operator, id, "base");
        planPassesTheChecker(operator, id, "dso programme");
        Plan plan = ContractJson.readPlan(as(operator).get("/api/v1/whatif/" + id + "/scenarios/dso programme/plan")
                .asString());
        assertTrue(plan.acceptedDispatchRequests().contains("dso-1"));
    }

    @Test
    void rolesAndUnknownIds() throws Exception {
        String body = "{\"problem\": " + DEMO + ", \"scenarios\": [{\"name\": \"cheap\", \"importPriceScale\": 0.5}]}";
        RestAssured.given().contentType(ContentType.JSON).body(body).post("/api/v1/whatif").then().statusCode(401)
                .contentType(PROBLEM_JSON);
        RestAssured.get("/api/v1/whatif").then().statusCode(401);
        as(stationToken("demo-3bay")).contentType(ContentType.JSON).body(body).post("/api/v1/whatif").then()
                .statusCode(403).contentType(PROBLEM_JSON);
        as(stationToken("demo-3bay")).get("/api/v1/whatif").then().statusCode(403);
        String id = as(token("admin")).contentType(ContentType.JSON).body(body).post("/api/v1/whatif").then()
                .statusCode(202).extract().path("id");
        as(stationToken("demo-3bay")).get("/api/v1/whatif/" + id).then().statusCode(403);
        awaitFinished(token("operator"), id);
        as(token("analyst")).get("/api/v1/whatif/" + id + "/scenarios/cheap/plan").then().statusCode(200);

        as(token("analyst")).get("/api/v1/whatif/wi-nope").then().statusCode(404).contentType(PROBLEM_JSON)
                .body("detail", containsString("wi-nope"));
        as(token("analyst")).get("/api/v1/whatif/wi-nope/scenarios/base/plan").then().statusCode(404);
        as(token("analyst")).get("/api/v1/whatif/" + id + "/scenarios/dear/plan").then().statusCode(404)
                .contentType(PROBLEM_JSON).body("detail", containsString("no scenario 'dear'"));
        as(token("analyst")).get("/api/v1/whatif/" + id + "/scenarios/dear/problem").then().statusCode(404);
    }

    @Test
    void badStudiesAre400WithThePathOfEveryError() {
        String analyst = token("analyst");
        as(analyst).contentType(ContentType.JSON).body("{\"problem\": " + DEMO + ", \"timeLimit\": \"1h\", \"scenarios\": ["
                        + "{\"name\": \"a\", \"demandScale\": 2}, {\"name\": \"b\", \"demandScale\": -1},"
                        + "{\"name\": \"a\", \"exportPricePerKwh\": [1, 2]}, {\"name\": \"base\", \"solver\": \"magic\"}]}")
                .post("/api/v1/whatif").then().statusCode(400).contentType(PROBLEM_JSON)
                .body("errors.path", hasItems("timeLimit", "scenarios[1].demandScale", "scenarios[2].name",
                        "scenarios[2].exportPricePerKwh", "scenarios[3].name", "scenarios[3].solver"))
                .body("detail", containsString("scenarios[1].demandScale must be ≥ 0, is -1"));
        as(analyst).contentType(ContentType.JSON).body("{\"stationId\": \"nowhere\", \"scenarios\": [{\"name\": \"a\"}]}")
                .post("/api/v1/whatif").then().statusCode(400).body("errors[0].path", equalTo("stationId"));
        as(analyst).contentType(ContentType.JSON).body("{\"scenarios\": [{\"name\": \"a\"}]}")
                .post("/api/v1/whatif").then().statusCode(400).body("errors[0].path", equalTo("$"));
        as(analyst).contentType(ContentType.JSON).body("{\"problem\": " + DEMO + ", \"scenarios\": [{\"name\": \"a\", "
                        + "\"demandScael\": 2}]}")
                .post("/api/v1/whatif").then().statusCode(400).body("errors[0].path", equalTo("scenarios[0]"))
                .body("errors[0].message", containsString("unknown field 'demandScael'"));
        as(analyst).contentType(ContentType.JSON).body("{\"problem\": " + DEMO + ", \"scenarios\": [{\"name\": \"a\", "
                        + "\"addBays\": [{\"packType\": \"2W-1.8\", \"count\": 1.5, \"soc\": 0.5}]}]}")
                .post("/api/v1/whatif").then().statusCode(400)
                .body("errors[0].path", equalTo("scenarios[0].addBays[0].count"));
        as(analyst).contentType(ContentType.JSON).body("{\"problem\": {\"formatVersion\": 1, \"bogus\": 1}, "
                        + "\"scenarios\": [{\"name\": \"a\"}]}")
                .post("/api/v1/whatif").then().statusCode(400).body("errors[0].path", startsWith("problem"));
        as(analyst).contentType(ContentType.JSON).body("{\"problem\": " + DEMO + ", \"scenarios\": [{\"name\": \"a\", "
                        + "\"dispatchRequests\": [{\"id\": \"x\", \"fromSlot\": 3, \"toSlot\": 2, \"exportKw\": 1}]}]}")
                .post("/api/v1/whatif").then().statusCode(400)
                .body("errors.path", hasItem(startsWith("scenarios[0].dispatchRequests[0]")));
        as(analyst).contentType(ContentType.JSON).body("{\"scenarios\": ").post("/api/v1/whatif").then().statusCode(400)
                .contentType(PROBLEM_JSON).body("errors[0].path", equalTo("$"));
        as(analyst).contentType(ContentType.JSON).body("").post("/api/v1/whatif").then().statusCode(400);
        as(analyst).contentType(ContentType.JSON).body("[]").post("/api/v1/whatif").then().statusCode(400)
                .contentType(PROBLEM_JSON);
        as(analyst).get("/api/v1/whatif?limit=0").then().statusCode(400).body("errors[0].path", equalTo("limit"));
    }
}
