package io.swapflex.service.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.hamcrest.Matchers.containsString;

/**
 * The plan page's automatic sign-in refuses a client on another machine: here the service runs behind a reverse proxy
 * (address forwarding on, as its Javadoc asks), and the proxy forwards a request from 203.0.113.7.
 */
@QuarkusTest
@TestProfile(DevTokenRemoteTest.BehindAProxy.class)
class DevTokenRemoteTest {

    public static class BehindAProxy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.proxy.proxy-address-forwarding", "true",
                    "quarkus.http.proxy.allow-x-forwarded", "true");
        }
    }

    @Test
    void aClientOnAnotherMachineIsRefused403() {
        RestAssured.given().header("X-Forwarded-For", "203.0.113.7").post("/api/v1/dev/token").then().statusCode(403)
                .contentType("application/problem+json").body("detail", containsString("loopback"));
        RestAssured.given().header("X-Forwarded-For", "127.0.0.1").post("/api/v1/dev/token").then().statusCode(200);
    }
}
