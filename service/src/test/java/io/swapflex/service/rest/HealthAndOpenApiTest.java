package io.swapflex.service.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.swapflex.datasets.examples.Examples;
import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.service.plan.Replanner;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

@QuarkusTest
class HealthAndOpenApiTest {

    @Inject
    Replanner replanner;

    @Test
    void liveAndReadyOnceEveryStationHasAPlan() throws Exception {
        RestAssured.get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        for (String name : Examples.names()) {
            Api.awaitPlanned(replanner, ContractJson.readProblem(Examples.json(name)).stationId());
        }
        RestAssured.get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.find { it.name == 'plans' }.data.withoutPlan", equalTo(""));
    }

    @Test
    void theOpenApiDocumentListsTheEndpoints() {
        RestAssured.given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body(containsString("/api/v1/stations/{id}/schedule"))
                .body(containsString("/api/v1/plans/solve"))
                .body("components.schemas.Problem.properties.packTypes.type", equalTo("array"))
                .body("components.schemas.EventRequest.properties.socFraction.type", equalTo("number"))
                // a flexibility answer says what its figures rest on
                .body("components.schemas.Basis.enum", hasItems("PROVEN", "PREVIOUS_PLAN", "PHYSICAL_BOUND"))
                .body("components.schemas.Basis.description", containsString("PHYSICAL_BOUND (nothing proven yet"));
    }
}
