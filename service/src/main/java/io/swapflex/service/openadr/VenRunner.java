package io.swapflex.service.openadr;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@link Ven}'s rounds one after another on an executor of its own, each after the wait the last round asked
 * for; {@link #soon()} (a VTN's notification) brings the next round forward. One round at a time.
 */
public final class VenRunner {

    private final Ven ven;
    private final ScheduledExecutorService executor;
    private ScheduledFuture<?> next;
    private boolean stopped;

    public VenRunner(Ven ven, ScheduledExecutorService executor) {
        this.ven = ven;
        this.executor = executor;
    }

    public Ven ven() {
        return ven;
    }

    /** The first round, at once. */
    public void start() {
        schedule(Duration.ZERO);
    }

    /** The next round now (a notification came), unless one is running. */
    public synchronized void soon() {
        if (next != null && next.cancel(false)) {
            schedule(Duration.ZERO);
        }
    }

    public synchronized void stop() {
        stopped = true;
        if (next != null) {
            next.cancel(false);
        }
        executor.shutdownNow();
    }

    private synchronized void schedule(Duration wait) {
        if (!stopped) {
            next = executor.schedule(this::run, wait.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void run() {
        schedule(ven.round());
    }
}
