package io.swapflex.service.ocpp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.service.plan.Replanner;
import io.swapflex.service.rest.Api;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.http.WebSocketHandshakeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;

import static io.swapflex.service.rest.Api.as;
import static io.swapflex.service.standards.StandardSchemas.assertValidOcpp;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** OCPP-J over a real WebSocket on loopback: a test charging station talks to the service as to its CSMS. */
@QuarkusTest
class OcppWebSocketTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String BOOT = "{\"reason\":\"PowerUp\",\"chargingStation\":{\"model\":\"SwapCab-3\","
            + "\"vendorName\":\"Acme\"}}";

    @Inject
    Replanner replanner;

    @Test
    void aStationBootsBeatsSwapsAndIsSentTheNewPlansProfiles() throws Exception {
        String id = Api.register(Api.futureDemo("ocpp-ws"), replanner);
        try (OcppTestStation station = OcppTestStation.connect(RestAssured.port, id, Api.stationToken(id), "ocpp2.1")) {
            assertEquals("ocpp2.1", station.subprotocol());

            JsonNode boot = station.call("BootNotification", BOOT);
            assertEquals(3, boot.get(0).asInt());
            assertEquals("Accepted", boot.get(2).get("status").asText());
            assertEquals(300, boot.get(2).get("interval").asInt());
            assertFalse(boot.get(2).get("currentTime").asText().isEmpty());
            assertEquals(List.of(1, 1, 1), scheduleIds(station, 3), "after boot: plan 1's profiles, one per bay");

            JsonNode heartbeat = station.call("Heartbeat", "{}");
            assertTrue(heartbeat.get(2).has("currentTime"));
            assertEquals("{}", station.call("StatusNotification", "{\"timestamp\":\"2026-11-26T08:00:00Z\","
                    + "\"connectorStatus\":\"Occupied\",\"evseId\":1,\"connectorId\":1}").get(2).toString());

            String swap = "{\"eventType\":\"BatteryOut\",\"requestId\":21,\"idToken\":{\"idToken\":\"rider-9\","
                    + "\"type\":\"Central\"},\"batteryData\":[{\"evseId\":1,\"serialNumber\":\"PK-0001\",\"soC\":96,"
                    + "\"soH\":98.5}]}";
            assertValidOcpp("2.1", "BatterySwapRequest", JSON.readTree(swap));
            JsonNode swapped = station.call("BatterySwap", swap);
            assertEquals(3, swapped.get(0).asInt(), swapped::toString);
            assertValidOcpp("2.1", "BatterySwapResponse", swapped.get(2));

            List<JsonNode> pushed = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                pushed.add(station.nextProfileCall().get(3));
            }
            assertEquals(List.of(2, 2, 2), pushed.stream()
                    .map(p -> p.at("/chargingProfile/chargingSchedule/0/id").asInt()).toList(), "plan 2's profiles");
            assertEquals("Idle", pushed.get(0).at("/chargingProfile/chargingSchedule/0/chargingSchedulePeriod/0/operationMode")
                    .asText(), "bay-01 was emptied: its profile keeps it idle");
            Plan v2 = OcppApiTest.checkedPlan(id, 2);
            assertFalse(v2.bays().stream().anyMatch(b -> b.id().equals("bay-01")));

            JsonNode bad = station.call("BatterySwap", swap.replace("\"evseId\":1", "\"evseId\":9"));
            assertEquals("[4,\"" + bad.get(1).asText() + "\",\"PropertyConstraintViolation\"", bad.toString()
                    .substring(0, bad.toString().indexOf("PropertyConstraintViolation") + 28));
            assertEquals("batteryData[0].evseId", bad.get(4).get("errors").get(0).get("path").asText());
            assertEquals("Accepted", station.call("Authorize", "{\"idToken\":{\"idToken\":\"rider-9\",\"type\":"
                    + "\"Central\"}}").get(2).at("/idTokenInfo/status").asText());
            assertEquals("NotImplemented", station.call("DataTransfer", "{\"vendorId\":\"Acme\"}").get(2).asText());

            String transcript = String.join("\n", station.transcript());
            System.out.println("OCPP-J session transcript (station's view):\n" + transcript);
            Path out = Path.of("target", "ocpp-examples");
            Files.createDirectories(out);
            Files.writeString(out.resolve("websocket-transcript.txt"), transcript + "\n");
        }
        // The CSMS's own record of the session, as an operator reads it.
        as(Api.stationToken(id)).get("/api/v1/stations/" + id + "/ocpp/sessions").then().statusCode(200)
                .body("[0].subprotocol", equalTo("ocpp2.1")).body("[0].booted", equalTo(true))
                .body("[0].profilesAccepted", equalTo(6))
                .body("[0].transcript.size()", greaterThanOrEqualTo(24));
    }

    @Test
    void a201StationGetsChargeOnlyProfilesAndNoBatterySwap() throws Exception {
        String id = Api.register(Api.futureDemo("ocpp-ws201"), replanner);
        try (OcppTestStation station = OcppTestStation.connect(RestAssured.port, id, Api.stationToken(id), "ocpp2.0.1")) {
            assertEquals("ocpp2.0.1", station.subprotocol());
            assertEquals("Accepted", station.call("BootNotification", BOOT).get(2).get("status").asText());
            for (int i = 0; i < 3; i++) {
                assertValidOcpp("2.0.1", "SetChargingProfileRequest", station.nextProfileCall().get(3));
            }
            assertEquals("NotImplemented", station.call("BatterySwap", "{}").get(2).asText());
        }
    }

    @Test
    void theUpgradeNeedsThisStationsTokenAndAnOcppSubprotocol() throws Exception {
        String id = Api.register(Api.futureDemo("ocpp-ws-auth"), replanner);
        assertEquals(401, refused(id, null, "ocpp2.1"));
        assertEquals(401, refused(id, "not-a-jwt", "ocpp2.1"));
        assertEquals(403, refused(id, Api.stationToken("another-station"), "ocpp2.1"));
        assertEquals(403, refused(id, Api.token("analyst"), "ocpp2.1"));
        assertEquals(400, refused(id, Api.stationToken(id), null));
        assertEquals(400, refused(id, Api.stationToken(id), "ocpp1.6"));
        assertEquals(404, refused("no-such-station", Api.token("operator"), "ocpp2.1"));
        try (OcppTestStation operator = OcppTestStation.connect(RestAssured.port, id, Api.token("operator"), "ocpp2.1")) {
            assertEquals("ocpp2.1", operator.subprotocol());
        }
    }

    private static int refused(String stationId, String token, String subprotocol) {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> OcppTestStation.connect(RestAssured.port, stationId, token, subprotocol).close());
        WebSocketHandshakeException handshake = assertInstanceOf(WebSocketHandshakeException.class, e.getCause());
        return handshake.getResponse().statusCode();
    }

    private static List<Integer> scheduleIds(OcppTestStation station, int n) throws Exception {
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            JsonNode call = station.nextProfileCall();
            assertValidOcpp("2.1", "SetChargingProfileRequest", call.get(3));
            assertValidOcpp("2.1", "SetChargingProfileResponse", JSON.readTree("{\"status\":\"Accepted\"}"));
            assertEquals(i + 1, call.get(3).get("evseId").asInt());
            ids.add(call.get(3).at("/chargingProfile/chargingSchedule/0/id").asInt());
        }
        return ids;
    }
}
