package io.swapflex.tools.crash;

import com.fasterxml.jackson.databind.JsonNode;
import io.swapflex.datasets.examples.Examples;
import io.swapflex.service.common.security.DevTokens;
import io.swapflex.testkit.ScratchMount;
import io.swapflex.testkit.ServiceClient;
import io.swapflex.testkit.ServiceProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
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
 * The embedded database's disk fills up under the running service (its data directory on a 16 MB tmpfs, filled with
 * a ballast file): a write is refused with 507 problem+json that names the full disk (never a 500), nothing is half
 * stored; once space is freed the same process stores events and plans again, and after a kill -9 and a restart
 * everything acknowledged before, during and after is there and every plan version served is intact.
 */
class DiskFullIT {

    /** The station of the example {@code demo-3bay-hourly}. */
    private static final String STATION = "demo-3bay";

    @Test
    void aFullDiskIsRefusedClearlyAndNothingAcknowledgedIsLostOnceSpaceIsFreed(@TempDir Path work) throws Exception {
        StringBuilder why = new StringBuilder();
        Optional<ScratchMount> mounted = ScratchMount.mount(16, why);
        assumeTrue(mounted.isPresent(), why::toString);
        try (ScratchMount disk = mounted.get()) {
            ServiceProcess.Spec spec = new ServiceProcess.Spec(ServiceProcess.packagedJar(), ServiceProcess.freePort(),
                    disk.dir(), Map.of("swapflex.examples.load", "false",
                    "swapflex.planning.solver", "greedy",
                    "swapflex.planning.debounce", "50ms",
                    "swapflex.planning.refresh-every", "0s",
                    "swapflex.flexibility.precompute", "false"),
                    Map.of(), disk.prefix(), work.resolve("service.log"));
            ServiceProcess service = ServiceProcess.start(spec);
            try {
                service.awaitReady(Duration.ofSeconds(120));
                ServiceClient api = new ServiceClient(service::uri,
                        DevTokens.mint(disk.outside(), "operator", null, Duration.ofHours(1)), Duration.ofSeconds(15));
                assertEquals(201, api.post("/api/v1/stations", Examples.json("demo-3bay-hourly")).status());
                Map<Long, Double> acked = new LinkedHashMap<>();
                Map<Long, String> served = new HashMap<>();
                for (int i = 0; i < 10; i++) {
                    post(api, acked, 0.5 + i / 100.0);
                }
                serve(api, served, awaitFresh(api));

                // Fill the disk: the ballast takes every byte left.
                Path ballast = disk.outside().resolve("ballast");
                fill(ballast);
                int refused = 0;
                int acceptedWhileFull = 0;
                for (int i = 0; i < 200 && refused < 5; i++) {
                    ServiceClient.Answer answer = api.post("/api/v1/stations/" + STATION + "/events",
                            "{\"kind\": \"SOC\", \"bayId\": \"bay-02\", \"socFraction\": " + (0.3 + i / 1000.0) + "}");
                    if (answer.status() == 202) {
                        // H2 may still have had room inside its file: a 202 is a promise like any other.
                        acked.put(answer.json().path("eventId").asLong(), 0.3 + i / 1000.0);
                        acceptedWhileFull++;
                        continue;
                    }
                    assertTrue(answer.status() == 507 || answer.status() == 503, answer.status() + " " + answer.body());
                    assertTrue(answer.contentType().startsWith("application/problem+json"), answer.contentType());
                    if (answer.status() == 507) {
                        assertTrue(answer.body().contains("no space left on the device"), answer.body());
                    }
                    refused++;
                }
                System.out.printf("disk full: %d events refused (507/503 problem+json), %d still accepted first%n",
                        refused, acceptedWhileFull);
                assertTrue(refused >= 5, "writes on a full disk are refused");
                // H2 closes itself after the failed write, and opening it again needs to write: reads are refused
                // too (507, the same clear cause) until space is freed. Never a 500.
                ServiceClient.Answer read = api.get("/api/v1/stations/" + STATION + "/plan");
                assertTrue(List.of(200, 503, 507).contains(read.status()), "a read on a full disk: " + read.status()
                        + " " + read.body());
                System.out.println("a read on the full disk: " + read.status());

                // Free the space: the same process carries on.
                Files.delete(ballast);
                long freed = System.nanoTime();
                ServiceClient.Answer first = null;
                while (System.nanoTime() - freed < Duration.ofSeconds(30).toNanos()) {
                    first = api.post("/api/v1/stations/" + STATION + "/events",
                            "{\"kind\": \"SOC\", \"bayId\": \"bay-03\", \"socFraction\": 0.77}");
                    if (first.status() == 202) {
                        acked.put(first.json().path("eventId").asLong(), 0.77);
                        break;
                    }
                    Thread.sleep(200);
                }
                assertEquals(202, first.status(), "writes work again once space is freed: " + first.body());
                System.out.printf("space freed: events accepted again after %d ms%n",
                        (System.nanoTime() - freed) / 1_000_000);
                for (int i = 0; i < 5; i++) {
                    post(api, acked, 0.8 + i / 100.0);
                }
                serve(api, served, awaitFresh(api));
                assertAllThere(api, acked, served);

                // No corruption: killed and started again on the same files, everything is there.
                service.kill();
                service = ServiceProcess.start(spec.withPort(ServiceProcess.freePort()));
                service.awaitReady(Duration.ofSeconds(120));
                ServiceProcess restarted = service;
                // The key pair the service made on the tmpfs, reached from outside its namespace.
                assertAllThere(new ServiceClient(restarted::uri,
                        DevTokens.mint(disk.outside(), "operator", null, Duration.ofHours(1)),
                        Duration.ofSeconds(15)), acked, served);
            } finally {
                service.stop();
            }
        }
    }

    private static void post(ServiceClient api, Map<Long, Double> acked, double soc) throws Exception {
        ServiceClient.Answer answer = api.post("/api/v1/stations/" + STATION + "/events",
                "{\"kind\": \"SOC\", \"bayId\": \"bay-01\", \"socFraction\": " + soc + "}");
        assertEquals(202, answer.status(), answer.body());
        acked.put(answer.json().path("eventId").asLong(), soc);
    }

    private static void serve(ServiceClient api, Map<Long, String> served, JsonNode plan) {
        served.put(plan.path("version").asLong(), Promises.contentHash(plan));
    }

    private static void assertAllThere(ServiceClient api, Map<Long, Double> acked, Map<Long, String> served)
            throws Exception {
        Set<Long> stored = new HashSet<>();
        api.get("/api/v1/stations/" + STATION + "/events?limit=10000").json()
                .forEach(e -> stored.add(e.path("id").asLong()));
        assertTrue(stored.containsAll(acked.keySet()), "every acknowledged event is stored");
        for (Map.Entry<Long, String> plan : served.entrySet()) {
            ServiceClient.Answer answer = api.get("/api/v1/stations/" + STATION + "/plan?version=" + plan.getKey());
            assertEquals(200, answer.status(), answer.body());
            assertEquals(plan.getValue(), Promises.contentHash(answer.json()), "plan version " + plan.getKey());
            assertTrue(answer.json().path("check").path("hardRulesMet").asBoolean());
        }
        List<Long> versions = new ArrayList<>();
        api.get("/api/v1/stations/" + STATION + "/plans").json().forEach(v -> versions.add(v.asLong()));
        for (int i = 0; i < versions.size(); i++) {
            assertEquals(i + 1, versions.get(i), "plan versions run 1..N: " + versions);
        }
    }

    /** Writes zeros until the file system refuses: then it is full. */
    private static void fill(Path ballast) throws IOException {
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = new FileOutputStream(ballast.toFile())) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            if (!String.valueOf(full.getMessage()).contains("No space left")) {
                throw full;
            }
        }
    }

    /** Waits until the station's current plan is not stale. */
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
}
