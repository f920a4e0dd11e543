package io.swapflex.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.swapflex.service.common.security.DevTokens;
import io.swapflex.service.rest.Api;
import io.swapflex.testkit.ServiceClient;
import io.swapflex.testkit.ServiceProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The packaged service run twice on the same data directory, as a real process: what the first instance stored
 * (stations, bay states, events, plan versions) is what the second serves, and the second re-plans at start-up the
 * station whose last event came after its last plan. The first start makes the installation's token key pair (the
 * old repository key opens nothing), the second keeps it.
 */
class RestartIT {

    private static final String STATION = "demo-3bay";
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private String token;

    @Test
    void storedStateSurvivesARestartAndAStaleStationIsReplannedAtStartUp(@TempDir Path dataDir) throws Exception {
        int port = ServiceProcess.freePort();
        // First instance: a 2 s debounce, so the last event below is stored but not planned before the stop.
        String publicKey;
        try (ServiceProcess first = start(dataDir, port, "2s")) {
            first.awaitReady(PATIENCE);
            // A fresh installation made its own key pair, for the service's user only, and takes tokens signed with
            // it (as ./swapflex token signs them) but not with the key pair the repository once shipped.
            Path keys = dataDir.resolve("keys");
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keys)));
            assertEquals("rw-------", PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(keys.resolve("privateKey.pem"))));
            publicKey = Files.readString(keys.resolve("publicKey.pem"));
            token = DevTokens.mint(dataDir, "operator", null, Duration.ofMinutes(30));
            assertEquals(401, new ServiceClient(first::uri, Api.signedWithTheOldRepositoryKey("admin"),
                    Duration.ofSeconds(10)).get("/api/v1/stations").status(), "the old repository key");
            ServiceClient api = client(first);
            JsonNode v1 = await(api, "/api/v1/stations/" + STATION + "/plan", plan -> plan.path("version").asInt() == 1);
            assertEquals(3, v1.path("plan").path("bays").size());
            post(api, "/api/v1/stations/" + STATION + "/events", "{\"kind\": \"PACK_OUT\", \"bayId\": \"bay-01\"}");
            JsonNode v2 = await(api, "/api/v1/stations/" + STATION + "/plan", plan -> plan.path("version").asInt() == 2);
            assertEquals(2, v2.path("plan").path("bays").size(), "plan 2 leaves out the emptied bay");
            post(api, "/api/v1/stations/" + STATION + "/events",
                    "{\"kind\": \"PACK_IN\", \"bayId\": \"bay-01\", \"socFraction\": 0.33}");
        }

        try (ServiceProcess second = start(dataDir, port, "50ms")) {
            // The token minted against the first start still opens the second: the key pair was kept.
            ServiceClient api = client(second);
            JsonNode v3 = await(api, "/api/v1/stations/" + STATION + "/plan", plan -> plan.path("version").asInt() == 3);
            assertEquals("start-up", v3.path("reason").asText());
            assertEquals(3, v3.path("plan").path("bays").size(), "the PACK_IN stored before the stop is planned");
            assertEquals(0.33, v3.path("plan").path("bays").get(0).path("soc").get(0).asDouble(), 1e-12);
            JsonNode events = get(api, "/api/v1/stations/" + STATION + "/events");
            assertEquals(List.of("PACK_OUT", "PACK_IN"), kinds(events));
            JsonNode versions = get(api, "/api/v1/stations/" + STATION + "/plans");
            assertEquals("[1,2,3]", versions.toString());
            JsonNode stations = get(api, "/api/v1/stations");
            assertEquals(4, stations.size(), "the examples are not registered a second time");
            for (JsonNode station : stations) {
                assertEquals(1, station.path("version").asInt(), station.path("id").asText());
            }
            assertEquals(publicKey, Files.readString(dataDir.resolve("keys/publicKey.pem")), "the key pair is kept");
        }
    }

    /** The packaged service (the one launcher, {@link ServiceProcess}), greedy plans, no periodic refresh. */
    private static ServiceProcess start(Path dataDir, int port, String debounce) throws IOException {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("swapflex.planning.solver", "greedy");
        properties.put("swapflex.planning.debounce", debounce);
        properties.put("swapflex.planning.refresh-every", "0s");
        return ServiceProcess.start(new ServiceProcess.Spec(ServiceProcess.packagedJar(), port, dataDir, properties,
                Map.of(), List.of(), dataDir.resolve("service.log")));
    }

    private ServiceClient client(ServiceProcess service) {
        return new ServiceClient(service::uri, token, Duration.ofSeconds(10));
    }

    /** Polls a GET until it answers 200 with a body the predicate accepts (a real process: there is no hook to wait on). */
    private static JsonNode await(ServiceClient api, String path, Predicate<JsonNode> done) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                ServiceClient.Answer answer = api.get(path);
                if (answer.status() == 200 && done.test(answer.json())) {
                    return answer.json();
                }
            } catch (IOException notListeningYet) {
                // the process is still starting
            }
            Thread.sleep(100);
        }
        return fail("no satisfying answer from " + path + " within " + PATIENCE);
    }

    private static JsonNode get(ServiceClient api, String path) throws Exception {
        ServiceClient.Answer answer = api.get(path);
        assertEquals(200, answer.status(), answer.body());
        return answer.json();
    }

    private static void post(ServiceClient api, String path, String body) throws Exception {
        ServiceClient.Answer answer = api.post(path, body);
        assertEquals(202, answer.status(), answer.body());
    }

    private static List<String> kinds(JsonNode events) {
        List<String> kinds = new ArrayList<>();
        events.forEach(e -> kinds.add(e.path("event").path("kind").asText()));
        return kinds;
    }
}
