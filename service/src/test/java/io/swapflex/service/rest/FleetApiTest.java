package io.swapflex.service.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.swapflex.optimizer.check.PlanChecker;
import io.swapflex.optimizer.check.fleet.FleetChecker;
import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.optimizer.fleet.FleetPlan;
import io.swapflex.optimizer.fleet.FleetProblem;
import io.swapflex.optimizer.generate.FleetGenerator;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.swapflex.service.rest.Api.as;
import static io.swapflex.service.rest.Api.stationToken;
import static io.swapflex.service.rest.Api.token;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.oneOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

@QuarkusTest
class FleetApiTest {

    private static final String PROBLEM_JSON = "application/problem+json";

    private static JsonPath awaitDone(String token, String id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            JsonPath job = as(token).get("/api/v1/fleet-plans/" + id).then().statusCode(200).extract().jsonPath();
            String state = job.getString("job.state");
            if (state.equals("DONE") || state.equals("FAILED")) {
                return job;
            }
            Thread.sleep(100);
        }
        return fail("fleet job " + id + " did not finish");
    }

    /**
     * A grid operator plans a generated fleet of four stations (a feeder, an evening request to the fleet): the job
     * runs to DONE, the fleet checker finds nothing in what is stored, and every station's plan is served and passes
     * the plan checker.
     */
    @Test
    void anOperatorPlansAFleetAndEveryStoredPlanPassesTheCheckers() throws Exception {
        String operator = token("operator");
        FleetProblem fleet = FleetGenerator.generate(4, 5);
        var accepted = as(operator).contentType(ContentType.JSON).body(ContractJson.write(fleet))
                .post("/api/v1/fleet-plans?timeLimit=8s").then().statusCode(202)
                .body("job.state", oneOf("QUEUED", "RUNNING", "DONE")).body("job.stationCount", org.hamcrest.Matchers.equalTo(4))
                .extract();
        String id = accepted.path("job.id");
        assertTrue(accepted.header("Location").endsWith("/api/v1/fleet-plans/" + id));

        JsonPath done = awaitDone(operator, id);
        assertEquals("DONE", done.getString("job.state"), done.prettify());
        assertEquals(List.of(), done.getList("checkFindings"), done.prettify());
        assertTrue(done.getDouble("figures.bound") <= done.getDouble("figures.total") + 1e-6);

        List<Plan> plans = new ArrayList<>();
        for (Problem station : fleet.stations()) {
            String json = as(operator).get("/api/v1/fleet-plans/" + id + "/stations/" + station.stationId() + "/plan")
                    .then().statusCode(200).header("X-Plan-Check", "feasible").extract().asString();
            Plan plan = ContractJson.readPlan(json);
            assertTrue(PlanChecker.check(station, plan).feasible());
            plans.add(plan);
        }
        FleetPlan figures = ContractJson.read(done.prettify(), FleetPlanEnvelope.class).figures();
        FleetPlan whole = new FleetPlan(figures.formatVersion(), figures.fleetId(), figures.status(), figures.total(),
                figures.bound(), figures.gap(), figures.solveMillis(), figures.priceRounds(), figures.coupling(), plans,
                figures.violations());
        assertEquals(List.of(), FleetChecker.check(fleet, whole));
        as(operator).get("/api/v1/fleet-plans").then().statusCode(200).body("id", hasItem(id));
    }

    /** Only the figures are read back here; the job part of the answer is checked field by field above. */
    record FleetPlanEnvelope(Object job, FleetPlan figures, List<String> checkFindings) {
    }

    @Test
    void aBadFleetIsRefusedNamingEveryField() {
        FleetProblem fleet = FleetGenerator.generate(2, 1);
        String body = ContractJson.write(fleet).replaceFirst("\"stations\" : \\[ \"gen-", "\"stations\" : [ \"nowhere-");
        as(token("analyst")).contentType(ContentType.JSON).body(body).post("/api/v1/fleet-plans").then()
                .statusCode(400).contentType(PROBLEM_JSON)
                .body("errors.path", hasItem("feeders[0].stations[0]"))
                .body("detail", containsString("feeders[0].stations[0] no station 'nowhere-"));
        as(token("analyst")).contentType(ContentType.JSON).body(ContractJson.write(fleet))
                .post("/api/v1/fleet-plans?timeLimit=7200s").then().statusCode(400)
                .body("errors.path", hasItem("timeLimit")).body("detail", containsString("timeLimit must be between"));
        as(token("analyst")).contentType(ContentType.JSON).body("{\"formatVersion\": 1, \"fleetId\": \"x\", "
                + "\"stations\": [], \"feeder\": []}").post("/api/v1/fleet-plans").then().statusCode(400)
                .body("detail", containsString("unknown field 'feeder'"));
    }

    @Test
    void stationsMayNotPlanFleetsAndUnknownJobsAre404() {
        FleetProblem fleet = FleetGenerator.generate(2, 1);
        as(stationToken(fleet.stations().get(0).stationId())).contentType(ContentType.JSON)
                .body(ContractJson.write(fleet)).post("/api/v1/fleet-plans").then().statusCode(403);
        as(token("analyst")).get("/api/v1/fleet-plans/fl-nope").then().statusCode(404).contentType(PROBLEM_JSON);
    }
}
