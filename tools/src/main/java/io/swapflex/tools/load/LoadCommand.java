package io.swapflex.tools.load;

import io.swapflex.service.testing.ServiceProcess;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * {@code swapflex bench load [options]}: runs {@link LoadTest} against the packaged service and prints the table.
 * Exit 0 when nothing failed outright (a target missed is printed as MISS, not an error), 1 when a request failed, an
 * acknowledged event is missing or the service died, 2 for bad options.
 */
public final class LoadCommand {

    public static final String USAGE = """
              bench load [--stations 200] [--duration 60s] [--warmup 30s] [--schedule-rate 2100 (0: closed loop)]
                         [--concurrency 64] [--event-rate 520] [--flex-rate 5] [--fleet-flex-rate 0.5] [--seed 1]
                         [--plan-time-limit 1s] [--setup-timeout 30m] [--service-opt -Dkey=value]... [--keep-data]
                         [--service-jar service/target/quarkus-app/quarkus-run.jar]
                                            load test of the packaged service on 127.0.0.1 (prints the table)
            """;

    private LoadCommand() {
    }

    /** The target figures of issue #8. */
    static final double SCHEDULE_RATE_TARGET = 2000;
    static final double SCHEDULE_P99_TARGET_MS = 20;
    static final double EVENT_RATE_TARGET = 500;

    public static int run(String[] args, PrintStream out, PrintStream err) throws IOException, InterruptedException {
        int stations = 200;
        long seed = 1;
        Duration warmup = Duration.ofSeconds(30);
        Duration duration = Duration.ofSeconds(60);
        double scheduleRate = 2100;
        int concurrency = 64;
        double eventRate = 520;
        double flexRate = 5;
        double fleetFlexRate = 0.5;
        Duration setupTimeout = Duration.ofMinutes(30);
        String planTimeLimit = "1s";
        boolean keep = false;
        Path jar = ServiceProcess.packagedJar();
        List<String> options = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--stations" -> stations = (int) positive(args, ++i);
                case "--seed" -> seed = (long) number(args, ++i);
                case "--duration" -> duration = duration(args, ++i);
                case "--warmup" -> warmup = duration(args, ++i);
                case "--schedule-rate" -> scheduleRate = number(args, ++i);
                case "--concurrency" -> concurrency = (int) positive(args, ++i);
                case "--event-rate" -> eventRate = number(args, ++i);
                case "--flex-rate" -> flexRate = number(args, ++i);
                case "--fleet-flex-rate" -> fleetFlexRate = number(args, ++i);
                case "--setup-timeout" -> setupTimeout = duration(args, ++i);
                case "--plan-time-limit" -> planTimeLimit = value(args, ++i);
                case "--service-opt" -> options.add(value(args, ++i));
                case "--keep-data" -> keep = true;
                case "--service-jar" -> jar = Path.of(value(args, ++i));
                default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'\n" + USAGE);
            }
        }
        options.add(0, "-Dswapflex.planning.time-limit=" + planTimeLimit);
        Path dataDir = Files.createTempDirectory("swapflex-load-");
        LoadTest.Settings settings = new LoadTest.Settings(stations, seed, warmup, duration, scheduleRate, concurrency,
                eventRate, flexRate, fleetFlexRate, setupTimeout, options, jar, dataDir);
        LoadTest.Report report = new LoadTest(settings, err).run();
        boolean failed = print(report, out);
        if (keep || failed) {
            err.println("load: the service's data and log are kept in " + dataDir);
        } else {
            delete(dataDir);
        }
        return failed ? 1 : 0;
    }

    /**
     * Prints the table and the targets.
     *
     * @return whether something failed outright (a failed request, a lost event, the service gone)
     */
    public static boolean print(LoadTest.Report r, PrintStream out) {
        LoadTest.Settings s = r.settings();
        int cores = Runtime.getRuntime().availableProcessors();
        out.printf(Locale.ROOT, "SwapFlex load test: %d stations, %.0f s measured after %s warm-up, %d cores, "
                        + "service pid %d (%s)%n", s.stations(), r.measuredSeconds(), s.warmup(), cores,
                r.servicePid(), String.join(" ", s.serviceOptions()));
        out.printf(Locale.ROOT, "asked: schedules %s, events %.0f/s, station flexibility %.1f/s, fleet flexibility "
                        + "%.1f/s; setup (register + first plans) %.0f s%n",
                s.scheduleRate() > 0 ? String.format(Locale.ROOT, "%.0f/s", s.scheduleRate())
                        : "closed loop x" + s.scheduleConcurrency(),
                s.eventRate(), s.flexRate(), s.fleetFlexRate(), r.setupSeconds());
        out.println();
        out.println("| request | answered | answers/s in the window | p50 ms | p95 ms | p99 ms | max ms | 503 not ready | failed |");
        out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        row(out, String.format(Locale.ROOT, "schedule GET (%d × 200, %d × 304)", r.schedule200(), r.schedule304()),
                r.schedule());
        row(out, "battery event POST (202)", r.events());
        row(out, "station flexibility GET", r.flexibility());
        row(out, "fleet flexibility GET", r.fleetFlexibility());
        out.println();
        out.printf(Locale.ROOT, "events: %d acknowledged, %d found stored, %d lost, %d stored without an "
                + "acknowledgement%n", r.eventsAcknowledged(), r.eventsFound(), r.eventsLost(),
                r.eventsStoredUnacknowledged());
        out.printf(Locale.ROOT, "plans: %d committed during the load; oldest plan served %.0f s (limit: two slots, "
                + "%.0f s)%n", r.plansDuringRun(), r.maxPlanAgeSeconds(), r.planAgeLimitSeconds());
        out.printf(Locale.ROOT, "event → plan: an acknowledged event was in a committed plan after at most %.1f s "
                        + "(p99 %.1f s); %d events not yet planned at the end, the oldest %.0f s old%n",
                r.maxEventLagSeconds(), r.p99EventLagSeconds(), r.eventsUnplannedAtEnd(), r.oldestUnplannedSeconds());
        out.printf(Locale.ROOT, "CPU over the window: service %.2f cores, load generator %.2f cores (of %d); "
                + "service heap in use at the end %.0f MiB, peak resident %.0f MiB%n", r.serviceCores(),
                r.clientCores(), cores, r.heapMib(), r.peakResidentMib());
        for (Latencies.Summary kind : List.of(r.schedule(), r.events(), r.flexibility(), r.fleetFlexibility())) {
            if (kind.failed() > 0) {
                out.println("first failure: " + kind.firstFailure() + " (statuses " + kind.statuses() + ")");
            }
        }
        out.println();
        target(out, r.schedule().perSecond() >= SCHEDULE_RATE_TARGET, String.format(Locale.ROOT,
                "schedule pulls ≥ %.0f/s: %.0f/s", SCHEDULE_RATE_TARGET, r.schedule().perSecond()));
        target(out, r.schedule().p99() <= SCHEDULE_P99_TARGET_MS, String.format(Locale.ROOT,
                "schedule p99 ≤ %.0f ms: %.1f ms", SCHEDULE_P99_TARGET_MS, r.schedule().p99()));
        target(out, r.events().perSecond() >= EVENT_RATE_TARGET, String.format(Locale.ROOT,
                "events accepted ≥ %.0f/s: %.0f/s", EVENT_RATE_TARGET, r.events().perSecond()));
        target(out, r.eventsLost() == 0 && r.eventsAcknowledged() > 0, String.format(Locale.ROOT,
                "no acknowledged event lost: %d of %d", r.eventsLost(), r.eventsAcknowledged()));
        target(out, r.failedRequests() == 0, "no request failed: " + r.failedRequests() + " failed");
        target(out, r.maxPlanAgeSeconds() <= r.planAgeLimitSeconds(), String.format(Locale.ROOT,
                "plan age ≤ two slots: %.0f s of %.0f s", r.maxPlanAgeSeconds(), r.planAgeLimitSeconds()));
        if (!r.serviceAlive()) {
            out.println("FAIL the service process died during the load");
        }
        return r.failedRequests() > 0 || r.eventsLost() > 0 || !r.serviceAlive();
    }

    private static void row(PrintStream out, String name, Latencies.Summary s) {
        out.printf(Locale.ROOT, "| %s | %d | %.0f | %.1f | %.1f | %.1f | %.1f | %d | %d |%n", name, s.ok(),
                s.perSecond(), s.p50(), s.p95(), s.p99(), s.max(), s.notReady(), s.failed());
    }

    private static void target(PrintStream out, boolean met, String what) {
        out.println((met ? "PASS " : "MISS ") + what);
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    private static double number(String[] args, int i) {
        String text = value(args, i);
        try {
            double v = Double.parseDouble(text);
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException(args[i - 1] + " must be a number ≥ 0, is " + text);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(args[i - 1] + " '" + text + "' is not a number");
        }
    }

    private static double positive(String[] args, int i) {
        double v = number(args, i);
        if (v < 1 || v != Math.floor(v)) {
            throw new IllegalArgumentException(args[i - 1] + " must be a whole number ≥ 1, is " + args[i]);
        }
        return v;
    }

    /** 90s, 500ms, 2m, 1h. */
    private static Duration duration(String[] args, int i) {
        String text = value(args, i);
        try {
            if (text.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
            }
            long n = Long.parseLong(text.substring(0, text.length() - 1));
            return switch (text.charAt(text.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                default -> throw new NumberFormatException();
            };
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            throw new IllegalArgumentException(args[i - 1] + " '" + text + "' is not a duration like 60s, 500ms, 2m");
        }
    }
}
