package io.swapflex.optimizer.flow;

/**
 * The time one solve reads for its deadlines: the wall clock, or — in a deterministic solve — a virtual clock that
 * advances a fixed quantum at every read. Under the virtual clock the search stops after a fixed amount of work (so
 * many deadline checks), whatever the machine's speed or load, and two runs of the same problem give the same plan.
 * A virtual clock belongs to one solve on one thread.
 */
final class SolveClock {

    /** The wall clock ({@link System#nanoTime()}), shared. */
    static final SolveClock WALL = new SolveClock(0);

    private final long quantumNanos;
    private long virtualNanos;

    private SolveClock(long quantumNanos) {
        this.quantumNanos = quantumNanos;
    }

    /** A virtual clock, at 0, advancing {@code quantumNanos} at every read. */
    static SolveClock virtual(long quantumNanos) {
        if (quantumNanos <= 0) {
            throw new IllegalArgumentException("quantum must be positive");
        }
        return new SolveClock(quantumNanos);
    }

    boolean isVirtual() {
        return quantumNanos > 0;
    }

    long now() {
        if (quantumNanos == 0) {
            return System.nanoTime();
        }
        virtualNanos += quantumNanos;
        return virtualNanos;
    }
}
