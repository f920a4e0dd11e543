package io.swapflex.forecasting.methods;

import io.swapflex.forecasting.ForecastRequest;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.math3.analysis.MultivariateFunction;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;

/**
 * Additive exponential smoothing with a daily and a weekly season and an AR(1) error correction (Taylor 2003,
 * "Short-term electricity demand forecasting using double seasonal exponential smoothing").
 *
 * <pre>
 *   ŷ_t = l + d[t mod D] + w[t mod W] + φ·e_{t−1},   e_t = y_t − (l + d + w)
 *   l ← l + α e_t,  d[t mod D] ← d + δ e_t,  w[t mod W] ← w + ω e_t
 *   h-step forecast: l + d[(t+h) mod D] + w[(t+h) mod W] + φ^h e_t
 * </pre>
 * α, δ, ω, φ ∈ [0, 1] minimise the one-step squared error over the fitting window (BOBYQA from commons-math3).
 * The states start from the first two weeks of the window. Gaps leave the state unchanged.
 */
public final class DoubleSeasonalSmoothing extends PointForecaster {

    private static final int FIT_WEEKS = 12;
    private static final int MAX_EVALUATIONS = 400;

    public DoubleSeasonalSmoothing() {
        super(true);
    }

    @Override
    public String name() {
        return "ets-2season";
    }

    @Override
    protected PointModel fit(ForecastRequest r, int[] pastCutoffs) {
        double[] h = r.history().values();
        int daySteps = r.stepsPerDay();
        int weekSteps = 7 * daySteps;
        int cutoff = h.length;
        int from = Math.max(0, cutoff - (FIT_WEEKS + PAST_ORIGINS / 7 + 2) * weekSteps);
        if (cutoff - from < 4 * weekSteps) {
            throw new IllegalArgumentException(name() + " needs at least 4 weeks of history, got "
                    + (cutoff - from) + " steps");
        }
        int scoreFrom = Math.max(from + 2 * weekSteps, cutoff - FIT_WEEKS * weekSteps);
        MultivariateFunction sse = p -> run(h, from, cutoff, daySteps, weekSteps, p, scoreFrom, null);
        double[] best = new BOBYQAOptimizer(9).optimize(new MaxEval(MAX_EVALUATIONS), new ObjectiveFunction(sse),
                GoalType.MINIMIZE, new InitialGuess(new double[] {0.1, 0.1, 0.1, 0.5}),
                new SimpleBounds(new double[] {0, 0, 0, 0}, new double[] {1, 1, 1, 1})).getPoint();
        Map<Integer, State> snapshots = new HashMap<>();
        for (int c : pastCutoffs) {
            if (c > from + 2 * weekSteps) {
                snapshots.put(c, null);
            }
        }
        run(h, from, cutoff, daySteps, weekSteps, best, cutoff, snapshots);
        double phi = best[3];
        return (c, first, steps) -> {
            double[] out = new double[steps];
            State s = snapshots.get(c);
            if (s == null) {
                java.util.Arrays.fill(out, Double.NaN);
                return out;
            }
            for (int i = 0; i < steps; i++) {
                int t = first + i;
                int ahead = t - c + 1;
                out[i] = s.level + s.day[Math.floorMod(t, daySteps)] + s.week[Math.floorMod(t, weekSteps)]
                        + Math.pow(phi, ahead) * s.lastError;
            }
            return out;
        };
    }

    /** Smoothed state just before some index: level, seasonal arrays indexed by absolute index mod period. */
    private record State(double level, double[] day, double[] week, double lastError) {
    }

    /**
     * Runs the filter over {@code h[from, to)}; returns the one-step SSE from {@code scoreFrom}, and records the
     * state reached at each key of {@code snapshots}.
     */
    private static double run(double[] h, int from, int to, int daySteps, int weekSteps, double[] p, int scoreFrom,
            Map<Integer, State> snapshots) {
        double alpha = p[0];
        double delta = p[1];
        double omega = p[2];
        double phi = p[3];
        double[] day = new double[daySteps];
        double[] week = new double[weekSteps];
        double level = initialise(h, from, daySteps, weekSteps, day, week);
        double lastError = 0;
        double sse = 0;
        for (int t = from; t < to; t++) {
            if (snapshots != null && snapshots.containsKey(t)) {
                snapshots.put(t, new State(level, day.clone(), week.clone(), lastError));
            }
            int di = Math.floorMod(t, daySteps);
            int wi = Math.floorMod(t, weekSteps);
            double base = level + day[di] + week[wi];
            if (Double.isNaN(h[t])) {
                lastError *= phi;
                continue;
            }
            double e = h[t] - base;
            if (t >= scoreFrom) {
                double oneStep = e - phi * lastError;
                sse += oneStep * oneStep;
            }
            level += alpha * e;
            day[di] += delta * e;
            week[wi] += omega * e;
            lastError = e;
        }
        if (snapshots != null && snapshots.containsKey(to)) {
            snapshots.put(to, new State(level, day, week, lastError));
        }
        return sse;
    }

    /** Level = mean of the first two weeks; daily profile from their mean day; weekly = what the day leaves. */
    private static double initialise(double[] h, int from, int daySteps, int weekSteps, double[] day, double[] week) {
        double sum = 0;
        int n = 0;
        for (int t = from; t < from + 2 * weekSteps; t++) {
            if (!Double.isNaN(h[t])) {
                sum += h[t];
                n++;
            }
        }
        double level = n > 0 ? sum / n : 0;
        double[] daySum = new double[daySteps];
        int[] dayN = new int[daySteps];
        for (int t = from; t < from + 2 * weekSteps; t++) {
            if (!Double.isNaN(h[t])) {
                daySum[Math.floorMod(t, daySteps)] += h[t] - level;
                dayN[Math.floorMod(t, daySteps)]++;
            }
        }
        for (int i = 0; i < daySteps; i++) {
            day[i] = dayN[i] > 0 ? daySum[i] / dayN[i] : 0;
        }
        double[] weekSum = new double[weekSteps];
        int[] weekN = new int[weekSteps];
        for (int t = from; t < from + 2 * weekSteps; t++) {
            if (!Double.isNaN(h[t])) {
                weekSum[Math.floorMod(t, weekSteps)] += h[t] - level - day[Math.floorMod(t, daySteps)];
                weekN[Math.floorMod(t, weekSteps)]++;
            }
        }
        for (int i = 0; i < weekSteps; i++) {
            week[i] = weekN[i] > 0 ? weekSum[i] / weekN[i] : 0;
        }
        return level;
    }
}
