package io.swapflex.service.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.swapflex.datasets.examples.Examples;
import io.swapflex.optimizer.check.CheckReport;
import io.swapflex.optimizer.check.PlanChecker;
import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.contract.Problem;
import org.junit.jupiter.api.Test;

import static io.swapflex.service.rest.Api.as;
import static io.swapflex.service.rest.Api.asOperator;
import static io.swapflex.service.rest.Api.stationToken;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class PlanSolveApiTest {

    private static final String DEMO = Examples.json("demo-3bay-hourly");

    @Test
    void aProblemDocumentIsSolvedIntoAPlanTheCheckerAccepts() {
        String body = asOperator().contentType(ContentType.JSON).body(DEMO).queryParam("solver", "greedy")
                .post("/api/v1/plans/solve").then().statusCode(200).contentType(ContentType.JSON)
                .extract().asString();
        Problem problem = ContractJson.readProblem(DEMO);
        Plan plan = ContractJson.readPlan(body);
        assertEquals(problem.stationId(), plan.stationId());
        assertEquals("greedy", plan.solver());
        CheckReport report = PlanChecker.check(problem, plan);
        assertTrue(report.feasible(), report.summary());
    }

    @Test
    void anyRoleMaySolve() {
        as(stationToken("anywhere")).contentType(ContentType.JSON).body(DEMO).queryParam("timeLimit", "2s")
                .post("/api/v1/plans/solve").then().statusCode(200).body("formatVersion", equalTo(1));
    }

    /**
     * Issue 15: a work limit instead of a time limit gives the same plan to the baht on any machine and under any
     * load (the 12-bay example: the flow scheduler, not the small stations' portfolio); the plan passes the checker.
     */
    @Test
    void aWorkLimitedSolveGivesTheSamePlanTwice() {
        String example = Examples.json("thai-2w-12");
        Problem problem = ContractJson.readProblem(example);
        String[] plans = new String[2];
        for (int i = 0; i < 2; i++) {
            String body = asOperator().contentType(ContentType.JSON).body(example).queryParam("workLimit", "400ms")
                    .post("/api/v1/plans/solve").then().statusCode(200).extract().asString();
            Plan plan = ContractJson.readPlan(body);
            CheckReport report = PlanChecker.check(problem, plan);
            assertTrue(report.hardRulesMet(), report.summary());
            plans[i] = ContractJson.write(plan).replaceAll("\"solveMillis\"\\s*:\\s*\\d+", "");
        }
        assertEquals(plans[0], plans[1]);
        asOperator().contentType(ContentType.JSON).body(DEMO).queryParam("workLimit", "1s").queryParam("timeLimit", "1s")
                .post("/api/v1/plans/solve").then().statusCode(400).body("errors[0].path", equalTo("workLimit"));
        asOperator().contentType(ContentType.JSON).body(DEMO).queryParam("workLimit", "1h").post("/api/v1/plans/solve")
                .then().statusCode(400).body("errors[0].path", equalTo("workLimit"));
    }

    @Test
    void badInputIs400WithPaths() {
        String broken = DEMO.replaceFirst("\"slotMinutes\" : [0-9]+", "\"slotMinutes\" : 0")
                .replaceFirst("\"unservedSwapPenalty\" : [0-9.]+", "\"unservedSwapPenalty\" : -1"); // the pack type's
        asOperator().contentType(ContentType.JSON).body(broken).post("/api/v1/plans/solve")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.path", hasItems("horizon.slotMinutes", "packTypes[0].unservedSwapPenalty"));
        asOperator().contentType(ContentType.JSON).body(DEMO).queryParam("solver", "magic").post("/api/v1/plans/solve")
                .then().statusCode(400).body("errors[0].path", equalTo("solver"));
        asOperator().contentType(ContentType.JSON).body(DEMO).queryParam("timeLimit", "1h").post("/api/v1/plans/solve")
                .then().statusCode(400).body("errors[0].path", equalTo("timeLimit"));
        asOperator().contentType(ContentType.JSON).body(DEMO).queryParam("timeLimit", "soon").post("/api/v1/plans/solve")
                .then().statusCode(400).body("errors[0].path", equalTo("timeLimit"));
        asOperator().contentType(ContentType.JSON).body(DEMO).queryParam("gap", "2").post("/api/v1/plans/solve")
                .then().statusCode(400).body("errors[0].path", equalTo("gapTarget"));
        asOperator().contentType(ContentType.JSON).body("[1, 2]").post("/api/v1/plans/solve")
                .then().statusCode(400).contentType("application/problem+json");
        asOperator().contentType(ContentType.TEXT).body(DEMO).post("/api/v1/plans/solve")
                .then().statusCode(415).contentType("application/problem+json");
        asOperator().contentType(ContentType.JSON).body("{\"formatVersion\": 1, \"horizon\": {\"slots\": 1.5}}")
                .post("/api/v1/plans/solve").then().statusCode(400)
                .body("errors[0].path", equalTo("horizon.slots")).body("detail", containsString("horizon.slots"));
    }
}
