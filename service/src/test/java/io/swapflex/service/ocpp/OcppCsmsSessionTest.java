package io.swapflex.service.ocpp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swapflex.datasets.examples.Examples;
import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.service.station.BatteryEvent;
import io.swapflex.service.station.StoredEvent;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.swapflex.service.standards.StandardSchemas.assertValidOcpp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The OCPP-J protocol of one session, without socket or container. */
class OcppCsmsSessionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T08:00:00Z"), ZoneOffset.UTC);
    private static final String BOOT = "[2,\"b1\",\"BootNotification\",{\"reason\":\"PowerUp\","
            + "\"chargingStation\":{\"model\":\"SwapCab\",\"vendorName\":\"Acme\"}}]";

    private final Problem problem = ContractJson.readProblem(Examples.json("demo-3bay-hourly"));
    private final List<JsonNode> swaps = new ArrayList<>();
    private ChargingProfileSet current = ChargingProfiles.of(OcppChargingProfilesTest.planned(problem, 1),
            OcppChargingProfilesTest.bayIds(problem), OcppVersion.V2_1);

    private final CsmsSession session = new CsmsSession("demo", OcppVersion.V2_1, new CsmsSession.Csms() {
        @Override
        public Optional<ChargingProfileSet> currentProfiles(String stationId, OcppVersion version) {
            return Optional.ofNullable(current);
        }

        @Override
        public List<StoredEvent> batterySwap(String stationId, JsonNode payload) {
            List<BatteryEvent> events = BatterySwap.events(BatterySwap.read(payload), List.of(
                    new io.swapflex.service.station.BayState("bay-01", "2W", true, 0.9)), CLOCK.instant());
            swaps.add(payload);
            return events.stream().map(e -> new StoredEvent(1, stationId, 2, e, CLOCK.instant())).toList();
        }

        @Override
        public void meterValues(String stationId, JsonNode payload) {
            MeterValues.read(payload);
            reported.add("MeterValues");
        }

        @Override
        public void report(String stationId, String action, JsonNode payload) {
            reported.add(action);
        }

        @Override
        public boolean authorize(JsonNode idToken) {
            return idToken.path("idToken").asText().startsWith("rider-");
        }
    }, CLOCK);
    private final List<String> reported = new ArrayList<>();

    static JsonNode frame(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void bootIsAcceptedAndTheProfilesFollowOneCallAtATime() throws Exception {
        List<String> out = session.received(BOOT);
        assertEquals(2, out.size(), "the answer, then the first SetChargingProfile");
        JsonNode answer = frame(out.get(0));
        assertEquals(3, answer.get(0).asInt());
        assertEquals("b1", answer.get(1).asText());
        assertEquals("Accepted", answer.get(2).get("status").asText());
        assertEquals("2026-11-26T08:00:00Z", answer.get(2).get("currentTime").asText());
        assertEquals(300, answer.get(2).get("interval").asInt());

        for (int evse = 1; evse <= 3; evse++) {
            JsonNode call = frame(out.get(out.size() - 1));
            assertEquals(2, call.get(0).asInt());
            assertEquals("SetChargingProfile", call.get(2).asText());
            assertEquals(evse, call.get(3).get("evseId").asInt());
            assertValidOcpp("2.1", "SetChargingProfileRequest", call.get(3));
            out = session.received("[3,\"" + call.get(1).asText() + "\",{\"status\":\"Accepted\"}]");
            assertEquals(evse < 3 ? 1 : 0, out.size(), "the next CALL only after the answer");
        }
        assertEquals(3, session.profileAnswers()[0]);
    }

    @Test
    void heartbeatAndStatusNotificationAreAnsweredOthersNotImplemented() throws Exception {
        JsonNode heartbeat = frame(session.received("[2,\"h1\",\"Heartbeat\",{}]").get(0));
        assertEquals("[3,\"h1\",{\"currentTime\":\"2026-11-26T08:00:00Z\"}]", heartbeat.toString());
        JsonNode status = frame(session.received("[2,\"s1\",\"StatusNotification\",{\"timestamp\":"
                + "\"2026-11-26T08:00:00Z\",\"connectorStatus\":\"Available\",\"evseId\":1,\"connectorId\":1}]").get(0));
        assertEquals("[3,\"s1\",{}]", status.toString());
        JsonNode other = frame(session.received("[2,\"d1\",\"DataTransfer\",{\"vendorId\":\"x\"}]").get(0));
        assertEquals("NotImplemented", other.get(2).asText());
        assertEquals(5, other.size());
    }

    @Test
    void routineReportsAreKeptAndAcknowledgedAuthorizeFollowsTheRule() throws Exception {
        String[][] calls = {
                {"MeterValues", "{\"evseId\":1,\"meterValue\":[{\"timestamp\":\"2026-11-26T08:00:00Z\","
                        + "\"sampledValue\":[{\"value\":1234.5}]}]}", "{}"},
                {"NotifyEvent", "{\"generatedAt\":\"2026-11-26T08:00:00Z\",\"seqNo\":0,\"eventData\":[]}", "{}"},
                {"SecurityEventNotification", "{\"type\":\"StartupOfTheDevice\",\"timestamp\":\"2026-11-26T08:00:00Z\"}",
                        "{}"},
                {"FirmwareStatusNotification", "{\"status\":\"Installed\"}", "{}"},
                {"LogStatusNotification", "{\"status\":\"Uploaded\"}", "{}"},
                {"NotifyReport", "{\"requestId\":1,\"generatedAt\":\"2026-11-26T08:00:00Z\",\"seqNo\":0}", "{}"},
                {"TransactionEvent", "{\"eventType\":\"Started\",\"timestamp\":\"2026-11-26T08:00:00Z\","
                        + "\"triggerReason\":\"Authorized\",\"seqNo\":0,\"transactionInfo\":{\"transactionId\":\"t1\"},"
                        + "\"idToken\":{\"idToken\":\"rider-9\",\"type\":\"Central\"}}",
                        "{\"idTokenInfo\":{\"status\":\"Accepted\"}}"},
                {"Authorize", "{\"idToken\":{\"idToken\":\"rider-9\",\"type\":\"ISO14443\"}}",
                        "{\"idTokenInfo\":{\"status\":\"Accepted\"}}"},
                {"Authorize", "{\"idToken\":{\"idToken\":\"stranger\",\"type\":\"ISO14443\"}}",
                        "{\"idTokenInfo\":{\"status\":\"Invalid\"}}"}};
        for (String[] call : calls) {
            JsonNode answer = frame(session.received("[2,\"r\",\"" + call[0] + "\"," + call[1] + "]").get(0));
            assertEquals("[3,\"r\"," + call[2] + "]", answer.toString(), call[0]);
        }
        assertEquals(List.of("MeterValues", "NotifyEvent", "SecurityEventNotification", "FirmwareStatusNotification",
                "LogStatusNotification", "NotifyReport", "TransactionEvent"), reported);

        // Malformed: a FormatViolation naming the field, and nothing kept.
        JsonNode bad = frame(session.received("[2,\"b\",\"NotifyEvent\",{\"seqNo\":0}]").get(0));
        assertEquals("FormatViolation", bad.get(2).asText());
        assertEquals("generatedAt", bad.get(4).at("/errors/0/path").asText());
        assertEquals("FormatViolation", frame(session.received("[2,\"b2\",\"Authorize\",{}]").get(0)).get(2).asText());
        assertEquals("FormatViolation", frame(session.received("[2,\"b3\",\"MeterValues\",{\"evseId\":-1,"
                + "\"meterValue\":[]}]").get(0)).get(2).asText());
        assertEquals(7, reported.size());
    }

    @Test
    void badFramesGetTheRpcFrameworksErrors() throws Exception {
        assertEquals("RpcFrameworkError", frame(session.received("not json").get(0)).get(2).asText());
        assertEquals("-1", frame(session.received("{\"a\":1}").get(0)).get(1).asText());
        assertEquals("MessageTypeNotSupported", frame(session.received("[7,\"x1\",\"Heartbeat\",{}]").get(0)).get(2).asText());
        assertEquals("ProtocolError", frame(session.received("[2,\"x2\",\"Heartbeat\"]").get(0)).get(2).asText());
        assertEquals("FormatViolation", frame(session.received("[2,\"x3\",\"BootNotification\",{}]").get(0)).get(2).asText());
    }

    @Test
    void aBatterySwapIsAppliedAndAMalformedOneIsAFormatViolationNamingTheField() throws Exception {
        String ok = "[2,\"w1\",\"BatterySwap\",{\"eventType\":\"BatteryOut\",\"requestId\":5,\"idToken\":"
                + "{\"idToken\":\"r\",\"type\":\"Central\"},\"batteryData\":[{\"evseId\":1,\"serialNumber\":\"p\","
                + "\"soC\":96,\"soH\":99}]}]";
        JsonNode answer = frame(session.received(ok).get(0));
        assertEquals("[3,\"w1\",{}]", answer.toString());
        assertValidOcpp("2.1", "BatterySwapResponse", answer.get(2));
        assertEquals(1, swaps.size());

        JsonNode error = frame(session.received(ok.replace("\"soC\":96", "\"soC\":960")).get(0));
        assertEquals(4, error.get(0).asInt());
        assertEquals("FormatViolation", error.get(2).asText());
        assertEquals("batteryData[0].soC", error.get(4).get("errors").get(0).get("path").asText());

        JsonNode unknown = frame(session.received(ok.replace("\"evseId\":1", "\"evseId\":4")).get(0));
        assertEquals("PropertyConstraintViolation", unknown.get(2).asText());
        assertEquals("batteryData[0].evseId", unknown.get(4).get("errors").get(0).get("path").asText());
    }

    @Test
    void aNewerPlanReplacesProfilesNotSentYet() throws Exception {
        List<String> out = session.received(BOOT);
        String first = frame(out.get(1)).get(1).asText();
        current = ChargingProfiles.of(OcppChargingProfilesTest.planned(problem, 2),
                OcppChargingProfilesTest.bayIds(problem), OcppVersion.V2_1);
        assertTrue(session.planned(current).isEmpty(), "one CALL in flight: the new ones wait");
        List<Integer> scheduleIds = new ArrayList<>();
        out = session.received("[3,\"" + first + "\",{\"status\":\"Accepted\"}]");
        while (!out.isEmpty()) {
            JsonNode call = frame(out.get(0));
            scheduleIds.add(call.get(3).at("/chargingProfile/chargingSchedule/0/id").asInt());
            out = session.received("[3,\"" + call.get(1).asText() + "\",{\"status\":\"Accepted\"}]");
        }
        assertEquals(List.of(2, 2, 2), scheduleIds, "plan 1's two unsent profiles gave way to plan 2's three");
        assertTrue(session.transcript().size() >= 10);
    }
}
