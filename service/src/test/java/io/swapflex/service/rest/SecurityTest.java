package io.swapflex.service.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;
import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.service.plan.Replanner;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;

import static io.swapflex.service.rest.Api.as;
import static io.swapflex.service.rest.Api.asOperator;
import static io.swapflex.service.rest.Api.stationToken;
import static io.swapflex.service.rest.Api.token;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

/** Bearer tokens: 401 without a valid one, 403 for a role or a station out of reach. */
@QuarkusTest
class SecurityTest {

    @Inject
    Replanner replanner;

    private String mine;
    private String other;

    @BeforeEach
    void twoStations() throws Exception {
        for (String prefix : new String[]{"sec-mine", "sec-other"}) {
            Problem p = Api.freshDemo(prefix);
            asOperator().contentType(ContentType.JSON).body(ContractJson.write(p)).post("/api/v1/stations")
                    .then().statusCode(201);
            Api.awaitPlanned(replanner, p.stationId());
            if (prefix.equals("sec-mine")) {
                mine = p.stationId();
            } else {
                other = p.stationId();
            }
        }
    }

    @Test
    void withoutAValidTokenEveryApiEndpointIs401() throws Exception {
        RestAssured.get("/api/v1/stations").then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer");
        RestAssured.get("/api/v1/stations/" + mine + "/schedule").then().statusCode(401);
        RestAssured.given().contentType(ContentType.JSON).body("{}").post("/api/v1/plans/solve").then().statusCode(401);
        RestAssured.given().contentType(ContentType.JSON).body("{\"kind\": \"PACK_OUT\", \"bayId\": \"bay-01\"}")
                .post("/api/v1/stations/" + mine + "/events").then().statusCode(401);
        as("not-a-jwt").get("/api/v1/stations").then().statusCode(401);

        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String forged = Jwt.issuer("swapflex-dev").subject("mallory").groups("admin").expiresIn(Duration.ofMinutes(5))
                .jws().sign(generator.generateKeyPair().getPrivate());
        as(forged).get("/api/v1/stations").then().statusCode(401);

        String expired = Jwt.issuer("swapflex-dev").subject("late").groups("admin")
                .issuedAt(Instant.now().minusSeconds(7200)).expiresAt(Instant.now().minusSeconds(3600))
                .jws().sign(Api.signingKey());
        as(expired).get("/api/v1/stations").then().statusCode(401);
    }

    @Test
    void healthNeedsNoToken() {
        RestAssured.get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void aStationTokenReachesItsOwnStationOnly() {
        String token = stationToken(mine);
        as(token).get("/api/v1/stations/" + mine + "/schedule").then().statusCode(200);
        as(token).get("/api/v1/stations/" + mine).then().statusCode(200);
        as(token).get("/api/v1/stations").then().statusCode(200).body("id", contains(mine));

        as(token).get("/api/v1/stations/" + other + "/schedule").then().statusCode(403)
                .contentType("application/problem+json").body("status", equalTo(403));
        as(token).get("/api/v1/stations/" + other).then().statusCode(403);
        as(token).get("/api/v1/stations/" + other + "/plan").then().statusCode(403);
        as(token).contentType(ContentType.JSON).body("{\"kind\": \"PACK_OUT\", \"bayId\": \"bay-01\"}")
                .post("/api/v1/stations/" + other + "/events").then().statusCode(403);
        Problem otherRegistration = ContractJson.readProblem(
                asOperator().get("/api/v1/stations/" + other + "/registration").asString());
        as(token).contentType(ContentType.JSON).body(ContractJson.write(otherRegistration)).post("/api/v1/stations")
                .then().statusCode(403);
        asOperator().get("/api/v1/stations/" + other).then().body("version", equalTo(1)).body("revision", equalTo(1));
    }

    @Test
    void aStationTokenMayReportEventsAndUpdateItsRegistration() throws Exception {
        String token = stationToken(mine);
        as(token).contentType(ContentType.JSON).body("{\"kind\": \"SOC\", \"bayId\": \"bay-02\", \"socFraction\": 0.9}")
                .post("/api/v1/stations/" + mine + "/events").then().statusCode(202);
        String registration = as(token).get("/api/v1/stations/" + mine + "/registration").asString();
        as(token).contentType(ContentType.JSON).body(registration).post("/api/v1/stations").then().statusCode(200);
        Api.awaitPlanned(replanner, mine);
    }

    @Test
    void rolesLimitWhatATokenMayDo() {
        String analyst = token("analyst");
        as(analyst).get("/api/v1/stations/" + other + "/schedule").then().statusCode(200);
        as(analyst).get("/api/v1/stations").then().statusCode(200);
        as(analyst).contentType(ContentType.JSON).body("{\"kind\": \"PACK_OUT\", \"bayId\": \"bay-01\"}")
                .post("/api/v1/stations/" + other + "/events").then().statusCode(403).contentType("application/problem+json");
        as(analyst).contentType(ContentType.JSON).body(ContractJson.write(Api.freshDemo("analyst")))
                .post("/api/v1/stations").then().statusCode(403);
        as(token("admin")).get("/api/v1/stations/" + other + "/plan").then().statusCode(200);
    }
}
