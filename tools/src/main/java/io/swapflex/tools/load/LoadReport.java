package io.swapflex.tools.load;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** A load test's report: the table of answers and latencies, what was stored and lost, and the targets met or missed. */
public final class LoadReport {

    /** The target figures of issues #8 and #18. */
    static final double SCHEDULE_RATE_TARGET = 2000;
    static final double SCHEDULE_P99_TARGET_MS = 20;
    static final double SCHEDULE_MAX_TARGET_MS = 100;
    static final double EVENT_RATE_TARGET = 500;
    static final double EVENT_P99_TARGET_MS = 50;
    static final double FLEXIBILITY_P99_TARGET_MS = 20;

    private LoadReport() {
    }

    /**
     * Prints the table and the targets.
     *
     * @return whether something failed outright (a failed request, a lost event, the service gone)
     */
    public static boolean print(LoadTest.Report r, PrintStream out) {
        LoadTest.Settings s = r.settings();
        int cores = Runtime.getRuntime().availableProcessors();
        out.printf(Locale.ROOT, "SwapFlex load test: %d stations on %s, %.0f s measured after %s warm-up, %d cores, "
                        + "service pid %d (%s)%n", s.stations(), s.database(), r.measuredSeconds(), s.warmup(), cores,
                r.servicePid(), String.join(" ", s.serviceOptions()));
        out.printf(Locale.ROOT, "asked: schedules %s, events %.0f/s, station flexibility %.1f/s, fleet flexibility "
                        + "%.1f/s; setup (register + first plans) %.0f s%n",
                s.scheduleRate() > 0 ? String.format(Locale.ROOT, "%.0f/s", s.scheduleRate())
                        : "closed loop x" + s.scheduleConcurrency(),
                s.eventRate(), s.flexRate(), s.fleetFlexRate(), r.setupSeconds());
        out.println();
        out.println("| request | answered | answers/s in the window | p50 ms | p95 ms | p99 ms | max ms | 503 not ready "
                + "| 429 busy | failed |");
        out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
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
        if (r.profile() != null) {
            Profile.Result p = r.profile();
            out.printf(Locale.ROOT, "profile of the window (%d CPU samples): flame graph %s, folded stacks %s, JFR %s%n",
                    p.samples(), p.svg(), p.folded(), p.jfr());
            p.summary().forEach(line -> out.println("  " + line));
        }
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
        target(out, r.schedule().max() <= SCHEDULE_MAX_TARGET_MS, String.format(Locale.ROOT,
                "schedule max ≤ %.0f ms: %.1f ms", SCHEDULE_MAX_TARGET_MS, r.schedule().max()));
        target(out, r.events().perSecond() >= EVENT_RATE_TARGET, String.format(Locale.ROOT,
                "events accepted ≥ %.0f/s: %.0f/s", EVENT_RATE_TARGET, r.events().perSecond()));
        target(out, r.events().p99() <= EVENT_P99_TARGET_MS, String.format(Locale.ROOT,
                "event p99 ≤ %.0f ms from when due (stored): %.1f ms; %d answered 429", EVENT_P99_TARGET_MS,
                r.events().p99(), r.events().busy()));
        target(out, r.flexibility().p99() <= FLEXIBILITY_P99_TARGET_MS && r.flexibility().notReady() == 0,
                String.format(Locale.ROOT, "station flexibility p99 ≤ %.0f ms and no 503: %.1f ms, %d × 503",
                        FLEXIBILITY_P99_TARGET_MS, r.flexibility().p99(), r.flexibility().notReady()));
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
        out.printf(Locale.ROOT, "| %s | %d | %.0f | %.1f | %.1f | %.1f | %.1f | %d | %d | %d |%n", name, s.ok(),
                s.perSecond(), s.p50(), s.p95(), s.p99(), s.max(), s.notReady(), s.busy(), s.failed());
    }

    private static void target(PrintStream out, boolean met, String what) {
        out.println((met ? "PASS " : "MISS ") + what);
    }
}
