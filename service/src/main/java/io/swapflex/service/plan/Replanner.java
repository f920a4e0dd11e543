package io.swapflex.service.plan;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Debounced re-planning, one solve at a time per station.
 *
 * <p>A request marks the station for a re-plan that starts {@code debounce} after the first request of a burst (the
 * requests within the window share one solve). A request arriving while the station's solve runs is kept and starts
 * one more solve, debounced again, when the running one ends: the last change is always planned, and never two solves
 * of one station at once. Different stations plan in parallel on the executor's threads.
 */
public final class Replanner {

    private final ScheduledExecutorService executor;
    private final Duration debounce;
    private final BiConsumer<String, String> planner;
    private final Map<String, State> states = new ConcurrentHashMap<>();

    /** What one station's re-planning is doing; guarded by its own monitor. */
    private static final class State {
        boolean scheduled;
        boolean running;
        boolean again;
        String reason;
        long completed;
    }

    /**
     * @param planner plans a station (station id, reason); exceptions are logged, never stop later re-plans
     */
    public Replanner(ScheduledExecutorService executor, Duration debounce, BiConsumer<String, String> planner) {
        this.executor = executor;
        this.debounce = debounce;
        this.planner = planner;
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

    /** Stops planning: running solves are interrupted, waiting ones dropped. */
    public void shutdown() {
        executor.shutdownNow();
    }

    private void schedule(String stationId, State state) {
        executor.schedule(() -> run(stationId, state), debounce.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void run(String stationId, State state) {
        String reason;
        synchronized (state) {
            state.scheduled = false;
            state.running = true;
            reason = state.reason;
        }
        try {
            planner.accept(stationId, reason);
        } catch (RuntimeException e) {
            PlanningService.logFailure(stationId, e);
        } finally {
            synchronized (state) {
                state.running = false;
                state.completed++;
                if (state.again) {
                    state.again = false;
                    state.scheduled = true;
                    schedule(stationId, state);
                }
                state.notifyAll();
            }
        }
    }
}
