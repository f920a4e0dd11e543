package io.swapflex.service.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.service.plan.Replanner;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static io.swapflex.service.rest.Api.asOperator;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;

@QuarkusTest
class MetricsTest {

    @Inject
    Replanner replanner;

    @Test
    void aPlannedStationHasSolveTimeAgeGapUnservedSwapsAndVersionMetrics() throws Exception {
        Problem p = Api.freshDemo("metrics");
        asOperator().contentType(ContentType.JSON).body(ContractJson.write(p)).post("/api/v1/stations")
                .then().statusCode(201);
        Api.awaitPlanned(replanner, p.stationId());
        String tag = "station=\"" + p.stationId() + "\"";
        RestAssured.get("/q/metrics").then().statusCode(401);
        Api.as(Api.token("analyst")).get("/q/metrics").then().statusCode(200)
                .body(containsString("swapflex_plan_solve_seconds_count{" + tag))
                .body(matchesPattern("(?s).*swapflex_plan_age_seconds\\{" + tag + "} [0-9.E-]+\\n.*"))
                .body(containsString("swapflex_plan_gap{" + tag))
                .body(containsString("swapflex_plan_unserved_swaps{" + tag + "} 0.0"))
                .body(containsString("swapflex_plan_version{" + tag + "} 1.0"));
    }
}
