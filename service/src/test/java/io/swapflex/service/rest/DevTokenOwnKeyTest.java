package io.swapflex.service.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.swapflex.service.rest.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** A deployment with its own key hands out no development token, and development tokens do not open it. */
@QuarkusTest
@TestProfile(DevTokenOwnKeyTest.OwnKey.class)
class DevTokenOwnKeyTest {

    /** A public key of its own (test-keys/, its private key thrown away) and an issuer of its own. */
    public static class OwnKey implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mp.jwt.verify.publickey.location", "test-keys/otherPublicKey.pem",
                    "mp.jwt.verify.issuer", "https://keys.example");
        }
    }

    @Test
    void noDevelopmentTokenAndTheDevelopmentKeyOpensNothing() {
        RestAssured.given().post("/api/v1/dev/token").then().statusCode(404)
                .contentType("application/problem+json")
                .body("detail", containsString("identity provider"));
        as(Api.token("admin")).get("/api/v1/stations").then().statusCode(401);
        RestAssured.given().get("/").then().statusCode(200).body(containsString("<title>SwapFlex plans</title>"));
    }
}
