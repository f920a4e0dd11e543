package io.swapflex.service.faults;

import com.fasterxml.jackson.databind.JsonNode;
import io.swapflex.service.common.security.DevTokens;
import io.swapflex.testkit.PostgresCluster;
import io.swapflex.testkit.ServiceClient;
import io.swapflex.testkit.ServiceProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * PostgreSQL crashes under the running service ({@code pg_ctl stop -m immediate}) and comes back: while it is down
 * every answer comes within seconds as 503 problem+json (never a hang, never a 500), liveness stays up and readiness
 * goes down; once it is back the same service process reconnects, writes work again at once (no stale pooled
 * connection fails a request), the station is re-planned, and no event acknowledged before, during or after is lost.
 * Runs on a cluster of its own (it needs PostgreSQL's server binaries: CI installs them).
 */
class PostgresRestartIT {

    private static final String STATION = "demo-3bay";
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(10);

    @Test
    void theServiceKeepsAnsweringWhilePostgresqlIsDownAndReconnectsWhenItIsBack(@TempDir Path work) throws Exception {
        Optional<Path> bin = PostgresCluster.binaries();
        if (bin.isEmpty() && System.getenv("SWAPFLEX_TEST_POSTGRES_URL") != null) {
            fail("SWAPFLEX_TEST_POSTGRES_URL is set (CI) but there are no PostgreSQL server binaries under "
                    + "/usr/lib/postgresql to start a cluster of this test's own");
        }
        assumeTrue(bin.isPresent(), "no PostgreSQL server binaries under /usr/lib/postgresql (apt-get install -y "
                + "postgresql; CI, where SWAPFLEX_TEST_POSTGRES_URL is set, has them)");
        try (PostgresCluster pg = PostgresCluster.start(bin.get());
             ServiceProcess service = ServiceProcess.start(new ServiceProcess.Spec(ServiceProcess.packagedJar(),
                     ServiceProcess.freePort(), work.resolve("data"), Map.of(
                     "swapflex.postgresql.url", pg.url(),
                     "swapflex.planning.solver", "greedy",
                     "swapflex.planning.debounce", "50ms",
                     "swapflex.planning.refresh-every", "0s",
                     "swapflex.flexibility.precompute", "false"),
                     Map.of("QUARKUS_PROFILE", "postgresql"), List.of(), work.resolve("service.log")))) {
            service.awaitReady(Duration.ofSeconds(120));
            ServiceClient api = new ServiceClient(service::uri, DevTokens.mint(work.resolve("data"), "operator", null, Duration.ofHours(1)),
                    ANSWER_WITHIN);
            Map<Long, Double> acked = new LinkedHashMap<>();
            for (int i = 0; i < 5; i++) {
                event(api, acked, 0.50 + i / 100.0, 202);
            }
            long versionBefore = awaitFresh(api).path("version").asLong();

            pg.stopServer("immediate");
            List<Integer> statuses = new ArrayList<>();
            long slowest = 0;
            long slowestHealth = 0;
            long downUntil = System.nanoTime() + Duration.ofSeconds(4).toNanos();
            while (System.nanoTime() < downUntil) {
                for (String path : List.of("/api/v1/stations/" + STATION + "/plan", "/api/v1/stations/" + STATION)) {
                    ServiceClient.Answer answer = api.get(path);
                    statuses.add(answer.status());
                    slowest = Math.max(slowest, answer.millis());
                    // Stations and their current plans are kept in memory as last committed (the load fixes): a
                    // controller still reads its plan while the database is down. Anything else is a clear 503.
                    if (answer.status() != 200) {
                        assertProblem(answer, 503);
                    }
                }
                ServiceClient.Answer write = api.post("/api/v1/stations/" + STATION + "/events",
                        "{\"kind\": \"SOC\", \"bayId\": \"bay-01\", \"socFraction\": 0.42}");
                statuses.add(write.status());
                slowest = Math.max(slowest, write.millis());
                assertProblem(write, 503);
                assertEquals("5", write.header().apply("Retry-After"));
                ServiceClient.Answer live = api.get("/q/health/live");
                ServiceClient.Answer ready = api.get("/q/health/ready");
                assertEquals(200, live.status(), "alive while the database is down");
                assertEquals(503, ready.status(), "not ready while the database is down");
                slowestHealth = Math.max(slowestHealth, Math.max(live.millis(), ready.millis()));
            }
            System.out.printf("while PostgreSQL was down: %d API answers (reads from memory 200, the rest 503 "
                    + "problem+json), the slowest in %d ms; health (live 200, ready 503) the slowest in %d ms%n", statuses.size(), slowest, slowestHealth);
            assertTrue(slowest < ANSWER_WITHIN.toMillis(), "every answer within " + ANSWER_WITHIN);

            long restarted = System.nanoTime();
            pg.startServer();
            // The first write after the server is back must work: the pool validates connections before use.
            event(api, acked, 0.61, 202);
            long backMs = (System.nanoTime() - restarted) / 1_000_000;
            for (int i = 0; i < 10; i++) {
                event(api, acked, 0.62 + i / 100.0, 202);
            }
            System.out.printf("PostgreSQL back: the first write after pg_ctl start answered 202 after %d ms, and the "
                    + "10 after it too%n", backMs);
            assertTrue(service.alive(), "the same service process carried on");
            assertEquals(200, api.get("/q/health/ready").status());

            JsonNode plan = awaitFresh(api);
            assertTrue(plan.path("version").asLong() > versionBefore, "re-planned after the database came back");
            Set<Long> stored = new HashSet<>();
            api.get("/api/v1/stations/" + STATION + "/events?limit=10000").json()
                    .forEach(e -> stored.add(e.path("id").asLong()));
            assertTrue(stored.containsAll(acked.keySet()), "every acknowledged event is stored: " + acked.keySet()
                    + " in " + stored);
        }
    }

    private static void event(ServiceClient api, Map<Long, Double> acked, double soc, int expected) throws Exception {
        ServiceClient.Answer answer = api.post("/api/v1/stations/" + STATION + "/events",
                "{\"kind\": \"SOC\", \"bayId\": \"bay-01\", \"socFraction\": " + soc + "}");
        assertEquals(expected, answer.status(), answer.body());
        acked.put(answer.json().path("eventId").asLong(), soc);
    }

    /** Waits until the station's current plan is not stale (its re-plan after the last event is in). */
    private static JsonNode awaitFresh(ServiceClient api) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            ServiceClient.Answer answer = api.get("/api/v1/stations/" + STATION + "/plan");
            if (answer.status() == 200 && !answer.json().path("stale").asBoolean()) {
                return answer.json();
            }
            Thread.sleep(100);
        }
        return fail("the station was not re-planned within 60 s");
    }

    private static void assertProblem(ServiceClient.Answer answer, int status) {
        assertEquals(status, answer.status(), answer.body());
        assertTrue(answer.contentType().startsWith("application/problem+json"), answer.contentType());
        assertTrue(answer.body().contains("the database is unavailable"), answer.body());
    }
}
