package io.swapflex.optimizer.flow;

/**
 * The time one solve reads for its deadlines: the wall clock, or — in a deterministic solve — a virtual clock that
 * advances a fixed quantum at every read. Under the virtual clock the search stops after a fixed amount of work (so
 * many deadline checks), whatever the machine's speed or load, and two runs of the same problem give the same plan.
 * A virtual clock belongs to one solve on one thread.
 *
 * <p>A capped virtual clock ({@link #capped}, then {@link #capWall}) reads the later of the virtual time and a
 * catch-up line on the wall clock: nothing during the first half of the wall limit, then rising from 0 to the solve's
 * final deadline as the wall time goes from half the limit to the limit. On a machine that keeps ahead of the line
 * (it does the budget's work within the limit, and half of it within three quarters, and so on) the clock is the
 * virtual one and the solve is deterministic; on a slow or busy machine the line takes over, the rest of the search's
 * schedule (its coarse-to-fine switch, its rounds) is compressed into the time left, and the search stops at the wall
 * time limit with what it found (which then depends on the machine).
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
     * Arms the catch-up line of a capped clock: {@code wallNanos} of wall time since the clock was made is the limit,
     * {@code deadline} the solve's last deadline on this clock (see the class comment).
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

    /** Whether the wall clock's line overtook the virtual time (the plan then depends on the machine's speed). */
    boolean wallAhead() {
        return wallAhead;
    }

    long now() {
        if (quantumNanos == 0) {
            return System.nanoTime();
        }
        virtualNanos += quantumNanos;
        if (capped && wallCapNanos != Long.MAX_VALUE) {
            long wall = System.nanoTime() - wallOrigin;
            long half = wallCapNanos / 2;
            if (wall > half) {
                // the line: 0 at half the limit, the deadline at the limit (and beyond)
                double share = Math.min(1.0, (double) (wall - half) / Math.max(1, wallCapNanos - half));
                long line = wall >= wallCapNanos ? Math.max(capDeadline, (long) (capDeadline * share))
                        : (long) (capDeadline * share);
                if (line > virtualNanos) {
                    wallAhead = true;
                    virtualNanos = line;
                }
            }
        }
        return virtualNanos;
    }
}
