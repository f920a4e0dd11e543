package io.swapflex.service.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.swapflex.optimizer.contract.Bay;
import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.optimizer.contract.Horizon;
import io.swapflex.optimizer.contract.Problem;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static io.swapflex.service.rest.Api.asOperator;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * The size limits over HTTP: what would make a solver or a parser explode is a 4xx problem+json naming the field and
 * the setting, before anything big is built from it.
 */
@QuarkusTest
class SizeLimitsApiTest {

    private static final String PROBLEM_JSON = "application/problem+json";

    @Test
    void aHundredThousandBaysAreRefusedNamingTheSetting() {
        Problem demo = Api.freshDemo("limits");
        List<Bay> bays = new ArrayList<>(Collections.nCopies(100_000, demo.bays().get(0)));
        Problem huge = new Problem(demo.formatVersion(), demo.stationId(), demo.horizon(), demo.site(), demo.packTypes(),
                bays, demo.swapDemand(), demo.tariff(), demo.dispatchRequests(), demo.unservedSwapPenalty());
        asOperator().contentType(ContentType.JSON).body(ContractJson.write(huge)).post("/api/v1/plans/solve")
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("errors[0].path", equalTo("bays"))
                .body("errors[0].message", equalTo("has 100000 entries, at most 2000 allowed (swapflex.limits.max-bays)"));
    }

    @Test
    void aTenYearHorizonIsRefusedNamingTheSetting() {
        Problem demo = Api.freshDemo("limits");
        Problem decade = new Problem(demo.formatVersion(), demo.stationId(),
                new Horizon(demo.horizon().start(), 15, 10 * 365 * 96), demo.site(), demo.packTypes(), demo.bays(),
                demo.swapDemand(), demo.tariff(), demo.dispatchRequests(), demo.unservedSwapPenalty());
        asOperator().contentType(ContentType.JSON).body(ContractJson.write(decade)).post("/api/v1/stations")
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("errors[0].path", equalTo("horizon.slots"))
                .body("errors[0].message", equalTo("is 350400, at most 105120 allowed (swapflex.limits.max-slots)"));
    }

    @Test
    void deepNestingIsRefusedByTheParserNamingTheSetting() {
        String deep = "{\"programID\": \"p\", \"targets\": " + "[".repeat(100_000) + "]".repeat(100_000) + "}";
        asOperator().contentType(ContentType.JSON).body(deep).post("/api/v1/openadr3/events")
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("detail", containsString("swapflex.limits.json-max-depth"));
    }

    @Test
    void aBodyOverTheLimitIs413ProblemJsonBeforeItIsRead() {
        byte[] body = new byte[11 << 20];
        java.util.Arrays.fill(body, (byte) ' ');
        asOperator().contentType(ContentType.JSON).body(body).post("/api/v1/plans/solve")
                .then().statusCode(413).contentType(PROBLEM_JSON).body("status", equalTo(413))
                .body("detail", containsString("at most 10485760 allowed (quarkus.http.limits.max-body-size)"));
    }

    @Test
    void unknownPathsAndMethodsAreProblemJson() {
        asOperator().get("/api/v1/no-such-thing").then().statusCode(404).contentType(PROBLEM_JSON)
                .body("status", equalTo(404));
        asOperator().contentType(ContentType.JSON).body("{}").patch("/api/v1/stations").then().statusCode(405)
                .contentType(PROBLEM_JSON).body("status", equalTo(405));
        asOperator().contentType("text/plain").body("{}").post("/api/v1/plans/solve").then().statusCode(415)
                .contentType(PROBLEM_JSON).body("status", equalTo(415));
    }
}
