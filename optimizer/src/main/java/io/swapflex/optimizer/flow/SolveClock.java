package io.swapflex.optimizer.flow;

/**
 * The time one solve reads for its deadlines: the wall clock, or — in a deterministic solve — a virtual clock that
 * advances a fixed quantum at every read. Under the virtual clock the search stops after a fixed amount of work (so
 * many deadline checks), whatever the machine's speed or load, and two runs of the same problem give the same plan.
 * A virtual clock belongs to one solve on one thread.
 *
 * <p>A capped virtual clock ({@link #capped}) reads the later of the virtual time and the wall time since it was made:
 * on a machine fast enough to do the work within the time limit it is the virtual clock (deterministic), and where the
 * wall time overtakes the virtual one (a slow or busy machine) every deadline falls on the wall clock from then on, so
 * the time limit stays an upper bound on wall time and the plan is the one found by then.
 */
final class SolveClock {

    /** The wall clock ({@link System#nanoTime()}), shared. */
    static final SolveClock WALL = new SolveClock(0, false);

    private final long quantumNanos;
    private final boolean capped;
    private final long wallOrigin = System.nanoTime();
    private long virtualNanos;
    private boolean wallAhead;

    private SolveClock(long quantumNanos, boolean capped) {
        this.quantumNanos = quantumNanos;
        this.capped = capped;
    }

    /** A virtual clock, at 0, advancing {@code quantumNanos} at every read. */
    static SolveClock virtual(long quantumNanos) {
        return create(quantumNanos, false);
    }

    /** A virtual clock that never reads earlier than the wall time since it was made (see the class comment). */
    static SolveClock capped(long quantumNanos) {
        return create(quantumNanos, true);
    }

    private static SolveClock create(long quantumNanos, boolean capped) {
        if (quantumNanos <= 0) {
            throw new IllegalArgumentException("quantum must be positive");
        }
        return new SolveClock(quantumNanos, capped);
    }

    boolean isVirtual() {
        return quantumNanos > 0;
    }

    /** Whether the wall time overtook the virtual time at some read (the plan then depends on the machine). */
    boolean wallAhead() {
        return wallAhead;
    }

    long now() {
        if (quantumNanos == 0) {
            return System.nanoTime();
        }
        virtualNanos += quantumNanos;
        if (capped) {
            long wall = System.nanoTime() - wallOrigin;
            if (wall > virtualNanos) {
                wallAhead = true;
                virtualNanos = wall; // never backwards
            }
        }
        return virtualNanos;
    }
}
