package io.swapflex.service.plan;

import java.time.Duration;
import java.util.Locale;

/**
 * A solve did not end within its deadline (its time limit plus the grace {@link PlanningService} allows): the
 * watchdog gave up waiting for it, so nothing was committed and the last plan stays in service.
 */
public final class SolveOverrunException extends RuntimeException {

    public SolveOverrunException(String what, Duration timeLimit, Duration deadline) {
        super(what + " did not end within its deadline (time limit " + seconds(timeLimit) + ", given up after "
                + seconds(deadline) + "); the last plan stays in service");
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
