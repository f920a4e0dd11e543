package io.swapflex.service.ocpp;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.swapflex.service.plan.Replanner;
import io.swapflex.service.rest.Api;
import io.swapflex.service.station.BayState;
import io.swapflex.service.station.StationService;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The routine messages a cabinet sends, over a real WebSocket: MeterValues (the SoC becomes the bay's SOC, energy
 * registers are stored), the reports that are kept as they came, and Authorize by the configured rule. (Their answers
 * are validated against the official schemas by the ocpp-rpc cabinet in strict mode, OcppRpcInteropTest.)
 */
@QuarkusTest
class OcppRoutineMessagesTest {

    @Inject
    Replanner replanner;

    @Inject
    StationService stations;

    @Inject
    OcppReports reports;

    @Test
    void meterValuesSetTheBaysSocAndKeepTheEnergyRegisters() throws Exception {
        String id = Api.register(Api.futureDemo("ocpp-meter"), replanner);
        BayState before = stations.get(id).bays().get(1);
        assertTrue(before.packPresent(), "bay-02 holds a pack in the demo");
        try (OcppTestStation station = OcppTestStation.connect(RestAssured.port, id, Api.stationToken(id), "ocpp2.1")) {
            station.call("BootNotification", OcppWebSocketTest.BOOT);
            JsonNode answer = station.call("MeterValues", """
                    {"evseId": 2, "meterValue": [
                      {"timestamp": "2026-11-26T08:00:00Z", "sampledValue": [
                        {"value": 41, "measurand": "SoC", "unitOfMeasure": {"unit": "Percent"}},
                        {"value": 12.5, "measurand": "Energy.Active.Import.Register", "unitOfMeasure": {"unit": "kWh", "multiplier": 3}}]},
                      {"timestamp": "2026-11-26T08:15:00Z", "sampledValue": [
                        {"value": 43.5, "measurand": "SoC"},
                        {"value": 12900},
                        {"value": 230.1, "measurand": "Voltage"}]}]}""");
            assertEquals("[3,\"" + answer.get(1).asText() + "\",{}]", answer.toString());

            JsonNode empty = station.call("MeterValues", "{\"evseId\": 9, \"meterValue\": [{\"timestamp\": "
                    + "\"2026-11-26T08:00:00Z\", \"sampledValue\": [{\"value\": 1}]}]}");
            assertEquals("PropertyConstraintViolation", empty.get(2).asText(), empty::toString);
        }
        assertEquals(0.435, stations.get(id).bays().get(1).socFraction(), 1e-12, "the last SoC, as a fraction");

        List<OcppReports.MeterReading> readings = reports.readings(id);
        assertEquals(2, readings.size(), readings::toString);
        assertEquals(new OcppReports.MeterReading(2, "Energy.Active.Import.Register", null, null, 12_500.0, "kWh",
                java.time.Instant.parse("2026-11-26T08:00:00Z")), readings.get(0), "scaled by the multiplier");
        assertEquals(12_900.0, readings.get(1).value());
        assertEquals("Wh", readings.get(1).unit(), "OCPP's default unit");
        assertEquals(1, reports.reports(id, "MeterValues").size(), "the refused one is not kept");
    }

    @Test
    void reportsAreKeptAndAuthorizeAcceptsRidersTokens() throws Exception {
        String id = Api.register(Api.futureDemo("ocpp-reports"), replanner);
        try (OcppTestStation station = OcppTestStation.connect(RestAssured.port, id, Api.stationToken(id), "ocpp2.1")) {
            station.call("BootNotification", OcppWebSocketTest.BOOT);
            String event = "{\"generatedAt\": \"2026-11-26T08:00:00Z\", \"seqNo\": 0, \"eventData\": [{\"eventId\": 1, "
                    + "\"timestamp\": \"2026-11-26T08:00:00Z\", \"trigger\": \"Delta\", \"actualValue\": \"Faulted\", "
                    + "\"eventNotificationType\": \"HardWiredNotification\", \"component\": {\"name\": \"Connector\"}, "
                    + "\"variable\": {\"name\": \"Problem\"}}]}";
            assertEquals("{}", station.call("NotifyEvent", event).get(2).toString());
            assertEquals("{}", station.call("SecurityEventNotification", "{\"type\": \"StartupOfTheDevice\", "
                    + "\"timestamp\": \"2026-11-26T08:00:00Z\"}").get(2).toString());
            assertEquals("{}", station.call("FirmwareStatusNotification", "{\"status\": \"Installed\", "
                    + "\"requestId\": 3}").get(2).toString());
            assertEquals("Accepted", station.call("Authorize", "{\"idToken\": {\"idToken\": \"rider-9\", "
                    + "\"type\": \"ISO14443\"}}").get(2).at("/idTokenInfo/status").asText());
            assertEquals("Invalid", station.call("Authorize", "{\"idToken\": {\"idToken\": \"\", "
                    + "\"type\": \"ISO14443\"}}").get(2).at("/idTokenInfo/status").asText(), "the rule: .+");
        }
        List<OcppReports.Report> kept = reports.reports(id, "NotifyEvent");
        assertEquals(1, kept.size());
        assertTrue(kept.get(0).payload().contains("\"actualValue\":\"Faulted\""), kept.get(0).payload());
        assertEquals(1, reports.reports(id, "SecurityEventNotification").size());
        assertEquals(1, reports.reports(id, "FirmwareStatusNotification").size());
    }
}
