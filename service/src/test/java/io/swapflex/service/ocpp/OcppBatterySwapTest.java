package io.swapflex.service.ocpp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swapflex.service.station.BatteryEvent;
import io.swapflex.service.station.BayState;
import io.swapflex.service.station.ConflictException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static io.swapflex.service.standards.StandardSchemas.assertValidOcpp;
import static io.swapflex.service.standards.StandardSchemas.ocppErrors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** OCPP 2.1 BatterySwapRequest → the service's battery events, without the container. */
class OcppBatterySwapTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant AT = Instant.parse("2026-11-26T08:00:00Z");
    private static final List<BayState> BAYS = List.of(
            new BayState("bay-01", "2W", true, 0.95), new BayState("bay-02", "2W", false, null),
            new BayState("bay-03", "2W", true, 0.40));

    static JsonNode swap(String eventType, String batteries) throws Exception {
        return JSON.readTree("{\"eventType\": \"" + eventType + "\", \"requestId\": 42, "
                + "\"idToken\": {\"idToken\": \"rider-7\", \"type\": \"Central\"}, \"batteryData\": [" + batteries + "]}");
    }

    static String battery(int evseId, double soC) {
        return "{\"evseId\": " + evseId + ", \"serialNumber\": \"PK-" + evseId + "\", \"soC\": " + soC
                + ", \"soH\": 97.5}";
    }

    @Test
    void batteryOutEmptiesTheBayAndBatteryInBringsAPackWithItsSocAsAFraction() throws Exception {
        JsonNode out = swap("BatteryOut", battery(1, 96));
        assertValidOcpp("2.1", "BatterySwapRequest", out);
        List<BatteryEvent> events = BatterySwap.events(BatterySwap.read(out), BAYS, AT);
        assertEquals(List.of(new BatteryEvent(BatteryEvent.Kind.PACK_OUT, "bay-01", null, AT)), events);

        JsonNode in = swap("BatteryIn", battery(2, 18.5));
        assertValidOcpp("2.1", "BatterySwapRequest", in);
        BatteryEvent packIn = BatterySwap.events(BatterySwap.read(in), BAYS, AT).get(0);
        assertEquals(BatteryEvent.Kind.PACK_IN, packIn.kind());
        assertEquals("bay-02", packIn.bayId());
        assertEquals(0.185, packIn.socFraction(), 1e-12);

        JsonNode timeout = swap("BatteryOutTimeout", battery(1, 96));
        assertValidOcpp("2.1", "BatterySwapRequest", timeout);
        assertTrue(BatterySwap.events(BatterySwap.read(timeout), BAYS, AT).isEmpty());
    }

    /** Each malformed request is refused by the official schema and by the reader, naming the same field. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"eventType\": \"BatteryIn\", \"requestId\": 1, \"idToken\": {\"idToken\": \"x\", \"type\": \"Central\"}, \"batteryData\": [{\"evseId\": 1, \"serialNumber\": \"s\", \"soC\": 120, \"soH\": 90}]} | batteryData[0].soC",
            "{\"eventType\": \"BatteryIn\", \"requestId\": 1, \"idToken\": {\"idToken\": \"x\", \"type\": \"Central\"}, \"batteryData\": [{\"evseId\": -1, \"serialNumber\": \"s\", \"soC\": 20, \"soH\": 90}]} | batteryData[0].evseId",
            "{\"eventType\": \"BatteryIn\", \"requestId\": 1, \"idToken\": {\"idToken\": \"x\", \"type\": \"Central\"}, \"batteryData\": [{\"evseId\": \"one\", \"serialNumber\": \"s\", \"soC\": 20, \"soH\": 90}]} | batteryData[0].evseId",
            "{\"eventType\": \"BatteryIn\", \"requestId\": 1, \"idToken\": {\"idToken\": \"x\", \"type\": \"Central\"}, \"batteryData\": [{\"serialNumber\": \"s\", \"soC\": 20, \"soH\": 90}]} | batteryData[0].evseId",
            "{\"eventType\": \"BatteryIn\", \"requestId\": 1, \"idToken\": {\"idToken\": \"x\", \"type\": \"Central\"}, \"batteryData\": [{\"evseId\": 1, \"serialNumber\": \"s\", \"soC\": 20}]} | batteryData[0].soH",
            "{\"eventType\": \"BatteryIn\", \"requestId\": 1, \"idToken\": {\"idToken\": \"x\", \"type\": \"Central\"}, \"batteryData\": [{\"evseId\": 1, \"serialNumber\": \"s\", \"soC\": 20, \"soH\": 90, \"colour\": \"red\"}]} | batteryData[0]",
            "{\"eventType\": \"BatteryIn\", \"requestId\": 1, \"idToken\": {\"idToken\": \"x\", \"type\": \"Central\"}, \"batteryData\": []} | batteryData",
            "{\"eventType\": \"Exploded\", \"requestId\": 1, \"idToken\": {\"idToken\": \"x\", \"type\": \"Central\"}, \"batteryData\": [{\"evseId\": 1, \"serialNumber\": \"s\", \"soC\": 20, \"soH\": 90}]} | eventType",
            "{\"eventType\": \"BatteryIn\", \"requestId\": 1.5, \"idToken\": {\"idToken\": \"x\", \"type\": \"Central\"}, \"batteryData\": [{\"evseId\": 1, \"serialNumber\": \"s\", \"soC\": 20, \"soH\": 90}]} | requestId",
            "{\"eventType\": \"BatteryIn\", \"requestId\": 1, \"batteryData\": [{\"evseId\": 1, \"serialNumber\": \"s\", \"soC\": 20, \"soH\": 90}]} | idToken",
            "{\"eventType\": \"BatteryIn\", \"requestId\": 1, \"idToken\": {\"idToken\": \"x\"}, \"batteryData\": [{\"evseId\": 1, \"serialNumber\": \"s\", \"soC\": 20, \"soH\": 90}]} | idToken.type",
            "{\"eventType\": \"BatteryIn\", \"requestId\": 1, \"idToken\": {\"idToken\": \"x\", \"type\": \"Central\"}, \"batteryData\": [{\"evseId\": 1, \"serialNumber\": \"s\", \"soC\": 20, \"soH\": 90, \"productionDate\": \"last year\"}]} | batteryData[0].productionDate",
    })
    void malformedRequestsFailTheSchemaAndTheReaderNamingTheField(String json, String path) throws Exception {
        JsonNode payload = JSON.readTree(json);
        assertFalse(ocppErrors("2.1", "BatterySwapRequest", payload).isEmpty(),
                "the official schema refuses it too: " + json);
        OcppPayloadException e = assertThrows(OcppPayloadException.class, () -> BatterySwap.read(payload));
        assertEquals(OcppPayloadException.FORMAT_VIOLATION, e.errorCode());
        assertTrue(e.errors().stream().anyMatch(m -> m.startsWith(path + " ") || m.startsWith(path + ":")),
                () -> "expected an error at " + path + ", got " + e.errors());
    }

    @Test
    void anEvseIdThatIsNoBayIsAPropertyConstraintViolationNamingIt() throws Exception {
        JsonNode payload = swap("BatteryIn", battery(2, 20) + "," + battery(9, 30));
        assertValidOcpp("2.1", "BatterySwapRequest", payload);
        OcppPayloadException e = assertThrows(OcppPayloadException.class,
                () -> BatterySwap.events(BatterySwap.read(payload), BAYS, AT));
        assertEquals(OcppPayloadException.PROPERTY_CONSTRAINT_VIOLATION, e.errorCode());
        assertTrue(e.errors().get(0).startsWith("batteryData[1].evseId 9 is no bay"), e.errors()::toString);
        OcppPayloadException zero = assertThrows(OcppPayloadException.class,
                () -> BatterySwap.events(BatterySwap.read(swap("BatteryOut", battery(0, 90))), BAYS, AT));
        assertTrue(zero.errors().get(0).startsWith("batteryData[0].evseId 0"), zero.errors()::toString);
    }

    @Test
    void aSwapThatContradictsTheBaysIsAConflictAndNothingIsApplied() throws Exception {
        ConflictException in = assertThrows(ConflictException.class,
                () -> BatterySwap.events(BatterySwap.read(swap("BatteryIn", battery(1, 20))), BAYS, AT));
        assertTrue(in.getMessage().contains("already holds a pack"));
        assertThrows(ConflictException.class,
                () -> BatterySwap.events(BatterySwap.read(swap("BatteryOut", battery(3, 90) + "," + battery(2, 90))),
                        BAYS, AT));
    }

    @Test
    void theOptionalFieldsAreReadAndCustomDataIsOpen() throws Exception {
        JsonNode payload = JSON.readTree("{\"eventType\": \"BatteryOut\", \"requestId\": 7, \"customData\": "
                + "{\"vendorId\": \"acme\", \"anything\": 1}, \"idToken\": {\"idToken\": \"x\", \"type\": \"Central\", "
                + "\"additionalInfo\": [{\"additionalIdToken\": \"y\", \"type\": \"fleet\"}]}, \"batteryData\": "
                + "[{\"evseId\": 3, \"serialNumber\": \"s\", \"soC\": 99, \"soH\": 90, \"productionDate\": "
                + "\"2025-01-01T00:00:00Z\", \"vendorInfo\": \"v\"}]}");
        assertValidOcpp("2.1", "BatterySwapRequest", payload);
        BatterySwap.Request request = BatterySwap.read(payload);
        assertEquals(7, request.requestId());
        BatteryEvent out = BatterySwap.events(request, BAYS, AT).get(0);
        assertEquals("bay-03", out.bayId());
        assertNull(out.socFraction());
    }
}
