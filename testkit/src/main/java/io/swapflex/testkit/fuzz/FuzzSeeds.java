package io.swapflex.testkit.fuzz;

import io.swapflex.datasets.examples.Examples;
import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.optimizer.contract.Problem;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the fuzzer starts from for each endpoint: a valid document (which it breaks in many ways) or none, and the
 * query a valid request carries. Every endpoint of the OpenAPI document must have a profile here: a new endpoint
 * without one makes {@link Fuzzer#run} refuse to start, so that no endpoint goes unfuzzed.
 */
public final class FuzzSeeds {

    /**
     * How to fuzz one endpoint.
     *
     * @param body  a valid JSON body, or null for an endpoint that takes none
     * @param query the query of a valid request (may be empty), kept while the body is broken
     */
    public record Profile(String body, String query) {
    }

    private FuzzSeeds() {
    }

    /**
     * The profiles by {@code METHOD /path/{template}}, the path values filled in later.
     *
     * @param station a registered station (the fuzzer's own)
     */
    public static Map<String, Profile> profiles(String station) {
        String problem = problem(station);
        String start = LocalDate.now(ZoneOffset.UTC).plusDays(3) + "T00:00:00+07:00";
        String end = LocalDate.now(ZoneOffset.UTC).plusDays(3) + "T01:00:00+07:00";
        Map<String, Profile> p = new LinkedHashMap<>();
        p.put("POST /api/v1/stations", new Profile(problem, ""));
        p.put("GET /api/v1/stations", new Profile(null, ""));
        p.put("GET /api/v1/stations/{id}", new Profile(null, ""));
        p.put("GET /api/v1/stations/{id}/registration", new Profile(null, ""));
        p.put("POST /api/v1/stations/{id}/events", new Profile(
                "{\"kind\": \"SOC\", \"bayId\": \"bay-01\", \"socFraction\": 0.5}", ""));
        p.put("GET /api/v1/stations/{id}/events", new Profile(null, "limit=10"));
        p.put("GET /api/v1/stations/{id}/schedule", new Profile(null, ""));
        p.put("GET /api/v1/stations/{id}/plan", new Profile(null, ""));
        p.put("GET /api/v1/stations/{id}/plans", new Profile(null, ""));
        p.put("GET /api/v1/stations/{id}/plans/{version}/problem", new Profile(null, ""));
        p.put("GET /api/v1/stations/{id}/flexibility", new Profile(null, ""));
        p.put("GET /api/v1/flexibility", new Profile(null, ""));
        p.put("POST /api/v1/plans/solve", new Profile(problem, "solver=greedy"));
        p.put("POST /api/v1/dispatch-requests", new Profile("{\"stationId\": \"" + station + "\", \"from\": \"" + start
                + "\", \"to\": \"" + end + "\", \"exportKw\": 0.5, \"rewardPerKwh\": 1.0, \"firm\": false}", ""));
        p.put("GET /api/v1/dispatch-requests", new Profile(null, ""));
        p.put("GET /api/v1/dispatch-requests/{id}", new Profile(null, ""));
        p.put("POST /api/v1/openadr3/events", new Profile("""
                {"programID": "fuzz", "eventName": "fuzz event",
                 "targets": [{"type": "RESOURCE_NAME", "values": ["%s"]}],
                 "payloadDescriptors": [{"payloadType": "PRICE", "units": "KWH", "currency": "THB"}],
                 "intervalPeriod": {"start": "%s", "duration": "PT1H"},
                 "intervals": [{"id": 0, "payloads": [{"type": "PRICE", "values": [4.5]}]}]}
                """.formatted(station, start), ""));
        p.put("GET /api/v1/openadr3/events", new Profile(null, ""));
        p.put("GET /api/v1/openadr3/events/{id}", new Profile(null, ""));
        p.put("GET /api/v1/openadr3/reports", new Profile(null, "station=" + station));
        p.put("GET /api/v1/openadr3/ven", new Profile(null, ""));
        p.put("POST /api/v1/openadr3/ven/notifications", new Profile("""
                {"objectType": "EVENT", "operation": "POST", "object": {"programID": "fuzz", "id": "fuzz-1"}}
                """, ""));
        p.put("PUT /api/v1/stations/{id}/forecast", new Profile("{\"importPricePerKwh\": " + prices(24, 4.0)
                + ", \"note\": \"fuzz\"}", ""));
        p.put("GET /api/v1/stations/{id}/forecast", new Profile(null, ""));
        p.put("GET /api/v1/stations/{id}/forecast/versions", new Profile(null, ""));
        p.put("POST /api/v1/stations/{id}/forecast/compute", new Profile(null, ""));
        p.put("POST /api/v1/whatif", new Profile("{\"stationId\": \"" + station + "\", \"solver\": \"greedy\", "
                + "\"timeLimit\": \"200ms\", \"scenarios\": [{\"name\": \"export x2\", \"exportPriceScale\": 2}]}", ""));
        p.put("GET /api/v1/whatif", new Profile(null, ""));
        p.put("GET /api/v1/whatif/{id}", new Profile(null, ""));
        p.put("GET /api/v1/whatif/{id}/scenarios/{name}/plan", new Profile(null, ""));
        p.put("GET /api/v1/whatif/{id}/scenarios/{name}/problem", new Profile(null, ""));
        p.put("POST /api/v1/fleet-plans", new Profile("{\"formatVersion\": 1, \"fleetId\": \"fuzz\", \"stations\": ["
                + problem + "], \"feeders\": [{\"id\": \"f1\", \"stations\": [\"" + station
                + "\"], \"importLimitKw\": 50}]}", "timeLimit=1s"));
        p.put("GET /api/v1/fleet-plans", new Profile(null, ""));
        p.put("GET /api/v1/fleet-plans/{id}", new Profile(null, ""));
        p.put("GET /api/v1/fleet-plans/{id}/stations/{stationId}/plan", new Profile(null, ""));
        p.put("GET /api/v1/stations/{id}/ocpp/charging-profiles", new Profile(null, ""));
        p.put("POST /api/v1/stations/{id}/ocpp/battery-swap", new Profile("""
                {"eventType": "BatteryOutTimeout", "requestId": 21, "idToken": {"idToken": "rider-9", "type": "Central"},
                 "batteryData": [{"evseId": 1, "serialNumber": "PK-0001", "soC": 96, "soH": 98.5}]}""", ""));
        p.put("GET /api/v1/stations/{id}/ocpp/sessions", new Profile(null, ""));
        p.put("PUT /api/v1/stations/{id}/ocpp/credentials", new Profile("{\"password\": \"fuzz-password-0123456789\"}",
                ""));
        p.put("POST /api/v1/dev/token", new Profile(null, ""));
        return p;
    }

    /** The demo example under the fuzzer's station id: a valid registration and solve body. */
    public static String problem(String station) {
        Problem demo = ContractJson.readProblem(Examples.json("demo-3bay-hourly"));
        return ContractJson.write(new Problem(demo.formatVersion(), station, demo.horizon(), demo.site(),
                demo.packTypes(), demo.bays(), demo.swapDemand(), demo.tariff(), demo.dispatchRequests(),
                demo.unservedSwapPenalty()));
    }

    private static String prices(int n, double value) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            s.append(i == 0 ? "" : ", ").append(value);
        }
        return s.append(']').toString();
    }
}
