package io.swapflex.optimizer.flow;

import java.util.Arrays;

/**
 * A proximal bundle step for maximising a concave, piecewise-linear function (the {@link LagrangianDual}) over
 * multipliers of which some are free and some bounded below by 0.
 *
 * <h2>The step</h2>
 * The bundle keeps up to {@link #CAPACITY} cuts: subgradients g<sub>i</sub> taken at earlier trial points, each with its
 * linearisation error e<sub>i</sub> ≥ 0 at the stability centre π̂ (how far its plane lies above L(π̂) there). The
 * aggregate direction is the convex combination of the cuts that solves the bundle's dual QP
 * <pre>
 *   min over the unit simplex   (t/2)·‖Σ α_i g_i‖²_M + Σ α_i e_i
 * </pre>
 * (t the last step's length, M the caller's metric), and the next trial point is π̂ + t·M·ḡ, clipped at 0 where a
 * multiplier is bounded. The length follows Polyak, t = θ·(UB − L(π̂))/‖ḡ‖²_M with θ the caller's step factor, but
 * never past both the peak of the bundle's own model of L along ḡ ({@link #modelPeak}) and the QP's proximal point
 * (the last t): near the centre's optimum the QP shrinks ḡ towards 0 and Polyak's length, divided by ‖ḡ‖², grows
 * without end (on a two-variable test function the uncapped steps went 7, 30, 600, 250,000 units and the method
 * stopped at 0.5 of a maximum of 2). Capped at the model's peak alone, the ladder's 10 s gaps at 100 and 400 bays
 * summed 12.1 points, against 11.2 with the proximal point allowed too (work budgets, issue 15). The centre
 * moves to a trial point whose value is at least the centre's (a serious step); the errors then move with it. When the
 * bundle is full it keeps the aggregate cut and the newest one (Kiwiel's aggregation, which keeps the method
 * convergent). A component of a cut that points out of the feasible set where the cut was taken (a bounded multiplier
 * at 0 whose subgradient is negative) is dropped: the cut then stays above L over the feasible multipliers, and the
 * aggregate does not pull the centre against a bound it cannot cross.
 *
 * <h2>Why not the volume algorithm's average</h2>
 * The volume algorithm's direction is an exponential average of all subgradients seen, without their errors: far from
 * the centre an old subgradient weighs as much as a new one. On the 100-bay ladder station of seed 1 its 10 s bound
 * stops 1.36 % below the plan, and from where it stops no setting of its step climbs further (issue 15,
 * docs/model.md); the bundle's errors discount cuts taken far from the centre.
 */
final class ProximalBundle {

    /** Cuts kept before the bundle is compressed to the aggregate and the newest cut. */
    static final int CAPACITY = 12;
    private static final int QP_ITERATIONS = 200;

    private final double[] weight;
    private final boolean[] signed;
    private final double[][] cutG = new double[CAPACITY + 1][];
    private final double[] cutE = new double[CAPACITY + 1];
    private final double[][] gram = new double[CAPACITY + 1][CAPACITY + 1];
    private final double[] alpha = new double[CAPACITY + 1];
    private int cuts;
    private double[] centre;
    private double centreValue;
    private double t;

    /**
     * @param weight the metric per multiplier (0 for one that stays at 0)
     * @param signed whether a multiplier is bounded below by 0
     */
    ProximalBundle(double[] weight, boolean[] signed) {
        this.weight = weight;
        this.signed = signed;
    }

    /** Forgets the cuts and the centre: the next point given starts afresh. */
    void reset() {
        centre = null;
        cuts = 0;
        t = 0;
    }

    /**
     * Takes L's value and a subgradient at the trial point {@code p} and writes the next trial point into {@code next}.
     *
     * @param g     a subgradient at {@code p}; components pointing out of the feasible set are zeroed in place
     * @param theta the step factor (Polyak's)
     * @param upper the target: the best plan's total
     * @return the aggregate subgradient ḡ (an estimate of the relaxed LP's row residuals), or null when it vanishes
     * (the centre is optimal to within the cuts' errors; {@code next} is then left as it is)
     */
    double[] step(double[] p, double[] g, double value, double theta, double upper, double[] next) {
        int n = p.length;
        for (int j = 0; j < n; j++) {
            if (weight[j] == 0 || signed[j] && p[j] <= 0 && g[j] < 0) {
                g[j] = 0;
            }
        }
        if (centre == null) {
            centre = p.clone();
            centreValue = value;
            cuts = 0;
            add(g, 0);
            alpha[0] = 1;
        } else if (value >= centreValue) {
            for (int i = 0; i < cuts; i++) {
                cutE[i] = Math.max(0, cutE[i] + centreValue + dot(cutG[i], p, centre) - value);
            }
            System.arraycopy(p, 0, centre, 0, n);
            centreValue = value;
            add(g, 0);
        } else {
            add(g, Math.max(0, value + dot(g, centre, p) - centreValue));
        }
        double target = Math.max(upper - centreValue, 1e-4 * Math.max(1, Math.abs(centreValue)));
        if (t <= 0) {
            double gg = gram[cuts - 1][cuts - 1];
            t = gg > 0 ? theta * target / gg : 1e-6;
        }
        solveQp();
        double[] agg = new double[n];
        double aggE = 0;
        double aggNorm = 0;
        for (int i = 0; i < cuts; i++) {
            if (alpha[i] != 0) {
                double[] gi = cutG[i];
                for (int j = 0; j < n; j++) {
                    agg[j] += alpha[i] * gi[j];
                }
                aggE += alpha[i] * cutE[i];
                for (int k = 0; k < cuts; k++) {
                    aggNorm += alpha[i] * alpha[k] * gram[i][k];
                }
            }
        }
        double cap = modelPeak(agg);
        if (cuts > CAPACITY) {
            double[] newest = cutG[cuts - 1];
            double newestE = cutE[cuts - 1];
            cuts = 0;
            add(agg.clone(), aggE);
            add(newest, newestE);
            alpha[0] = 1;
            alpha[1] = 0;
        }
        if (aggNorm <= 1e-18) {
            return null;
        }
        // Polyak's length, but not past both the model's peak and the proximal point the QP was solved for
        t = Math.min(theta * target / aggNorm, Math.max(cap, t));
        for (int j = 0; j < n; j++) {
            double x = centre[j] + t * weight[j] * agg[j];
            next[j] = weight[j] == 0 || signed[j] && x < 0 ? 0 : x;
        }
        return agg;
    }


    /**
     * The step along M·ḡ at which the bundle's model of L, min over the cuts of L(π̂) + e_i + s·⟨g_i, ḡ⟩_M, is
     * highest (infinite when no cut slopes down along ḡ): a longer step leaves the model's peak behind.
     */
    private double modelPeak(double[] agg) {
        double[] slope = new double[cuts];
        boolean down = false;
        for (int i = 0; i < cuts; i++) {
            double sum = 0;
            double[] gi = cutG[i];
            for (int j = 0; j < agg.length; j++) {
                sum += weight[j] * gi[j] * agg[j];
            }
            slope[i] = sum;
            down |= sum < 0;
        }
        if (!down) {
            return Double.POSITIVE_INFINITY;
        }
        double bestS = 0;
        double bestModel = modelAt(0, slope);
        for (int i = 0; i < cuts; i++) {
            for (int k = 0; k < cuts; k++) {
                if (slope[i] > 0 && slope[k] < 0) {
                    double s = (cutE[k] - cutE[i]) / (slope[i] - slope[k]);
                    if (s > 0) {
                        double m = modelAt(s, slope);
                        if (m > bestModel) {
                            bestModel = m;
                            bestS = s;
                        }
                    }
                }
            }
        }
        return bestS;
    }

    private double modelAt(double s, double[] slope) {
        double m = Double.POSITIVE_INFINITY;
        for (int i = 0; i < cuts; i++) {
            m = Math.min(m, cutE[i] + s * slope[i]);
        }
        return m;
    }

    /** Σ a_j·(x_j − y_j). */
    private static double dot(double[] a, double[] x, double[] y) {
        double sum = 0;
        for (int j = 0; j < a.length; j++) {
            sum += a[j] * (x[j] - y[j]);
        }
        return sum;
    }

    private void add(double[] g, double error) {
        int m = cuts;
        cutG[m] = g;
        cutE[m] = error;
        for (int i = 0; i <= m; i++) {
            double sum = 0;
            double[] gi = cutG[i];
            for (int j = 0; j < g.length; j++) {
                sum += weight[j] * gi[j] * g[j];
            }
            gram[i][m] = sum;
            gram[m][i] = sum;
        }
        alpha[m] = 0;
        cuts = m + 1;
    }

    /** The bundle's QP by projected gradient, warm from the last weights (the newest cut's start at 0). */
    private void solveQp() {
        int m = cuts;
        double sum = 0;
        for (int i = 0; i < m; i++) {
            sum += alpha[i];
        }
        if (sum <= 0) {
            alpha[m - 1] = 1;
        }
        double lipschitz = 0;
        for (int i = 0; i < m; i++) {
            double row = 0;
            for (int j = 0; j < m; j++) {
                row += Math.abs(gram[i][j]);
            }
            lipschitz = Math.max(lipschitz, row);
        }
        double eta = 1.0 / Math.max(1e-18, t * lipschitz);
        double[] y = new double[m];
        double[] next = new double[m];
        double[] sorted = new double[m];
        for (int it = 0; it < QP_ITERATIONS; it++) {
            for (int i = 0; i < m; i++) {
                double s = 0;
                for (int j = 0; j < m; j++) {
                    s += gram[i][j] * alpha[j];
                }
                y[i] = alpha[i] - eta * (t * s + cutE[i]);
            }
            projectOnSimplex(y, next, sorted);
            double change = 0;
            for (int i = 0; i < m; i++) {
                change = Math.max(change, Math.abs(next[i] - alpha[i]));
                alpha[i] = next[i];
            }
            if (change < 1e-9) {
                return;
            }
        }
    }

    /** The Euclidean projection of {@code y} on the unit simplex, into {@code out} ({@code s}: scratch of y's length). */
    static void projectOnSimplex(double[] y, double[] out, double[] s) {
        int m = y.length;
        System.arraycopy(y, 0, s, 0, m);
        Arrays.sort(s);
        double cum = 0;
        double tau = 0;
        for (int i = m - 1; i >= 0; i--) {
            cum += s[i];
            double cand = (cum - 1) / (m - i);
            if (i == 0 || s[i - 1] <= cand) {
                tau = cand;
                break;
            }
        }
        for (int i = 0; i < m; i++) {
            out[i] = Math.max(0, y[i] - tau);
        }
    }
}
