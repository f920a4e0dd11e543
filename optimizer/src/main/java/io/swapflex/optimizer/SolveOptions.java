package io.swapflex.optimizer;

import io.swapflex.optimizer.contract.Plan;

import java.time.Duration;

/**
 * How long a scheduler may search and when it may stop early.
 *
 * @param timeLimit most wall time for the solve; the best plan found by then is returned
 * @param gapTarget stop once the certified relative gap (total − bound) / max(1, |total|) is at most this
 * @param warmStart a previous plan for the same station to start from, or null
 */
public record SolveOptions(Duration timeLimit, double gapTarget, Plan warmStart) {

    public static final Duration DEFAULT_TIME_LIMIT = Duration.ofSeconds(30);
    public static final double DEFAULT_GAP = 1e-3;

    public SolveOptions {
        if (timeLimit == null || timeLimit.isNegative() || timeLimit.isZero()) {
            throw new IllegalArgumentException("timeLimit must be positive, is " + timeLimit);
        }
        if (!(gapTarget >= 0 && gapTarget < 1)) {
            throw new IllegalArgumentException("gapTarget must be in [0, 1), is " + gapTarget);
        }
    }

    public static SolveOptions defaults() {
        return new SolveOptions(DEFAULT_TIME_LIMIT, DEFAULT_GAP, null);
    }

    public SolveOptions withTimeLimit(Duration limit) {
        return new SolveOptions(limit, gapTarget, warmStart);
    }

    public SolveOptions withGapTarget(double gap) {
        return new SolveOptions(timeLimit, gap, warmStart);
    }

    public SolveOptions withWarmStart(Plan plan) {
        return new SolveOptions(timeLimit, gapTarget, plan);
    }
}
