package io.swapflex.tools.crash;

import java.util.Locale;

/** The crash harness's table: a row a round, its header and the legend of its columns. */
public final class CrashTable {

    private CrashTable() {
    }

    public static final String HEADER = String.format(Locale.ROOT,
            "%5s %7s %7s %7s %7s %5s %7s %7s %6s %6s %7s %7s %5s %5s %9s %7s %5s %8s",
            "round", "kill s", "events", "acked", "found", "lost", "plans", "intact", "lost", "chgd", "halfwr",
            "stored", "bad", "gaps", "dispatch", "noplan", "5xx", "restart");

    /** One table row; the columns are explained by {@link #legend()}. */
    public static String describe(CrashHarness.Round r) {
        return String.format(Locale.ROOT, "%5d %7.1f %7d %7d %7d %5d %7d %7d %6d %6d %7d %7d %5d %5d %4d/%-4d %7d %5d %7.1fs",
                r.round(), r.killAfterMillis() / 1000.0, r.eventsAckedInRound(), r.eventsAcked(), r.eventsFound(),
                r.eventsLost() + r.eventsChanged(), r.plansServed(), r.plansIntact(), r.plansLost(), r.plansChanged(),
                r.halfWrittenServed(), r.versionsStored(), r.versionsUnsound(), r.versionGaps(), r.dispatchFound(),
                r.dispatchAcked(), r.dispatchWithoutPlan(), r.errors5xx(), r.restartMillis() / 1000.0);
    }

    public static String legend() {
        return """
                kill s: SIGKILL this long after the round's workload started; events: acknowledged (202) in the round;
                acked/found/lost: every acknowledged event so far / found unchanged after the restart / missing or changed;
                plans: plan versions served so far (GET plan, 201 dispatch answers); intact: served again with the same
                content hash; lost: 404 now; chgd: another content under the same version; halfwr: served plans that did
                not parse or whose objective the checker could not recompute or whose verdict differed (so far);
                stored: versions stored now; bad: stored versions failing that check; gaps: stations whose versions do not
                run 1..N; dispatch: accepted (201) requests found / acknowledged; noplan: stations of stored requests
                whose named plan version is missing or another plan; 5xx: server errors while it ran;
                restart: process start to /q/health/ready answering 200.""";
    }
}
