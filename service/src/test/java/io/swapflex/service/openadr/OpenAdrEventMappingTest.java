package io.swapflex.service.openadr;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swapflex.datasets.examples.Examples;
import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.optimizer.contract.Horizon;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.service.openadr.EventMapping.StationMapping;
import io.swapflex.service.openadr.MappingOutcome.PayloadOutcome;
import io.swapflex.service.openadr.MappingOutcome.Result;
import io.swapflex.service.plan.GridSignal;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One event onto one station: the hourly demo station from 2026-11-27T00:00+07:00 (17:00Z the day before). */
class OpenAdrEventMappingTest {

    private static final Instant NOW = Instant.parse("2026-11-26T17:10:00Z");

    private static Problem station() {
        Problem demo = ContractJson.readProblem(Examples.json("demo-3bay-hourly"));
        return new Problem(demo.formatVersion(), "a", new Horizon("2026-11-27T00:00:00+07:00", 60, 24), demo.site(),
                demo.packTypes(), demo.bays(), demo.swapDemand(), demo.tariff(), demo.dispatchRequests(),
                demo.unservedSwapPenalty());
    }

    private static StationMapping map(String intervals) throws Exception {
        OpenAdrEvent event = OpenAdrEventReader.read(new ObjectMapper().readTree("""
                {"programID": "p", "targets": [{"type": "RESOURCE_NAME", "values": ["a"]}],
                 "payloadDescriptors": [{"payloadType": "EXPORT_PRICE", "currency": "THB"},
                                        {"payloadType": "PRICE", "currency": "EUR"}],
                 "intervalPeriod": {"start": "2026-11-27T18:00:00+07:00", "duration": "PT15M"},
                 "intervals": %s}
                """.formatted(intervals)), "a"::equals);
        return EventMapping.map(event, station(), NOW);
    }

    @Test
    void quarterHourSetpointsBindTheWholeHourlySlotAtTheirLargestAndEqualNeighboursJoin() throws Exception {
        StationMapping m = map("""
                [{"id": 0, "payloads": [{"type": "DISPATCH_SETPOINT", "values": [1.0]}]},
                 {"id": 1, "payloads": [{"type": "DISPATCH_SETPOINT", "values": [1.5]}]},
                 {"id": 2, "intervalPeriod": {"start": "2026-11-27T19:00:00+07:00", "duration": "PT1H"},
                  "payloads": [{"type": "DISPATCH_SETPOINT", "values": [1.5]}]},
                 {"id": 3, "payloads": [{"type": "DISPATCH_SETPOINT", "values": [0]}]},
                 {"id": 4, "intervalPeriod": {"start": "2026-11-28T23:00:00+07:00", "duration": "PT1H"},
                  "payloads": [{"type": "DISPATCH_SETPOINT", "values": [1]}]}]
                """);
        assertEquals(1, m.runs().size(), m.runs().toString());
        EventMapping.DispatchRun run = m.runs().get(0);
        assertEquals(18, run.fromSlot());
        assertEquals(20, run.toSlot());
        assertEquals(1.5, run.kw());
        assertEquals(List.of(0, 1, 2), run.intervalIds());
        assertEquals(Instant.parse("2026-11-27T11:00:00Z"), run.from());
        PayloadOutcome zero = m.outcomes().stream().filter(o -> o.intervalIds().equals(List.of(3))).findFirst()
                .orElseThrow();
        assertEquals(Result.APPLIED, zero.result());
        PayloadOutcome beyond = m.outcomes().stream().filter(o -> o.intervalIds().equals(List.of(4))).findFirst()
                .orElseThrow();
        assertEquals(Result.DECLINED, beyond.result());
        assertTrue(beyond.reason().contains("planning horizon"), beyond.reason());
        assertTrue(m.signals().isEmpty());
    }

    @Test
    void pricesBecomeSignalsOverTheirIntervalsInTheStationsCurrencyOnly() throws Exception {
        StationMapping m = map("""
                [{"id": 0, "payloads": [{"type": "EXPORT_PRICE", "values": [12.0]}, {"type": "PRICE", "values": [0.3]}]},
                 {"id": 1, "intervalPeriod": {"start": "2026-11-26T00:00:00+07:00", "duration": "PT1H"},
                  "payloads": [{"type": "EXPORT_PRICE", "values": [5.0]}]}]
                """);
        assertEquals(List.of(new GridSignal(GridSignal.Kind.EXPORT_PRICE, Instant.parse("2026-11-27T11:00:00Z"),
                Instant.parse("2026-11-27T11:15:00Z"), 12.0)), m.signals());
        assertEquals(List.of(Result.APPLIED, Result.DECLINED, Result.PAST),
                m.outcomes().stream().map(PayloadOutcome::result).toList());
        assertTrue(m.outcomes().get(1).reason().contains("EUR"), m.outcomes().get(1).reason());
    }
}
