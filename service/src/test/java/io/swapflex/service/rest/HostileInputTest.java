package io.swapflex.service.rest;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.service.plan.Replanner;
import io.swapflex.testkit.fuzz.FuzzSeeds;
import io.swapflex.testkit.fuzz.Fuzzer;
import io.swapflex.testkit.fuzz.OcppFuzzer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadInfo;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile input, seeded: every public endpoint (read from the OpenAPI document, which is checked against the JAX-RS
 * resource classes so that none is left out) gets generated invalid documents, bad path and query values, wrong
 * methods and hostile headers; the OCPP-J endpoint gets malformed frames. Every answer must be a 4xx
 * application/problem+json naming the problem (or a 2xx for a mutation that stayed valid), never a 5xx or a hang;
 * afterwards the service still answers, its heap after a GC is bounded, and no request thread is still busy.
 */
@QuarkusTest
class HostileInputTest {

    /** Documents per endpoint in the suite (a larger run: ./swapflex bench fuzz). */
    static final int PER_ENDPOINT = 110;
    static final int OCPP_FRAMES = 400;
    static final long SEED = 8;
    /** Used heap after a full GC once the run is over (the test JVM holds the whole service and its test data). */
    static final long HEAP_BOUND = 400L << 20;
    /**
     * What the run may leave behind on the heap (after a GC): the documents it stored (events, forecasts, what-if and
     * fleet jobs, OCPP transcripts of 8,000 characters a frame) and no more.
     */
    static final long HEAP_GROWTH = 64L << 20;

    @TestHTTPResource("/")
    URL url;

    @Inject
    Replanner replanner;

    @Test
    void everyEndpointRefusesHostileInputWithAProblemAndStaysWell() throws Exception {
        Problem problem = Api.futureDemo("fuzz");
        String station = Api.register(problem, replanner);
        URI base = URI.create(url.toString().replaceAll("/$", ""));
        Fuzzer fuzzer = new Fuzzer(base, role -> Api.token(role), Duration.ofSeconds(30), SEED);

        List<Fuzzer.Endpoint> endpoints = fuzzer.endpoints();
        Set<String> documented = new TreeSet<>(endpoints.stream().map(Fuzzer.Endpoint::key).toList());
        assertEquals(ResourceMethods.all(), documented,
                "the OpenAPI document and the JAX-RS resource classes list different endpoints");

        Map<String, String> values = fuzzer.prepare(station);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long heapBefore = memory.getHeapMemoryUsage().getUsed();
        long before = System.nanoTime();
        List<Fuzzer.Tally> tallies = fuzzer.run(endpoints, FuzzSeeds.profiles(station), values, PER_ENDPOINT, null);
        double seconds = (System.nanoTime() - before) / 1e9;
        System.out.println("fuzz (seed " + SEED + ", " + String.format("%.1f", seconds) + " s):");
        System.out.print(Fuzzer.table(tallies));
        tallies.forEach(t -> t.failures.forEach(f -> System.out.println("FAILED " + t.endpoint + ": " + f)));

        OcppFuzzer.Tally frames = new OcppFuzzer(URI.create(base.toString().replace("http", "ws") + "/ocpp/" + station),
                Api.stationToken(station), Duration.ofSeconds(30), SEED).run(OCPP_FRAMES);
        System.out.printf("OCPP-J: %d frames, %d CALLRESULT, %d CALLERROR, %d results/errors sent (no answer due), "
                        + "%d binary, %d over the size limit (connection closed), %d reconnects, %d unanswered%n",
                frames.frames, frames.results, frames.errors, frames.silent, frames.binary, frames.closedOversize,
                frames.reconnects, frames.unanswered);

        List<String> failures = new ArrayList<>();
        tallies.forEach(t -> t.failures.forEach(f -> failures.add(t.endpoint + ": " + f)));
        frames.failures.forEach(f -> failures.add("OCPP-J: " + f));
        assertTrue(failures.isEmpty(), failures.size() + " failures:\n" + String.join("\n", failures));
        assertEquals(0, tallies.stream().mapToInt(Fuzzer.Tally::failed).sum());
        int documents = tallies.stream().mapToInt(t -> t.documents).sum();
        assertTrue(documents >= endpoints.size() * PER_ENDPOINT, "documents " + documents);

        // Still answering: health, and a valid solve.
        RestAssured.get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        Api.asOperator().contentType(ContentType.JSON).body(ContractJson.write(Api.freshDemo("after-fuzz")))
                .post("/api/v1/plans/solve?solver=greedy").then().statusCode(200).body("status", equalTo("FEASIBLE"));

        assertNoRequestThreadBusy();
        System.gc();
        long used = memory.getHeapMemoryUsage().getUsed();
        System.out.printf("heap used after GC: %d MB before the run, %d MB after (bounds: %d MB, growth %d MB)%n",
                heapBefore >> 20, used >> 20, HEAP_BOUND >> 20, HEAP_GROWTH >> 20);
        assertTrue(used < HEAP_BOUND, "heap used after the run " + (used >> 20) + " MB");
        assertTrue(used - heapBefore < HEAP_GROWTH, "the run left " + ((used - heapBefore) >> 20) + " MB more heap");
    }

    /**
     * No request thread (Vert.x event loop, Quarkus worker) is still in the service's code a few seconds after the
     * last answer: a request that never ends would be found here even if the fuzzer's own timeout missed it.
     */
    static void assertNoRequestThreadBusy() throws InterruptedException {
        List<String> busy = List.of();
        for (int attempt = 0; attempt < 10; attempt++) {
            Thread.sleep(500);
            busy = Arrays.stream(ManagementFactory.getThreadMXBean().dumpAllThreads(false, false))
                    .filter(t -> t.getThreadName().startsWith("executor-thread")
                            || t.getThreadName().startsWith("vert.x-eventloop")
                            || t.getThreadName().startsWith("vert.x-worker"))
                    .filter(t -> Arrays.stream(t.getStackTrace()).anyMatch(f -> f.getClassName().startsWith(
                            "io.swapflex.service.") && !f.getClassName().startsWith("io.swapflex.service.plan.Replanner")))
                    .map(HostileInputTest::describe).toList();
            if (busy.isEmpty()) {
                return;
            }
        }
        assertTrue(busy.isEmpty(), "request threads still busy:\n" + String.join("\n", busy));
    }

    private static String describe(ThreadInfo t) {
        StringBuilder s = new StringBuilder(t.getThreadName() + " " + t.getThreadState());
        Arrays.stream(t.getStackTrace()).limit(12).forEach(f -> s.append("\n    at ").append(f));
        return s.toString();
    }
}
