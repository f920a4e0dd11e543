package io.swapflex.tools.crash;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swapflex.datasets.examples.Examples;
import io.swapflex.optimizer.check.PlanChecker;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.service.common.security.DevTokens;
import io.swapflex.testkit.ServiceClient;
import io.swapflex.testkit.ServiceProcess;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Crash test of the packaged service: it streams bursts of battery events, dispatch requests and direct solves at the
 * service (so re-plans are committed all the time), kills it with SIGKILL at a seeded random moment, starts it again
 * on the same database and verifies what a client was promised:
 * <ul>
 *   <li>every event the service acknowledged (202 with its id) is stored, unchanged (kind, bay, SOC, time);</li>
 *   <li>every plan version it ever served ({@code GET .../plan}, or named in a 201 dispatch answer) is served again
 *       under the same version with the same content (SHA-256 of version, revision, reason, time and plan);</li>
 *   <li>no served plan is half-written: each parses and the independent {@link PlanChecker}, run against the problem
 *       the service stored for it, recomputes its objective and agrees with the service's own verdict; every stored
 *       version is checked so too, and the versions run 1..N without a gap;</li>
 *   <li>every accepted (201) dispatch request is stored.</li>
 * </ul>
 * A round is: run the workload, kill, restart (timed until {@code /q/health/ready}), verify everything acknowledged so
 * far. The embedded H2 database (default) or PostgreSQL ({@link Settings#postgresUrl()}, a schema of its own, emptied
 * at the first start). Plain Java: the command {@code swapflex bench crash} and the test {@code CrashIT} run it.
 */
public final class CrashHarness {

    private static final ObjectMapper JSON = ServiceClient.JSON;
    /** The schema the harness uses in a PostgreSQL database (emptied at the first start of a run). */
    public static final String PG_SCHEMA = "swapflex_crash";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    /**
     * @param rounds      kills and restarts
     * @param seed        fixes the workload's choices and the kill moments
     * @param postgresUrl a JDBC URL with user (and password) in it, or null for the embedded H2 database
     * @param workDir     the data directory and service logs go under it
     * @param minUptime   the earliest a kill comes after the workload starts
     * @param maxUptime   the latest
     * @param progress    one line per round as it goes (null: quiet)
     * @param serviceProperties more {@code -D} settings of the service, after the harness's own (to compare a
     *                    setting: the H2 URL without {@code WRITE_DELAY=0} shows what it is for)
     */
    public record Settings(int rounds, long seed, String postgresUrl, Path workDir, Duration minUptime,
                           Duration maxUptime, PrintStream progress, Map<String, String> serviceProperties) {

        public Settings(int rounds, long seed, String postgresUrl, Path workDir, Duration minUptime, Duration maxUptime,
                        PrintStream progress) {
            this(rounds, seed, postgresUrl, workDir, minUptime, maxUptime, progress, Map.of());
        }
    }

    /** One round's figures; the verification counts are cumulative (everything acknowledged since the start). */
    public record Round(int round, long killAfterMillis, int eventsAckedInRound, int eventsAcked, int eventsFound,
                        int eventsLost, int eventsChanged, int plansServed, int plansIntact, int plansLost,
                        int plansChanged, int halfWrittenServed, int versionsStored, int versionsUnsound,
                        int versionGaps, int dispatchAcked, int dispatchFound, int dispatchWithoutPlan, int errors5xx,
                        long restartMillis) {

        /** Nothing acknowledged was lost or changed and nothing unsound was served or stored. */
        public boolean clean() {
            return eventsLost == 0 && eventsChanged == 0 && plansLost == 0 && plansChanged == 0
                    && halfWrittenServed == 0 && versionsUnsound == 0 && versionGaps == 0
                    && dispatchFound == dispatchAcked && dispatchWithoutPlan == 0;
        }
    }

    /** What the run found, one row a round. */
    public record Result(String database, List<Round> rounds) {

        public Round last() {
            return rounds.get(rounds.size() - 1);
        }

        public boolean clean() {
            return rounds.stream().allMatch(Round::clean);
        }
    }

    private final Settings settings;
    private final Random random;
    private final String token;
    private final AtomicInteger errors5xx = new AtomicInteger();
    private volatile ServiceProcess service;
    private final ServiceClient client;
    /** What the service acknowledged and served, checked after every restart. */
    private final Promises promises;

    public CrashHarness(Settings settings) {
        this.settings = settings;
        this.random = new Random(settings.seed());
        // Signed with the key of the data directory the service runs on (made here, the service finds it there).
        this.token = DevTokens.mint(dataDir(), "operator", null, Duration.ofHours(8));
        this.client = new ServiceClient(this::uri, token, Duration.ofSeconds(20));
        this.promises = new Promises(client);
    }

    private Path dataDir() {
        return settings.workDir().resolve("data");
    }

    private URI uri(String path) {
        return service.uri(path);
    }

    /** Runs every round; the service is stopped at the end whatever happens. */
    public Result run() throws IOException, InterruptedException {
        Path dataDir = dataDir();
        Files.createDirectories(dataDir);
        ServiceProcess.Spec spec = spec(dataDir);
        List<Round> rounds = new ArrayList<>();
        try {
            service = ServiceProcess.start(spec);
            service.awaitReady(READY_TIMEOUT);
            if (settings.postgresUrl() != null) {
                // Emptied only at the first start: a restart must find what the killed instance stored.
                spec = spec.without("quarkus.flyway.\"postgresql\".clean-at-start");
            }
            for (int round = 1; round <= settings.rounds(); round++) {
                long uptime = settings.minUptime().toMillis() + (long) (random.nextDouble()
                        * (settings.maxUptime().toMillis() - settings.minUptime().toMillis()));
                int ackedBefore = promises.eventsAcknowledged();
                workload(uptime, random.nextLong());
                service.kill();
                service = ServiceProcess.start(spec.withPort(ServiceProcess.freePort()));
                long restart = service.awaitReady(READY_TIMEOUT).toMillis();
                Round row = promises.verify(round, uptime, promises.eventsAcknowledged() - ackedBefore, restart,
                        errors5xx.get());
                rounds.add(row);
                if (settings.progress() != null) {
                    settings.progress().println(CrashTable.describe(row));
                }
            }
        } finally {
            if (service != null) {
                service.stop();
            }
        }
        return new Result(settings.postgresUrl() == null ? "H2 (embedded)" : "PostgreSQL", rounds);
    }

    private ServiceProcess.Spec spec(Path dataDir) throws IOException {
        Map<String, String> properties = new LinkedHashMap<>();
        // The rule of thumb plans in milliseconds and the short debounce re-plans at once: many plan versions are
        // written while the events stream in, which is what a crash should hit.
        properties.put("swapflex.planning.solver", "greedy");
        properties.put("swapflex.planning.time-limit", "2s");
        properties.put("swapflex.planning.debounce", "100ms");
        properties.put("swapflex.planning.refresh-every", "0s");
        properties.put("swapflex.flexibility.precompute", "false");
        properties.putAll(settings.serviceProperties());
        Map<String, String> env = new HashMap<>();
        if (settings.postgresUrl() != null) {
            ServiceProcess.onPostgres(settings.postgresUrl(), PG_SCHEMA, properties, env);
        }
        return new ServiceProcess.Spec(ServiceProcess.packagedJar(), ServiceProcess.freePort(), dataDir, properties,
                env, List.of(), settings.workDir().resolve("service.log"));
    }

    // ---------------------------------------------------------------- workload

    /** Streams events, dispatch requests and solves for {@code uptime} ms, then returns (the caller kills). */
    private void workload(long uptime, long seed) throws IOException, InterruptedException {
        List<JsonNode> stations = new ArrayList<>();
        client.get("/api/v1/stations").json().forEach(stations::add);
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> threads = new ArrayList<>();
        Random seeds = new Random(seed);
        for (JsonNode station : stations) {
            long s = seeds.nextLong();
            threads.add(started("crash-events-" + station.path("id").asText(),
                    () -> events(station, new Random(s), stop)));
        }
        List<String> ids = stations.stream().map(s -> s.path("id").asText()).toList();
        long d = seeds.nextLong();
        threads.add(started("crash-plans", () -> watchPlans(ids, stop)));
        threads.add(started("crash-dispatch", () -> dispatch(ids, new Random(d), stop)));
        threads.add(started("crash-solve", () -> solves(stop)));
        Thread.sleep(uptime);
        // The kill comes now, while the workers are mid-flight; they stop on their own when the calls fail.
        service.kill();
        stop.set(true);
        for (Thread thread : threads) {
            thread.join();
        }
    }

    private static Thread started(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Bursts of battery events for one station, consistent with its bays' state as the harness tracks it. */
    private void events(JsonNode station, Random rnd, AtomicBoolean stop) {
        String id = station.path("id").asText();
        Map<String, Double> bays = new LinkedHashMap<>(); // bay -> SOC, null when empty
        station.path("bays").forEach(b -> bays.put(b.path("bayId").asText(),
                b.path("packPresent").asBoolean() ? b.path("socFraction").asDouble() : null));
        List<String> bayIds = new ArrayList<>(bays.keySet());
        try {
            while (!stop.get()) {
                int burst = 5 + rnd.nextInt(25);
                for (int i = 0; i < burst && !stop.get(); i++) {
                    String bay = bayIds.get(rnd.nextInt(bayIds.size()));
                    Double soc = bays.get(bay);
                    String kind;
                    Double newSoc;
                    if (soc == null) {
                        kind = "PACK_IN";
                        newSoc = round4(0.1 + 0.3 * rnd.nextDouble());
                    } else if (rnd.nextInt(3) == 0) {
                        kind = "PACK_OUT";
                        newSoc = null;
                    } else {
                        kind = "SOC";
                        newSoc = round4(Math.min(1.0, soc + 0.05 * rnd.nextDouble()));
                    }
                    Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
                    ObjectNode body = JSON.createObjectNode().put("kind", kind).put("bayId", bay)
                            .put("occurredAt", at.toString());
                    if (newSoc != null) {
                        body.put("socFraction", newSoc);
                    }
                    ServiceClient.Answer answer = client.post("/api/v1/stations/" + id + "/events", body.toString());
                    if (answer.status() == 202) {
                        long eventId = answer.json().path("eventId").asLong();
                        promises.eventAcknowledged(eventId, id, kind, bay, newSoc, at);
                        bays.put(bay, newSoc);
                    } else {
                        count(answer);
                    }
                }
                Thread.sleep(50 + rnd.nextInt(250));
            }
        } catch (IOException | InterruptedException killed) {
            // the service is gone: the round is over
        }
    }

    /** Polls every station's current plan and records each version served, checking it as it comes. */
    private void watchPlans(List<String> ids, AtomicBoolean stop) {
        try {
            while (!stop.get()) {
                for (String id : ids) {
                    ServiceClient.Answer answer = client.get("/api/v1/stations/" + id + "/plan");
                    if (answer.status() == 200) {
                        promises.served(id, answer.json());
                    } else {
                        count(answer);
                    }
                }
                Thread.sleep(20);
            }
        } catch (IOException | InterruptedException killed) {
            // the service is gone
        }
    }

    /** Small firm dispatch requests on the stations now and then: each accepted one commits a plan at once. */
    private void dispatch(List<String> ids, Random rnd, AtomicBoolean stop) {
        try {
            while (!stop.get()) {
                Thread.sleep(500 + rnd.nextInt(1500));
                String id = ids.get(rnd.nextInt(ids.size()));
                ServiceClient.Answer current = client.get("/api/v1/stations/" + id + "/plan");
                if (current.status() != 200) {
                    count(current);
                    continue;
                }
                Problem problem = promises.problem(id, current.json().path("version").asLong());
                OffsetDateTime start = problem.horizon().startTime();
                // An hour on slot boundaries (the examples' slots are 15 or 60 minutes), 2-5 hours ahead.
                OffsetDateTime from = start.plusHours(2 + rnd.nextInt(4));
                ObjectNode body = JSON.createObjectNode().put("stationId", id).put("from", from.toString())
                        .put("to", from.plusHours(1).toString()).put("exportKw", 0.2).put("rewardPerKwh", 1.0)
                        .put("firm", true);
                ServiceClient.Answer answer = client.post("/api/v1/dispatch-requests", body.toString());
                if (answer.status() == 201) {
                    JsonNode outcome = answer.json();
                    promises.dispatchAccepted(outcome.path("id").asText());
                    for (JsonNode s : outcome.path("stations")) {
                        long version = s.path("planVersion").asLong();
                        ServiceClient.Answer plan = client.get("/api/v1/stations/" + s.path("stationId").asText()
                                + "/plan?version=" + version);
                        if (plan.status() == 200) {
                            promises.served(s.path("stationId").asText(), plan.json());
                        } else {
                            count(plan);
                        }
                    }
                } else if (answer.status() != 200) {
                    count(answer);
                }
            }
        } catch (IOException | InterruptedException killed) {
            // the service is gone
        }
    }

    /** Direct solves: load on the solver threads, nothing stored. */
    private void solves(AtomicBoolean stop) {
        String demo = Examples.json("demo-3bay-hourly");
        try {
            while (!stop.get()) {
                ServiceClient.Answer answer = client.post("/api/v1/plans/solve?solver=greedy", demo);
                if (answer.status() != 200) {
                    count(answer);
                }
                Thread.sleep(300);
            }
        } catch (IOException | InterruptedException killed) {
            // the service is gone
        }
    }

    private void count(ServiceClient.Answer answer) {
        if (answer.status() >= 500) {
            errors5xx.incrementAndGet();
        }
    }


    private static double round4(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
