package io.swapflex.service.standards;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The OpenADR schema check itself: it passes a valid document and catches broken ones (so the other tests can fail). */
class OpenAdrSchemasTest {

    static final String EVENT = """
            {"programID": "dso-flex", "eventName": null, "priority": 0,
             "targets": [{"type": "RESOURCE_NAME", "values": ["bkk-01"]}],
             "payloadDescriptors": [{"objectType": "EVENT_PAYLOAD_DESCRIPTOR", "payloadType": "PRICE", "units": "KWH",
                                     "currency": "THB"}],
             "intervalPeriod": {"start": "2026-11-27T18:00:00+07:00", "duration": "PT1H"},
             "intervals": [{"id": 0, "payloads": [{"type": "PRICE", "values": [6.5]}]}]}
            """;

    @Test
    void aValidEventPassesWithNullableFieldsNull() {
        assertEquals(java.util.List.of(), OpenAdrSchemas.errors("event", EVENT));
    }

    @Test
    void anEventWithoutProgramIdFails() {
        assertFalse(OpenAdrSchemas.errors("event", EVENT.replace("\"programID\": \"dso-flex\",", "")).isEmpty());
    }

    @Test
    void aBadDurationAndABadStartFail() {
        assertFalse(OpenAdrSchemas.errors("event", EVENT.replace("PT1H", "1 hour")).isEmpty());
        assertFalse(OpenAdrSchemas.errors("event", EVENT.replace("2026-11-27T18:00:00+07:00", "tomorrow")).isEmpty(),
                "date-time format is asserted");
    }

    @Test
    void aPayloadWhoseValuesAreNotAListFailsDeepInsideTheRefs() {
        var errors = OpenAdrSchemas.errors("event", EVENT.replace("\"values\": [6.5]", "\"values\": 6.5"));
        assertFalse(errors.isEmpty());
        assertTrue(errors.toString().contains("intervals"), errors.toString());
    }

    @Test
    void aBadObjectIdAndANegativePriorityFail() {
        assertFalse(OpenAdrSchemas.errors("event", EVENT.replace("dso-flex", "dso flex!")).isEmpty());
        assertFalse(OpenAdrSchemas.errors("event", EVENT.replace("\"priority\": 0", "\"priority\": -1")).isEmpty());
    }

    @Test
    void aReportNeedsItsResourcesAndEachResourceItsIntervals() {
        String report = """
                {"programID": "p", "eventID": "e", "clientName": "swapflex",
                 "resources": [{"resourceName": "bkk-01", "intervals": [{"id": 0, "payloads": [
                   {"type": "STORAGE_CHARGE_LEVEL", "values": [0.5]}]}]}]}
                """;
        assertEquals(java.util.List.of(), OpenAdrSchemas.errors("report", report));
        assertFalse(OpenAdrSchemas.errors("report", report.replace("\"clientName\": \"swapflex\",", "")).isEmpty());
        assertFalse(OpenAdrSchemas.errors("report", report.replace("\"intervals\"", "\"slots\"")).isEmpty());
        assertFalse(OpenAdrSchemas.errors("report", report.replace("\"id\": 0", "\"id\": \"zero\"")).isEmpty());
    }

    @Test
    void anEventIsNotAReport() {
        assertFalse(OpenAdrSchemas.errors("report", EVENT).isEmpty(), "the wrapper validates the named component");
    }
}
