package io.swapflex.optimizer.flow;

/**
 * The time one solve reads for its deadlines: the wall clock, or — in a deterministic solve — a virtual clock that
 * advances a fixed quantum at every read. Under the virtual clock the search stops after a fixed amount of work (so
 * many deadline checks), whatever the machine's speed or load, and two runs of the same problem give the same plan.
 * A virtual clock belongs to one solve on one thread.
 *
 * <p>A capped virtual clock ({@link #capped}, then {@link #capWall}) is the virtual clock until the wall time since it
 * was made reaches the cap; from then on it reads the solve's final deadline, so the search stops at its next check.
 * On a machine fast enough to do the work within the time limit the cap never fires and the solve is deterministic;
 * on a slow or busy machine the search ends at the wall time limit with the plan found by then (the same search cut
 * short: what it found depends on how far it got).
 */
final class SolveClock {

    /** The wall clock ({@link System#nanoTime()}), shared. */
    static final SolveClock WALL = new SolveClock(0, false);

    private final long quantumNanos;
    private final boolean capped;
    private final long wallOrigin = System.nanoTime();
    private long virtualNanos;
    private boolean wallAhead;
    private long wallCapNanos = Long.MAX_VALUE;
    private long capDeadline;

    private SolveClock(long quantumNanos, boolean capped) {
        this.quantumNanos = quantumNanos;
        this.capped = capped;
    }

    /** A virtual clock, at 0, advancing {@code quantumNanos} at every read. */
    static SolveClock virtual(long quantumNanos) {
        return create(quantumNanos, false);
    }

    /** A virtual clock that a wall-time cap can end (see the class comment and {@link #capWall}). */
    static SolveClock capped(long quantumNanos) {
        return create(quantumNanos, true);
    }

    private static SolveClock create(long quantumNanos, boolean capped) {
        if (quantumNanos <= 0) {
            throw new IllegalArgumentException("quantum must be positive");
        }
        return new SolveClock(quantumNanos, capped);
    }

    /**
     * Arms the cap of a capped clock: once {@code wallNanos} of wall time have passed since the clock was made, it
     * reads {@code deadline} (the solve's last deadline on this clock) or later.
     */
    void capWall(long wallNanos, long deadline) {
        if (capped) {
            wallCapNanos = wallNanos;
            capDeadline = deadline;
        }
    }

    boolean isVirtual() {
        return quantumNanos > 0;
    }

    /** Whether the wall-time cap fired (the plan then depends on the machine's speed). */
    boolean wallAhead() {
        return wallAhead;
    }

    long now() {
        if (quantumNanos == 0) {
            return System.nanoTime();
        }
        virtualNanos += quantumNanos;
        if (capped && System.nanoTime() - wallOrigin >= wallCapNanos && virtualNanos < capDeadline) {
            wallAhead = true;
            virtualNanos = capDeadline;
        }
        return virtualNanos;
    }
}
