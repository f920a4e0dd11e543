package io.swapflex.service.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.swapflex.optimizer.contract.Bay;
import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.optimizer.contract.Horizon;
import io.swapflex.optimizer.contract.Problem;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static io.swapflex.service.rest.Api.asOperator;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The size limits over HTTP: what would make a solver or a parser explode is a 4xx problem+json naming the field and
 * the setting, before anything big is built from it. (The huge bodies go through java.net.http: RestAssured would
 * pretty-print them when an assertion fails.)
 */
@QuarkusTest
class SizeLimitsApiTest {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URL url;

    /** Posts the body as an operator; answers the status and the problem document (checked to be problem+json). */
    private JsonNode post(String path, byte[] body) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(url.toString().replaceAll("/$", "") + path))
                .header("Authorization", "Bearer " + Api.token("operator")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(PROBLEM_JSON, answer.headers().firstValue("Content-Type").orElse(""), answer.body());
        JsonNode problem = JSON.readTree(answer.body());
        assertEquals(answer.statusCode(), problem.path("status").asInt(), answer.body());
        return problem;
    }

    @Test
    void aHundredThousandBaysAreRefusedNamingTheSetting() throws Exception {
        Problem demo = Api.freshDemo("limits");
        List<Bay> bays = new ArrayList<>(Collections.nCopies(100_000, demo.bays().get(0)));
        Problem huge = new Problem(demo.formatVersion(), demo.stationId(), demo.horizon(), demo.site(), demo.packTypes(),
                bays, demo.swapDemand(), demo.tariff(), demo.dispatchRequests(), demo.unservedSwapPenalty());
        JsonNode problem = post("/api/v1/plans/solve", ContractJson.write(huge).getBytes(StandardCharsets.UTF_8));
        assertEquals(400, problem.path("status").asInt(), problem::toString);
        assertEquals("bays", problem.path("errors").path(0).path("path").asText(), problem::toString);
        assertEquals("has 100000 entries, at most 2000 allowed (swapflex.limits.max-bays)",
                problem.path("errors").path(0).path("message").asText(), problem::toString);
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
    void deepNestingIsRefusedByTheParserNamingTheSetting() throws Exception {
        String deep = "{\"programID\": \"p\", \"targets\": " + "[".repeat(100_000) + "]".repeat(100_000) + "}";
        JsonNode problem = post("/api/v1/openadr3/events", deep.getBytes(StandardCharsets.UTF_8));
        assertEquals(400, problem.path("status").asInt(), problem::toString);
        assertTrue(problem.path("detail").asText().contains("(64, from swapflex.limits.json-max-depth)"),
                problem::toString);
    }

    @Test
    void aBodyOverTheLimitIs413ProblemJsonBeforeItIsRead() throws Exception {
        byte[] body = new byte[11 << 20];
        java.util.Arrays.fill(body, (byte) ' ');
        JsonNode problem = post("/api/v1/plans/solve", body);
        assertEquals(413, problem.path("status").asInt(), problem::toString);
        assertTrue(problem.path("detail").asText().endsWith("at most 10485760 allowed (quarkus.http.limits.max-body-size)"),
                problem::toString);
    }

    @Test
    void unknownPathsAndMethodsAreProblemJson() {
        asOperator().get("/api/v1/no-such-thing").then().statusCode(404).contentType(PROBLEM_JSON)
                .body("status", equalTo(404));
        asOperator().contentType(ContentType.JSON).body("{}").patch("/api/v1/stations").then().statusCode(405)
                .contentType(PROBLEM_JSON).body("status", equalTo(405));
        asOperator().contentType("text/plain").body("{}").post("/api/v1/plans/solve").then().statusCode(415)
                .contentType(PROBLEM_JSON).body("status", equalTo(415));
        // Found by the fuzzer: a blank plan version in the path was a NullPointerException (500).
        asOperator().get("/api/v1/stations/demo-3bay/plans/%20/problem").then().statusCode(400)
                .contentType(PROBLEM_JSON).body("errors[0].path", equalTo("version"));
    }
}
