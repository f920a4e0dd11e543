package io.swapflex.optimizer.flow;

/**
 * The time one solve reads for its deadlines: the wall clock, or — in a deterministic solve — a virtual clock that
 * advances a fixed quantum at every read. Under the virtual clock the search stops after a fixed amount of work (so
 * many deadline checks), whatever the machine's speed or load, and two runs of the same problem give the same plan.
 * A virtual clock belongs to one solve on one thread.
 *
 * <p>A capped virtual clock ({@link #workCharged} with a cap, then {@link #capWall}) reads the later of the virtual time and a
 * catch-up line on the wall clock: nothing during the first half of the wall limit, then rising from 0 to the solve's
 * final deadline as the wall time goes from half the limit to the limit. On a machine that keeps ahead of the line
 * (it does the budget's work within the limit, and half of it within three quarters, and so on) the clock is the
 * virtual one and the solve is deterministic; on a slow or busy machine the line takes over, the rest of the search's
 * schedule (its coarse-to-fine switch, its rounds) is compressed into the time left, and the search stops at the wall
 * time limit with what it found (which then depends on the machine).
 *
 * <p>A work-charged clock ({@link #workCharged}) also advances by the work done between reads: the plan search charges
 * each bay's best response and the swap-first sweep what they cost one core of the reference machine ({@link #charge}),
 * times the clock's work rate. Its virtual time then follows the search's CPU time wherever the time goes — a read
 * after a single best response and one after a twelve-bay group re-plan are no longer charged alike — so a budget means
 * the same amount of work on 12 bays as on 400, and on a quiet machine the solve ends near the time limit, not at a
 * fraction or a multiple of it.
 */
final class SolveClock {

    /** The wall clock ({@link System#nanoTime()}), shared. */
    static final SolveClock WALL = new SolveClock(0, false, 0.0);

    private final long quantumNanos;
    private final boolean capped;
    /** Virtual nanoseconds per nanosecond of reference CPU work charged ({@link #charge}); 0: work is not charged. */
    private final double workRate;
    private final long wallOrigin = System.nanoTime();
    private long virtualNanos;
    private boolean wallAhead;
    private long wallCapNanos = Long.MAX_VALUE;
    private long capDeadline;
    private long tickPeriod;
    private long nextTick = Long.MAX_VALUE;
    private Runnable tick;
    private boolean ticking;

    private SolveClock(long quantumNanos, boolean capped, double workRate) {
        this.quantumNanos = quantumNanos;
        this.capped = capped;
        this.workRate = workRate;
    }

    /** A virtual clock, at 0, advancing {@code quantumNanos} at every read. */
    static SolveClock virtual(long quantumNanos) {
        if (quantumNanos <= 0) {
            throw new IllegalArgumentException("quantum must be positive");
        }
        return new SolveClock(quantumNanos, false, 0.0);
    }

    /**
     * A virtual clock that also advances by the work charged ({@link #charge}): {@code readNanos} per read (the
     * bookkeeping between reads) and {@code workRate} virtual nanoseconds per nanosecond of reference CPU work.
     *
     * @param capped whether a wall-time cap can end it (see the class comment and {@link #capWall})
     */
    static SolveClock workCharged(long readNanos, double workRate, boolean capped) {
        if (readNanos <= 0 || !(workRate > 0)) {
            throw new IllegalArgumentException("read quantum and work rate must be positive");
        }
        return new SolveClock(readNanos, capped, workRate);
    }

    /** Whether work is charged to this clock (then the plan search paces the dual by it: {@link SearchLoop}). */
    boolean chargesWork() {
        return workRate > 0;
    }

    /**
     * Charges work done by the solve's own thread: {@code cpuNanos} of one core of the reference machine (an estimate
     * from the work's size, never a measurement, so that the clock stays deterministic). Nothing on other clocks.
     */
    void charge(long cpuNanos) {
        if (workRate > 0) {
            virtualNanos += (long) (cpuNanos * workRate);
        }
    }

    /** The virtual time {@code cpuNanos} of reference work takes on this clock (0 where work is not charged). */
    long virtualOf(long cpuNanos) {
        return (long) (cpuNanos * workRate);
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

    /**
     * Wall nanoseconds left before a capped clock's wall limit ({@link #capWall}); {@link Long#MAX_VALUE} on a clock
     * without one.
     */
    long wallNanosLeft() {
        if (!capped || wallCapNanos == Long.MAX_VALUE) {
            return Long.MAX_VALUE;
        }
        return wallCapNanos - (System.nanoTime() - wallOrigin);
    }

    /**
     * The wall limit has passed while the solve waited outside the clock (for the dual's batch): the clock jumps to the
     * last deadline, so the search ends at its next read, and the plan is marked as the wall clock's.
     */
    void expire() {
        wallAhead = true;
        virtualNanos = Math.max(virtualNanos, capDeadline);
    }

    /** Whether the wall clock's line overtook the virtual time (the plan then depends on the machine's speed). */
    boolean wallAhead() {
        return wallAhead;
    }

    /**
     * Calls {@code tick} at the first read after each {@code periodNanos} of virtual time (not from within a tick):
     * points fixed by the virtual time alone, so by the work done, which a deterministic solve can use to exchange
     * state with another thread at even intervals ({@link SearchLoop}). Virtual clocks only.
     */
    void onTick(long periodNanos, Runnable tick) {
        if (quantumNanos > 0 && periodNanos > 0) {
            this.tickPeriod = periodNanos;
            this.nextTick = virtualNanos + periodNanos;
            this.tick = tick;
        }
    }

    long now() {
        if (quantumNanos == 0) {
            return System.nanoTime();
        }
        long now = advance();
        if (now >= nextTick && !ticking) {
            while (nextTick <= now) {
                nextTick += tickPeriod;
            }
            ticking = true;
            try {
                tick.run();
            } finally {
                ticking = false;
            }
            return virtualNanos;
        }
        return now;
    }

    private long advance() {
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
