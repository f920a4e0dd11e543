package io.swapflex.service.openadr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swapflex.optimizer.contract.InvalidProblemException;
import io.swapflex.service.openadr.OpenAdrEvent.PayloadType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpenAdrEventReaderTest {

    private static final Set<String> STATIONS = Set.of("a", "b");

    private static JsonNode json(String s) throws Exception {
        return new ObjectMapper().readTree(s);
    }

    private static OpenAdrEvent read(String s) throws Exception {
        return OpenAdrEventReader.read(json(s), STATIONS::contains);
    }

    private static List<String> errors(String s) throws Exception {
        return assertThrows(InvalidProblemException.class, () -> read(s)).errors();
    }

    private static void assertError(List<String> errors, String path) {
        assertTrue(errors.stream().anyMatch(e -> e.startsWith(path + " ")), path + " in " + errors);
    }

    @Test
    void intervalsWithoutAPeriodFollowOneAnotherFromTheEventsStart() throws Exception {
        OpenAdrEvent e = read("""
                {"programID": "p1", "targets": [{"type": "RESOURCE_NAME", "values": ["a", "b", "a"]}],
                 "payloadDescriptors": [{"payloadType": "DISPATCH_SETPOINT", "units": "W"}],
                 "intervalPeriod": {"start": "2026-11-27T18:00:00+07:00", "duration": "PT15M", "randomizeStart": "PT5M"},
                 "intervals": [{"id": 7, "payloads": [{"type": "DISPATCH_SETPOINT", "values": [1500]}]},
                               {"id": 8, "payloads": [{"type": "PRICE", "values": [4.2]}]},
                               {"id": 9, "intervalPeriod": {"start": "2026-11-27T20:00:00Z", "duration": "PT1H"},
                                "payloads": [{"type": "EXPORT_PRICE", "values": [9]}]},
                               {"id": 10, "payloads": [{"type": "EXPORT_PRICE", "values": [1]}]}]}
                """);
        assertEquals(List.of("a", "b"), e.stationIds());
        assertEquals(Instant.parse("2026-11-27T11:00:00Z"), e.intervals().get(0).start());
        assertEquals(Instant.parse("2026-11-27T11:15:00Z"), e.intervals().get(1).start());
        assertEquals(Duration.ofMinutes(15), e.intervals().get(1).duration());
        assertEquals(Instant.parse("2026-11-27T21:00:00Z"), e.intervals().get(2).end());
        assertEquals(Instant.parse("2026-11-27T21:00:00Z"), e.intervals().get(3).start(), "follows interval 9");
        assertEquals(Duration.ofMinutes(15), e.intervals().get(3).duration(), "the event's duration");
        assertEquals(1.5, e.intervals().get(0).payloads().get(0).value(), 1e-12, "1500 W is 1.5 kW");
        assertEquals(PayloadType.PRICE, e.intervals().get(1).payloads().get(0).type());
    }

    @Test
    void everyFaultIsReportedWithItsPath() throws Exception {
        List<String> errors = errors("""
                {"programID": "p 1", "targets": [{"type": "VEN_NAME", "values": ["x"]},
                                                 {"type": "RESOURCE_NAME", "values": ["a", "nowhere"]}],
                 "payloadDescriptors": [{"payloadType": "GHG"}, {"payloadType": "PRICE", "units": "MWH"},
                                        {"payloadType": "DISPATCH_SETPOINT", "units": "KVA"}],
                 "intervalPeriod": {"start": "2026-11-27T18:00:00+07:00", "duration": "PT1H"},
                 "intervals": [{"id": 0, "payloads": [{"type": "DISPATCH_SETPOINT", "values": [-1]}]},
                               {"id": 1, "payloads": [{"type": "PRICE", "values": [1, 2]}]},
                               {"id": 2, "intervalPeriod": {"start": "2026-11-27T20:00:00Z", "duration": "1h"},
                                "payloads": [{"type": "SIMPLE", "values": [1]}]},
                               {"id": 3, "intervalPeriod": {"start": "2026-11-27T20:00+07:00", "duration": "P1M"},
                                "payloads": [{"type": "PRICE", "values": [1]}, {"type": "PRICE", "values": [2]}]},
                               {"payloads": []}]}
                """);
        assertError(errors, "programID");
        assertError(errors, "targets[0].type");
        assertError(errors, "targets[1].values[1]");
        assertError(errors, "payloadDescriptors[0].payloadType");
        assertError(errors, "payloadDescriptors[1].units");
        assertError(errors, "payloadDescriptors[2].units");
        assertError(errors, "intervals[0].payloads[0].values[0]");
        assertError(errors, "intervals[1].payloads[0].values");
        assertError(errors, "intervals[2].intervalPeriod.duration");
        assertError(errors, "intervals[2].payloads[0].type");
        assertError(errors, "intervals[3].intervalPeriod.start");
        assertError(errors, "intervals[3].intervalPeriod.duration");
        assertError(errors, "intervals[3].payloads[1].type");
        assertError(errors, "intervals[4].id");
        assertError(errors, "intervals[4].payloads");
    }

    @Test
    void anEventNeedsTargetsIntervalsAndTimes() throws Exception {
        List<String> errors = errors("""
                {"programID": "p", "objectType": "PROGRAM",
                 "intervals": [{"id": 0, "payloads": [{"type": "PRICE", "values": [1]}]},
                               {"id": 1, "intervalPeriod": {"start": "2026-11-27T20:00:00Z", "duration": "PT0S"},
                                "payloads": [{"type": "PRICE", "values": [1]}]}]}
                """);
        assertError(errors, "objectType");
        assertError(errors, "targets");
        assertError(errors, "intervals[0].intervalPeriod.start");
        assertError(errors, "intervals[0].intervalPeriod.duration");
        assertError(errors, "intervals[1].intervalPeriod.duration");
        assertError(errors("[1, 2]"), "$");
        assertError(errors("{\"programID\": \"p\", \"targets\": [{\"type\": \"RESOURCE_NAME\", \"values\": [\"a\"]}]}"),
                "intervals");
    }

    @Test
    void aDurationBeyondALongOrTenYearsIsAFieldErrorNotACrash() throws Exception {
        for (String duration : new String[]{"P99999999999999999999D", "PT99999999999999999H", "P9999999999999999W",
                "P4000D"}) {
            List<String> errors = errors("""
                    {"programID": "p", "targets": [{"type": "RESOURCE_NAME", "values": ["a"]}],
                     "intervalPeriod": {"start": "2026-11-27T18:00:00+07:00", "duration": "%s"},
                     "intervals": [{"id": 0, "payloads": [{"type": "PRICE", "values": [4.5]}]}]}
                    """.formatted(duration));
            assertTrue(errors.contains("intervalPeriod.duration '" + duration + "' is longer than 3660 days"),
                    errors::toString);
        }
    }
}
