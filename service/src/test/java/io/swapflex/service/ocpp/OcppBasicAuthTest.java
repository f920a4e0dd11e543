package io.swapflex.service.ocpp;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.swapflex.service.plan.Replanner;
import io.swapflex.service.rest.Api;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.http.WebSocketHandshakeException;
import java.util.concurrent.ExecutionException;

import static io.swapflex.service.rest.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * OCPP security profile 1 over a real WebSocket: HTTP Basic on the upgrade with the station's id and the password an
 * operator set with {@code PUT /api/v1/stations/{id}/ocpp/credentials}.
 */
@QuarkusTest
class OcppBasicAuthTest {

    private static final String PASSWORD = "cabinet-secret-0001";

    @Inject
    Replanner replanner;

    @Inject
    OcppCredentials credentials;

    @Test
    void aStationWithItsPasswordConnectsAndBoots() throws Exception {
        String id = Api.register(Api.futureDemo("ocpp-basic"), replanner);
        setPassword(id, PASSWORD).then().statusCode(204);

        try (OcppTestStation station = OcppTestStation.connectBasic(RestAssured.port, id, id, PASSWORD, "ocpp2.1")) {
            assertEquals("Accepted", station.call("BootNotification", OcppWebSocketTest.BOOT).get(2).get("status")
                    .asText());
            assertEquals(1, station.nextProfileCall().get(3).get("evseId").asInt(), "the plan's profiles follow");
        }

        String stored = credentials.stored(id).orElseThrow();
        assertTrue(stored.startsWith(PasswordHash.SCHEME + "$"), stored);
        assertFalse(stored.contains(PASSWORD), "the password is stored as a salted hash only");
    }

    @Test
    void aWrongPasswordAnotherStationsIdOrNoPasswordIsRefused401() throws Exception {
        String id = Api.register(Api.futureDemo("ocpp-basic-refused"), replanner);
        String other = Api.register(Api.futureDemo("ocpp-basic-other"), replanner);
        assertEquals(401, refused(id, OcppTestStation.basic(id, PASSWORD)), "no password set yet");
        setPassword(id, PASSWORD).then().statusCode(204);
        setPassword(other, "other-secret-00000001").then().statusCode(204);

        assertEquals(401, refused(id, OcppTestStation.basic(id, PASSWORD + "x")));
        assertEquals(401, refused(id, OcppTestStation.basic(id, "")));
        assertEquals(401, refused(id, OcppTestStation.basic(other, "other-secret-00000001")), "another station's id");
        assertEquals(401, refused(id, "Basic !!not-base64!!"));
        assertEquals(401, refused("no-such-station", OcppTestStation.basic("no-such-station", PASSWORD)));

        // Rotated: the old password no longer opens a session, the new one does.
        setPassword(id, "rotated-secret-000002").then().statusCode(204);
        assertEquals(401, refused(id, OcppTestStation.basic(id, PASSWORD)));
        try (OcppTestStation station = OcppTestStation.connectBasic(RestAssured.port, id, id, "rotated-secret-000002",
                "ocpp2.1")) {
            assertEquals("ocpp2.1", station.subprotocol());
        }
        // Bearer tokens keep working beside Basic.
        try (OcppTestStation station = OcppTestStation.connect(RestAssured.port, id, Api.stationToken(id), "ocpp2.1")) {
            assertEquals("ocpp2.1", station.subprotocol());
        }
    }

    @Test
    void theRefusalOffersBasicAndBearer() throws Exception {
        String id = Api.register(Api.futureDemo("ocpp-basic-401"), replanner);
        java.net.http.HttpResponse<?> response = handshake(id, OcppTestStation.basic(id, "wrong-password-000000"))
                .getResponse();
        assertEquals(401, response.statusCode());
        assertTrue(response.headers().allValues("WWW-Authenticate").stream().anyMatch(v -> v.startsWith("Basic realm=")),
                response.headers().toString());
    }

    @Test
    void onlyOperatorsAndAdminsSetAPasswordOf16To40Characters() throws Exception {
        String id = Api.register(Api.futureDemo("ocpp-basic-put"), replanner);
        setPassword(id, "0123456789abcdef").then().statusCode(204);
        setPassword(id, "x".repeat(40)).then().statusCode(204);
        as(Api.token("admin")).contentType(ContentType.JSON).body("{\"password\": \"admin-set-password-01\"}")
                .put(path(id)).then().statusCode(204);

        setPassword(id, "too-short").then().statusCode(400).contentType(containsString("problem+json"))
                .body("errors[0].path", equalTo("password")).body("errors[0].message", containsString("16 to 40"));
        setPassword(id, "x".repeat(41)).then().statusCode(400).body("errors[0].path", equalTo("password"));
        setPassword(id, "with-a-newline\n-inside").then().statusCode(400).body("errors[0].path", equalTo("password"));
        operator().body("{\"password\": 12345678901234567}").put(path(id)).then().statusCode(400)
                .body("errors[0].path", equalTo("password"));
        operator().body("{}").put(path(id)).then().statusCode(400).body("errors[0].path", equalTo("password"));
        operator().body("{\"password\": \"0123456789abcdef\", \"user\": \"x\"}").put(path(id)).then()
                .statusCode(400).body("errors[0].path", equalTo("$"));
        operator().body("not json").put(path(id)).then().statusCode(400);

        as(Api.stationToken(id)).contentType(ContentType.JSON).body("{\"password\": \"0123456789abcdef\"}")
                .put(path(id)).then().statusCode(403);
        as(Api.token("analyst")).contentType(ContentType.JSON).body("{\"password\": \"0123456789abcdef\"}")
                .put(path(id)).then().statusCode(403);
        RestAssured.given().contentType(ContentType.JSON).body("{\"password\": \"0123456789abcdef\"}")
                .put(path(id)).then().statusCode(401);
        setPassword("no-such-station", "0123456789abcdef").then().statusCode(404);
    }

    static io.restassured.response.Response setPassword(String id, String password) {
        return operator().body("{\"password\": \"" + password.replace("\n", "\\n") + "\"}").put(path(id));
    }

    private static io.restassured.specification.RequestSpecification operator() {
        return as(Api.token("operator")).contentType(ContentType.JSON);
    }

    private static String path(String id) {
        return "/api/v1/stations/" + id + "/ocpp/credentials";
    }

    private static int refused(String stationId, String authorization) {
        return handshake(stationId, authorization).getResponse().statusCode();
    }

    private static WebSocketHandshakeException handshake(String stationId, String authorization) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> java.net.http.HttpClient.newHttpClient()
                .newWebSocketBuilder().header("Authorization", authorization).subprotocols("ocpp2.1")
                .buildAsync(java.net.URI.create("ws://localhost:" + RestAssured.port + "/ocpp/" + stationId),
                        new java.net.http.WebSocket.Listener() { }).get(20, java.util.concurrent.TimeUnit.SECONDS));
        return assertInstanceOf(WebSocketHandshakeException.class, e.getCause());
    }
}
