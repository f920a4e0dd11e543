package io.swapflex.tools.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.optimizer.generate.FleetGenerator;
import io.swapflex.service.common.security.DevTokens;
import io.swapflex.testkit.ServiceProcess;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A load test of the packaged service, as the issue asks: the service started as a child process on 127.0.0.1 with a
 * fresh data directory; {@code stations} generated stations registered (the fleet generator's 8–50-bay stations) and
 * planned; then, all at once for a bounded time, (a) every station's controller pulling its schedule from the current
 * slot with {@code If-None-Match} and its own {@code station} token, (b) battery events streaming in (SOC reports, packs
 * out and in; each station's events in order, as one controller sends them), (c) operators reading a station's and
 * the fleet's flexibility, while the service re-plans the stations the events changed. Requests are issued open-loop at
 * fixed rates (or, for schedules, closed-loop at a fixed concurrency) and timed from when they were due.
 *
 * <p>Afterwards it checks what a grid operator relies on: every acknowledged event is stored (by id), no request
 * failed, and the plans the controllers were served were never older than two slots; and it measures how long an
 * event waited for a plan that includes it. It stops by itself: the phase is bounded in time, the drain and the checks
 * in time and count.
 */
public final class LoadTest {

    private static final ObjectMapper JSON = ContractJson.mapper();
    static final Pattern EVENT_ID = Pattern.compile("\"eventId\"\\s*:\\s*(\\d+)");
    static final Pattern REVISION = Pattern.compile("\"revision\"\\s*:\\s*(\\d+)");
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    /**
     * How to load the service.
     *
     * @param scheduleRate        schedule pulls per second, all controllers together; 0: closed loop (each of
     *                            {@code scheduleConcurrency} pollers sends its next pull when the last is answered)
     * @param eventRate           battery events per second, all stations together
     * @param flexRate            station flexibility reads per second
     * @param fleetFlexRate       fleet flexibility reads per second
     * @param serviceOptions      JVM options and system properties for the service
     * @param postgresUrl         a JDBC URL with user (and password) in it: the service runs on that PostgreSQL, in a
     *                            schema of its own emptied at start; null for the embedded H2 database
     * @param profileDir          where the service's CPU profile over the measured window is written (JFR, folded
     *                            stacks, a flame graph); null for none
     */
    public record Settings(int stations, long seed, Duration warmup, Duration duration, double scheduleRate,
                           int scheduleConcurrency, double eventRate, double flexRate, double fleetFlexRate,
                           Duration setupTimeout, List<String> serviceOptions, Path jar, Path dataDir,
                           String postgresUrl, Path profileDir) {

        /** The database in words. */
        public String database() {
            return postgresUrl == null ? "H2 (embedded)" : "PostgreSQL";
        }
    }

    /** The schema a load test's PostgreSQL run uses (emptied at start). */
    public static final String PG_SCHEMA = "swapflex_load";

    /** The figures of a run. */
    public record Report(Settings settings, double measuredSeconds, double setupSeconds, long servicePid,
                         Latencies.Summary schedule, long schedule200, long schedule304, Latencies.Summary events,
                         Latencies.Summary flexibility, Latencies.Summary fleetFlexibility,
                         long eventsAcknowledged, long eventsFound, long eventsLost, long eventsStoredUnacknowledged,
                         long plansDuringRun, double maxPlanAgeSeconds, double planAgeLimitSeconds,
                         double maxEventLagSeconds, double p99EventLagSeconds, long eventsUnplannedAtEnd,
                         double oldestUnplannedSeconds, double serviceCores, double clientCores, double heapMib,
                         double peakResidentMib, boolean serviceAlive, Profile.Result profile) {

        /** Requests that failed (status or transport), over every kind. */
        public long failedRequests() {
            return schedule.failed() + events.failed() + flexibility.failed() + fleetFlexibility.failed();
        }

        /** Schedule pulls answered (200 or 304) in the measured window. */
        public long schedulesAnswered() {
            return schedule.ok();
        }

        /** Events accepted (202) in the measured window. */
        public long eventsAnswered() {
            return events.ok();
        }

        /** Flexibility reads answered with figures (station and fleet) in the measured window. */
        public long flexibilityAnswered() {
            return flexibility.ok() + fleetFlexibility.ok();
        }

        /** The first failure of each kind that had one, in words. */
        public List<String> firstFailures() {
            List<String> first = new ArrayList<>();
            for (Latencies.Summary kind : List.of(schedule, events, flexibility, fleetFlexibility)) {
                if (kind.failed() > 0) {
                    first.add(kind.firstFailure() + " (statuses " + kind.statuses() + ")");
                }
            }
            return first;
        }
    }

    private final Settings settings;
    private final PrintStream log;
    private final List<HttpConnection> connections = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final ThreadLocal<HttpConnection> connection = ThreadLocal.withInitial(() -> {
        HttpConnection c = new HttpConnection("127.0.0.1", this.service.port(), (int) REQUEST_TIMEOUT.toMillis());
        connections.add(c);
        return c;
    });
    private ServiceProcess service;
    private String operatorToken;
    private final List<StationController> stations = new ArrayList<>();
    private final Latencies schedule = new Latencies();
    private final Latencies events = new Latencies();
    private final Latencies flexibility = new Latencies();
    private final Latencies fleetFlexibility = new Latencies();
    private final AtomicLong schedule200 = new AtomicLong();
    private final AtomicLong schedule304 = new AtomicLong();
    private ExecutorService eventWorkers;
    private volatile long measureFrom;
    private volatile long measureTo;
    private volatile boolean stopping;
    /** The drain's time is up: what is still queued is not sent, and counts as failed. */
    private volatile boolean abandoned;

    /** What the stations' controllers send through and report to. */
    private final StationController.Run run = new StationController.Run() {
        @Override
        public HttpConnection connection() {
            return connection.get();
        }

        @Override
        public void execute(Runnable task) {
            eventWorkers.execute(task);
        }

        @Override
        public Latencies events() {
            return events;
        }

        @Override
        public void arrived(Latencies kind) {
            LoadTest.this.arrived(kind);
        }

        @Override
        public boolean measured(long due) {
            return LoadTest.this.measured(due);
        }

        @Override
        public boolean abandoned() {
            return abandoned;
        }
    };

    public LoadTest(Settings settings, PrintStream log) {
        this.settings = settings;
        this.log = log;
    }

    /** Runs the whole test: start, register, plan, load, check, stop. */
    public Report run() throws IOException, InterruptedException {
        long setupStart = System.nanoTime();
        log.printf(Locale.ROOT, "load: starting the service (%s) in %s on %s%n", settings.jar(), settings.dataDir(),
                settings.database());
        service = startService();
        try {
            operatorToken = DevTokens.mint(settings.dataDir(), "operator", null, Duration.ofHours(8));
            register();
            awaitPlans(setupStart);
            prime();
            double setupSeconds = (System.nanoTime() - setupStart) / 1e9;
            log.printf(Locale.ROOT, "load: %d stations planned in %.0f s; %d s warm-up, then %d s measured%n",
                    stations.size(), setupSeconds, settings.warmup().toSeconds(), settings.duration().toSeconds());
            return load(setupSeconds);
        } finally {
            connections.forEach(HttpConnection::close);
            service.close();
        }
    }

    // ---------------------------------------------------------------- setup

    /**
     * The packaged service as a child process on a free loopback port with the data directory of this run (no example
     * stations): what an operator runs, not the test harness's in-process application. {@code serviceOptions} of the
     * form {@code -Dkey=value} are system properties, the others JVM options ({@code -Xmx2g}).
     */
    private ServiceProcess startService() throws IOException, InterruptedException {
        if (!Files.isRegularFile(settings.jar())) {
            throw new IllegalArgumentException("no packaged service at " + settings.jar().toAbsolutePath()
                    + ": build it first (./mvnw -pl service -am package -DskipTests)");
        }
        Files.createDirectories(settings.dataDir());
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("swapflex.examples.load", "false");
        List<String> jvm = new ArrayList<>();
        for (String option : settings.serviceOptions()) {
            int eq = option.indexOf('=');
            if (option.startsWith("-D") && eq > 2) {
                properties.put(option.substring(2, eq), option.substring(eq + 1));
            } else {
                jvm.add(option);
            }
        }
        if (jvm.stream().noneMatch(o -> o.startsWith("-Xmx") || o.startsWith("-XX:MaxRAMPercentage"))) {
            // 200 stations' plans, schedules and flexibility are kept in memory (about 500 MiB in use): a fixed heap
            // of four times that, touched at start, so the heap is never resized and no page is first touched by a
            // request (the collector: ServiceProcess.LATENCY_GC)
            jvm.addAll(List.of("-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"));
        }
        if (settings.profileDir() != null) {
            jvm.addAll(Profile.jvmOptions());
        }
        Map<String, String> env = new LinkedHashMap<>();
        if (settings.postgresUrl() != null) {
            ServiceProcess.onPostgres(settings.postgresUrl(), PG_SCHEMA, properties, env);
        }
        ServiceProcess started = ServiceProcess.start(new ServiceProcess.Spec(settings.jar(),
                ServiceProcess.freePort(), settings.dataDir(), properties, env, List.of(),
                settings.dataDir().resolve("service.log"), jvm));
        try {
            started.awaitLive(Duration.ofMinutes(2));
            return started;
        } catch (IllegalStateException e) {
            started.close();
            throw e;
        }
    }

    private void register() throws InterruptedException {
        List<Problem> problems = FleetGenerator.generate(settings.stations(), settings.seed()).stations();
        for (Problem problem : problems) {
            stations.add(new StationController(run, problem, DevTokens.mint(settings.dataDir(), "station", problem.stationId(),
                    Duration.ofHours(8)), settings.seed() * 31 + stations.size()));
        }
        parallel(4, stations, s -> {
            HttpConnection.Response r = connection.get().send("POST", "/api/v1/stations",
                    ContractJson.write(s.problem).getBytes(StandardCharsets.UTF_8), bearer(operatorToken),
                    "Content-Type: application/json");
            if (r.status() != 201) {
                throw new IllegalStateException("registering " + s.id + ": " + r.status() + " " + r.text());
            }
        });
        log.printf(Locale.ROOT, "load: registered %d stations%n", stations.size());
    }

    /** Waits until every station has its first plan ({@code /q/health/ready} is UP), telling the progress. */
    private void awaitPlans(long setupStart) throws InterruptedException, IOException {
        long deadline = setupStart + settings.setupTimeout().toNanos();
        long nextReport = System.nanoTime();
        while (true) {
            HttpConnection.Response r = connection.get().send("GET", "/q/health/ready", null);
            if (r.status() == 200) {
                return;
            }
            if (System.nanoTime() >= nextReport) {
                int waiting = withoutPlan(r.text());
                log.printf(Locale.ROOT, "load: %d of %d stations planned (%.0f s)%n",
                        stations.size() - waiting, stations.size(), (System.nanoTime() - setupStart) / 1e9);
                nextReport = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the stations were not all planned within " + settings.setupTimeout()
                        + " (--setup-timeout; a shorter --plan-time-limit plans faster)");
            }
            if (!service.alive()) {
                throw new IllegalStateException("the service exited while planning, see " + service.log());
            }
            Thread.sleep(1000);
        }
    }

    private static int withoutPlan(String health) {
        try {
            for (JsonNode check : JSON.readTree(health).path("checks")) {
                String ids = check.path("data").path("withoutPlan").asText("");
                if (check.path("name").asText().equals("plans")) {
                    return ids.isEmpty() ? 0 : ids.split(",").length;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not the expected body: say nothing useful rather than fail the wait
        }
        return -1;
    }

    /** Each controller's first pull: its ETag and the plan version the run starts from. */
    private void prime() throws InterruptedException {
        parallel(4, stations, s -> {
            HttpConnection.Response r = scheduleRequest(s);
            if (r.status() != 200) {
                throw new IllegalStateException("first schedule of " + s.id + ": " + r.status() + " " + r.text());
            }
            s.etag = r.header("ETag");
            s.startVersion = Long.parseLong(r.header("X-Plan-Version"));
        });
    }

    /** Work on a few threads of their own; the first failure is thrown. */
    private <T> void parallel(int threads, List<T> items, IoConsumer<T> work) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            for (T item : items) {
                done.add(pool.submit(() -> {
                    work.accept(item);
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> f : done) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @FunctionalInterface
    private interface IoConsumer<T> {
        void accept(T item) throws IOException;
    }

    // ---------------------------------------------------------------- the load

    private Report load(double setupSeconds) throws InterruptedException, IOException {
        long start = System.nanoTime();
        measureFrom = start + settings.warmup().toNanos();
        measureTo = measureFrom + settings.duration().toNanos();
        List<Thread> threads = new ArrayList<>();

        // (a) controllers pulling schedules: workers with a connection each, fed by a timetable (or closed loop)
        java.util.concurrent.BlockingQueue<Long> scheduleDue = new java.util.concurrent.LinkedBlockingQueue<>();
        boolean openLoop = settings.scheduleRate() > 0;
        if (openLoop) {
            threads.add(pacer("load-schedule-pacer", settings.scheduleRate(), scheduleDue::add));
        }
        AtomicInteger nextStation = new AtomicInteger();
        for (int i = 0; i < settings.scheduleConcurrency(); i++) {
            threads.add(worker("load-schedules-" + i, () -> {
                while (true) {
                    long due;
                    if (abandoned) {
                        return;
                    }
                    if (openLoop) {
                        Long next = scheduleDue.poll(100, TimeUnit.MILLISECONDS);
                        if (next == null) {
                            if (stopping) {
                                return;
                            }
                            continue;
                        }
                        due = next;
                    } else {
                        due = System.nanoTime();
                        if (due >= measureTo) {
                            return;
                        }
                    }
                    pullSchedule(stations.get(Math.floorMod(nextStation.getAndIncrement(), stations.size())), due);
                }
            }));
        }
        // (b) battery events: each station's in order, on a pool of connections
        // as many events in flight as 64 controllers send at once (at most one each): fewer, and the generator, not the
        // service, would hold them back
        eventWorkers = Executors.newFixedThreadPool(Math.min(64, stations.size()), r -> daemon("load-events", r));
        AtomicInteger nextEvent = new AtomicInteger();
        if (settings.eventRate() > 0) {
            threads.add(pacer("load-event-pacer", settings.eventRate(),
                    due -> stations.get(Math.floorMod(nextEvent.getAndIncrement(), stations.size())).due(due)));
        }
        // (c) operators reading flexibility
        ExecutorService operators = Executors.newFixedThreadPool(4, r -> daemon("load-operators", r));
        SplittableRandom pick = new SplittableRandom(settings.seed());
        if (settings.flexRate() > 0) {
            threads.add(pacer("load-flexibility-pacer", settings.flexRate(), due -> {
                StationController s = stations.get(pick.nextInt(stations.size()));
                operators.execute(() -> read("/api/v1/stations/" + s.id + "/flexibility", flexibility, due));
            }));
        }
        if (settings.fleetFlexRate() > 0) {
            threads.add(pacer("load-fleet-flexibility-pacer", settings.fleetFlexRate(),
                    due -> operators.execute(() -> read("/api/v1/flexibility", fleetFlexibility, due))));
        }
        threads.forEach(Thread::start);

        sleepUntil(measureFrom);
        double serviceCpu0 = service.cpuSeconds();
        double clientCpu0 = clientCpuSeconds();
        Profile profiler = settings.profileDir() == null ? null : Profile.start(service.pid(), settings.profileDir());
        sleepUntil(measureTo);
        double serviceCpu1 = service.cpuSeconds();
        double clientCpu1 = clientCpuSeconds();
        stopping = true;
        Profile.Result profile = null;
        if (profiler != null) {
            log.printf(Locale.ROOT, "load: writing the profile to %s%n", settings.profileDir());
            profile = profiler.stop();
        }
        drain(threads, operators, scheduleDue);
        Instant end = Instant.now();
        double seconds = settings.duration().toNanos() / 1e9;
        boolean alive = service.alive();
        log.printf(Locale.ROOT, "load: load done; checking the events and plans%n");

        long acknowledged = 0;
        long found = 0;
        long storedUnacknowledged = 0;
        long plans = 0;
        List<Double> lags = new ArrayList<>();
        long unplanned = 0;
        double oldestUnplanned = 0;
        for (StationController s : stations) {
            StationController.Ledger ledger = s.ledger(storedEventIds(s), plansSince(s), end);
            acknowledged += ledger.acknowledged();
            found += ledger.found();
            storedUnacknowledged += ledger.storedUnacknowledged();
            plans += ledger.plans();
            lags.addAll(ledger.lags());
            unplanned += ledger.unplanned();
            oldestUnplanned = Math.max(oldestUnplanned, ledger.oldestUnplanned());
        }
        lags.sort(Double::compare);
        double maxAge = 0;
        double ageLimit = Double.POSITIVE_INFINITY;
        for (StationController s : stations) {
            maxAge = Math.max(maxAge, s.maxPlanAgeSeconds);
            ageLimit = Math.min(ageLimit, 2.0 * s.problem.horizon().slotMinutes() * 60);
        }
        double heap = heapMib();
        return new Report(settings, seconds, setupSeconds, service.pid(), schedule.summary(seconds, 200, 304),
                schedule200.get(), schedule304.get(), events.summary(seconds, 202),
                flexibility.summary(seconds, 200), fleetFlexibility.summary(seconds, 200),
                acknowledged, found, acknowledged - found, storedUnacknowledged, plans, maxAge, ageLimit,
                lags.isEmpty() ? Double.NaN : lags.get(lags.size() - 1),
                lags.isEmpty() ? Double.NaN : lags.get((int) Math.ceil(0.99 * lags.size()) - 1),
                unplanned, oldestUnplanned, (serviceCpu1 - serviceCpu0) / seconds,
                (clientCpu1 - clientCpu0) / seconds, heap, service.peakResidentMib(), alive, profile);
    }

    /**
     * A thread handing {@code onDue(due)} the times of a fixed timetable at {@code rate} per second (open loop:
     * whatever the answers do), until the window's end.
     */
    private Thread pacer(String name, double rate, LongConsumer onDue) {
        return daemon(name, (Runnable) () -> {
            long start = System.nanoTime();
            for (long k = 0; ; k++) {
                long due = start + (long) (k * 1e9 / rate);
                if (due >= measureTo || stopping) {
                    return;
                }
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                onDue.accept(due);
            }
        });
    }

    private interface Body {
        void run() throws Exception;
    }

    private static Thread worker(String name, Body body) {
        return daemon(name, () -> {
            try {
                body.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }

    private boolean measured(long due) {
        return due >= measureFrom && due < measureTo;
    }

    /** Counts an answer that arrived now towards its kind's throughput, when now is inside the window. */
    private void arrived(Latencies kind) {
        long now = System.nanoTime();
        if (now >= measureFrom && now < measureTo) {
            kind.completedInWindow();
        }
    }

    private HttpConnection.Response scheduleRequest(StationController s) throws IOException {
        String target = "/api/v1/stations/" + s.id + "/schedule?from=" + s.currentSlotStart(Instant.now());
        String etag = s.etag;
        return etag == null ? connection.get().send("GET", target, null, s.bearer)
                : connection.get().send("GET", target, null, s.bearer, "If-None-Match: " + etag);
    }

    private void pullSchedule(StationController s, long due) {
        HttpConnection.Response r;
        try {
            r = scheduleRequest(s);
        } catch (IOException e) {
            schedule.transportFailed("schedule " + s.id + ": " + e); // a failure counts wherever it falls
            return;
        }
        long latency = System.nanoTime() - due;
        arrived(schedule);
        int status = r.status();
        if (status == 200 || status == 304) {
            if (status == 200) {
                s.etag = r.header("ETag");
            }
            String age = r.header("X-Plan-Age");
            if (age != null) {
                s.planAge(Double.parseDouble(age));
            }
            if (measured(due)) {
                schedule.ok(status, latency);
                (status == 200 ? schedule200 : schedule304).incrementAndGet();
            }
        } else {
            schedule.failed(status, "schedule " + s.id + ": " + r.text());
        }
    }

    private void read(String target, Latencies into, long due) {
        try {
            HttpConnection.Response r = connection.get().send("GET", target, null, bearer(operatorToken));
            long latency = System.nanoTime() - due;
            arrived(into);
            if (r.status() == 503 && r.header("Retry-After") != null) {
                into.notReady();
            } else if (r.status() != 200) {
                into.failed(r.status(), target + ": " + r.text());
            } else if (measured(due)) {
                into.ok(200, latency);
            }
        } catch (IOException e) {
            into.transportFailed(target + ": " + e);
        }
    }

    /**
     * Waits (bounded) for the work due inside the window: queued schedule pulls, events and flexibility reads. What is
     * still unanswered a request timeout after the end counts as failed.
     */
    private void drain(List<Thread> threads, ExecutorService operators,
                       java.util.concurrent.BlockingQueue<Long> scheduleDue) throws InterruptedException {
        long deadline = System.nanoTime() + REQUEST_TIMEOUT.toNanos() + TimeUnit.SECONDS.toNanos(5);
        for (Thread t : threads) {
            t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
        operators.shutdown();
        operators.awaitTermination(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        while (System.nanoTime() < deadline && stations.stream().anyMatch(s -> !s.idle())) {
            Thread.sleep(50);
        }
        abandoned = true;
        int unsentSchedules = scheduleDue.size();
        scheduleDue.clear();
        long busyPullers = threads.stream().filter(Thread::isAlive).count();
        int unstarted = operators.shutdownNow().size();
        long unsentEvents = 0;
        long busyStations = 0;
        for (StationController s : stations) {
            synchronized (s) {
                unsentEvents += s.pending.size();
                s.pending.clear();
                busyStations += s.inFlight ? 1 : 0;
            }
        }
        eventWorkers.shutdownNow();
        if (unsentSchedules + busyPullers + unstarted + unsentEvents + busyStations > 0) {
            log.printf(Locale.ROOT, "load: %s after the end, still queued: %d schedule pulls, %d flexibility reads, %d "
                    + "events; still unanswered: %d pulls or reads, %d events%n", REQUEST_TIMEOUT, unsentSchedules,
                    unstarted, unsentEvents, busyPullers, busyStations);
        }
        String late = " not sent or unanswered " + REQUEST_TIMEOUT + " after the end: the service fell behind";
        for (long i = 0; i < unsentSchedules + busyPullers; i++) {
            schedule.transportFailed("schedule pulls" + late);
        }
        for (int i = 0; i < unstarted; i++) {
            flexibility.transportFailed("flexibility reads" + late);
        }
        for (long i = 0; i < unsentEvents + busyStations; i++) {
            events.transportFailed("events" + late);
        }
    }

    // ---------------------------------------------------------------- checks after the load

    private Set<Long> storedEventIds(StationController s) throws IOException {
        Set<Long> ids = new HashSet<>();
        if (!s.sentAny) {
            return ids;
        }
        JsonNode events = getJson("/api/v1/stations/" + s.id + "/events?limit=10000");
        for (JsonNode e : events) {
            ids.add(e.path("id").asLong());
        }
        if (ids.size() == 10_000) {
            log.printf("load: station %s holds 10,000 events or more: only the newest were compared%n", s.id);
        }
        return ids;
    }

    /** The plans committed since the run started: {revision, createdAt (epoch ms)} each. */
    private List<long[]> plansSince(StationController s) throws IOException {
        List<long[]> plans = new ArrayList<>();
        for (JsonNode v : getJson("/api/v1/stations/" + s.id + "/plans")) {
            if (v.asLong() > s.startVersion) {
                JsonNode plan = getJson("/api/v1/stations/" + s.id + "/plan?version=" + v.asLong());
                plans.add(new long[]{plan.path("revision").asLong(),
                        Instant.parse(plan.path("createdAt").asText()).toEpochMilli()});
            }
        }
        return plans;
    }

    private JsonNode getJson(String path) throws IOException {
        HttpConnection.Response r = connection.get().send("GET", path, null, bearer(operatorToken));
        if (r.status() != 200) {
            throw new IllegalStateException("GET " + path + ": " + r.status() + " " + r.text());
        }
        return JSON.readTree(r.body());
    }

    /** The service's heap in use now (MiB, from its Prometheus metrics), or NaN. */
    private double heapMib() {
        try {
            HttpConnection.Response r = connection.get().send("GET", "/q/metrics", null, bearer(operatorToken));
            double bytes = 0;
            for (String line : r.text().split("\n")) {
                if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                    bytes += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return bytes / (1024 * 1024);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    private static double clientCpuSeconds() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime() / 1e9;
        }
        return Double.NaN;
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long wait;
        while ((wait = nanoTime - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    static String bearer(String token) {
        return "Authorization: Bearer " + token;
    }

    static long number(Pattern pattern, String body) {
        Matcher m = pattern.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no " + pattern + " in " + body);
        }
        return Long.parseLong(m.group(1));
    }
}
