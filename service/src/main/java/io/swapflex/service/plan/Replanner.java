package io.swapflex.service.plan;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Debounced re-planning, one solve at a time per station.
 *
 * <p>A request marks the station for a re-plan that starts {@code debounce} after the first request of a burst (the
 * requests within the window share one solve). A request arriving while the station's solve runs is kept and starts
 * one more solve, debounced again, when the running one ends: the last change is always planned, and never two solves
 * of one station at once. Different stations plan in parallel on the executor's threads.
 *
 * <p>A re-plan that fails for a passing reason (the database unreachable or its disk full, a solve past its deadline:
 * see the {@code retry} predicate) is tried again after a back-off that doubles from {@code firstRetry} up to
 * {@code maxRetry}, so the station gets a plan once the fault is gone, without waiting for its next event.
 */
public final class Replanner {

    private static final Logger LOG = Logger.getLogger(Replanner.class.getName());

    private final ScheduledExecutorService executor;
    private final Duration debounce;
    private final BiConsumer<String, String> planner;
    private final Map<String, State> states = new ConcurrentHashMap<>();
    private final Predicate<RuntimeException> retry;
    private final Duration firstRetry;
    private final Duration maxRetry;

    /** What one station's re-planning is doing; guarded by its own monitor. */
    private static final class State {
        boolean scheduled;
        boolean running;
        boolean again;
        String reason;
        long completed;
        /** Failed re-plans in a row that are being retried. */
        int failures;
    }

    /**
     * @param planner plans a station (station id, reason); exceptions are logged, never stop later re-plans
     */
    public Replanner(ScheduledExecutorService executor, Duration debounce, BiConsumer<String, String> planner) {
        this(executor, debounce, planner, e -> false, Duration.ofSeconds(1), Duration.ofMinutes(1));
    }

    /**
     * @param planner    plans a station (station id, reason); exceptions are logged, never stop later re-plans
     * @param retry      which failures pass by themselves, so the re-plan is tried again
     * @param firstRetry the first back-off after such a failure; each further failure in a row doubles it
     * @param maxRetry   the longest back-off
     */
    public Replanner(ScheduledExecutorService executor, Duration debounce, BiConsumer<String, String> planner,
                     Predicate<RuntimeException> retry, Duration firstRetry, Duration maxRetry) {
        this.executor = executor;
        this.debounce = debounce;
        this.planner = planner;
        this.retry = retry;
        this.firstRetry = firstRetry;
        this.maxRetry = maxRetry;
    }

    /** Asks for a re-plan of the station. */
    public void request(String stationId, String reason) {
        State state = states.computeIfAbsent(stationId, k -> new State());
        synchronized (state) {
            if (state.running) {
                state.again = true;
                state.reason = reason;
            } else if (!state.scheduled) {
                state.scheduled = true;
                state.reason = reason;
                schedule(stationId, state);
            }
        }
    }

    /** Whether a re-plan of the station is waiting or running. */
    public boolean busy(String stationId) {
        State state = states.get(stationId);
        if (state == null) {
            return false;
        }
        synchronized (state) {
            return state.scheduled || state.running;
        }
    }

    /** How many re-plans of the station have ended (with a plan or a logged failure). */
    public long completed(String stationId) {
        State state = states.get(stationId);
        if (state == null) {
            return 0;
        }
        synchronized (state) {
            return state.completed;
        }
    }

    /**
     * Waits until no re-plan of the station is waiting or running.
     *
     * @return false when the timeout passed first
     */
    public boolean awaitIdle(String stationId, Duration timeout) throws InterruptedException {
        State state = states.get(stationId);
        if (state == null) {
            return true;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (state) {
            while (state.scheduled || state.running) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(state, left);
            }
            return true;
        }
    }

    /**
     * Re-plans, every {@code period}, the stations that {@code stationIds} names at that moment (as time moves on, the
     * horizon rolls to the current slot).
     */
    public void every(Duration period, Supplier<List<String>> stationIds) {
        executor.scheduleAtFixedRate(() -> {
            try {
                stationIds.get().forEach(id -> request(id, "scheduled refresh"));
            } catch (RuntimeException e) {
                PlanningService.logFailure("(scheduled refresh)", e);
            }
        }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** firstRetry · 2^(failures − 1), at most maxRetry. */
    private Duration backOff(int failures) {
        Duration delay = firstRetry;
        for (int i = 1; i < failures && delay.compareTo(maxRetry) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxRetry) > 0 ? maxRetry : delay;
    }

    /** Stops planning: running solves are interrupted, waiting ones dropped. */
    public void shutdown() {
        executor.shutdownNow();
    }

    private void schedule(String stationId, State state) {
        schedule(stationId, state, debounce);
    }

    private void schedule(String stationId, State state, Duration delay) {
        executor.schedule(() -> run(stationId, state), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void run(String stationId, State state) {
        String reason;
        synchronized (state) {
            state.scheduled = false;
            state.running = true;
            reason = state.reason;
        }
        boolean retrying = false;
        try {
            planner.accept(stationId, reason);
        } catch (RuntimeException e) {
            retrying = retry.test(e);
            if (!retrying) {
                PlanningService.logFailure(stationId, e);
            } else {
                LOG.warning(() -> "re-plan of " + stationId + " failed, tried again later: " + e.getMessage());
            }
        } finally {
            synchronized (state) {
                state.running = false;
                state.completed++;
                state.failures = retrying ? state.failures + 1 : 0;
                if (state.again) {
                    state.again = false;
                    state.scheduled = true;
                    schedule(stationId, state);
                } else if (retrying) {
                    state.scheduled = true;
                    schedule(stationId, state, backOff(state.failures));
                }
                state.notifyAll();
            }
        }
    }
}
