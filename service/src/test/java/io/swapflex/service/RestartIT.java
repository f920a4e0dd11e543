package io.swapflex.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swapflex.service.common.security.DevTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The packaged service run twice on the same data directory, as a real process: what the first instance stored
 * (stations, bay states, events, plan versions) is what the second serves, and the second re-plans at start-up the
 * station whose last event came after its last plan.
 */
class RestartIT {

    private static final String STATION = "demo-3bay";
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String token = DevTokens.mint("operator", null, Duration.ofMinutes(30));

    @Test
    void storedStateSurvivesARestartAndAStaleStationIsReplannedAtStartUp(@TempDir Path dataDir) throws Exception {
        int port = freePort();
        // First instance: a 2 s debounce, so the last event below is stored but not planned before the stop.
        Process first = start(dataDir, port, "2s");
        try {
            JsonNode v1 = await(port, "/api/v1/stations/" + STATION + "/plan", plan -> plan.path("version").asInt() == 1);
            assertEquals(3, v1.path("plan").path("bays").size());
            post(port, "/api/v1/stations/" + STATION + "/events", "{\"kind\": \"PACK_OUT\", \"bayId\": \"bay-01\"}");
            JsonNode v2 = await(port, "/api/v1/stations/" + STATION + "/plan", plan -> plan.path("version").asInt() == 2);
            assertEquals(2, v2.path("plan").path("bays").size(), "plan 2 leaves out the emptied bay");
            post(port, "/api/v1/stations/" + STATION + "/events",
                    "{\"kind\": \"PACK_IN\", \"bayId\": \"bay-01\", \"socFraction\": 0.33}");
        } finally {
            stop(first);
        }

        Process second = start(dataDir, port, "50ms");
        try {
            JsonNode v3 = await(port, "/api/v1/stations/" + STATION + "/plan", plan -> plan.path("version").asInt() == 3);
            assertEquals("start-up", v3.path("reason").asText());
            assertEquals(3, v3.path("plan").path("bays").size(), "the PACK_IN stored before the stop is planned");
            assertEquals(0.33, v3.path("plan").path("bays").get(0).path("soc").get(0).asDouble(), 1e-12);
            JsonNode events = get(port, "/api/v1/stations/" + STATION + "/events");
            assertEquals(List.of("PACK_OUT", "PACK_IN"), kinds(events));
            JsonNode versions = get(port, "/api/v1/stations/" + STATION + "/plans");
            assertEquals("[1,2,3]", versions.toString());
            JsonNode stations = get(port, "/api/v1/stations");
            assertEquals(4, stations.size(), "the examples are not registered a second time");
            for (JsonNode station : stations) {
                assertEquals(1, station.path("version").asInt(), station.path("id").asText());
            }
        } finally {
            stop(second);
        }
    }

    private Process start(Path dataDir, int port, String debounce) throws IOException {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
        assertTrue(Files.exists(jar), "package the service first: " + jar.toAbsolutePath());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1",
                "-Dswapflex.data-dir=" + dataDir.toAbsolutePath(), "-Dswapflex.planning.solver=greedy",
                "-Dswapflex.planning.debounce=" + debounce, "-Dswapflex.planning.refresh-every=0s",
                "-jar", jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("service.log").toFile()))
                .start();
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    /** Polls a GET until it answers 200 with a body the predicate accepts (a real process: there is no hook to wait on). */
    private JsonNode await(int port, String path, Predicate<JsonNode> done) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = http.send(request(port, path).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    JsonNode body = JSON.readTree(response.body());
                    if (done.test(body)) {
                        return body;
                    }
                }
            } catch (IOException notListeningYet) {
                // the process is still starting
            }
            Thread.sleep(100);
        }
        return fail("no satisfying answer from " + path + " within " + PATIENCE);
    }

    private JsonNode get(int port, String path) throws Exception {
        HttpResponse<String> response = http.send(request(port, path).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private void post(int port, String path, String body) throws Exception {
        HttpResponse<String> response = http.send(request(port, path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(202, response.statusCode(), response.body());
    }

    private HttpRequest.Builder request(int port, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10));
    }

    private static List<String> kinds(JsonNode events) {
        List<String> kinds = new ArrayList<>();
        events.forEach(e -> kinds.add(e.path("event").path("kind").asText()));
        return kinds;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
