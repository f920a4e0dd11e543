package io.swapflex.forecasting.backtest;

/**
 * Error measures over the steps where the actual value is known (NaN actuals or forecasts are skipped).
 * Percentages are returned as percent (3.2 means 3.2 %).
 */
public final class Metrics {

    private Metrics() {
    }

    public static double mae(double[] y, double[] f) {
        double s = 0;
        int n = 0;
        for (int i = 0; i < y.length; i++) {
            if (ok(y[i], f[i])) {
                s += Math.abs(y[i] - f[i]);
                n++;
            }
        }
        return n == 0 ? Double.NaN : s / n;
    }

    public static double rmse(double[] y, double[] f) {
        double s = 0;
        int n = 0;
        for (int i = 0; i < y.length; i++) {
            if (ok(y[i], f[i])) {
                s += (y[i] - f[i]) * (y[i] - f[i]);
                n++;
            }
        }
        return n == 0 ? Double.NaN : Math.sqrt(s / n);
    }

    /** Mean |y − f| / |y| in percent; steps with y = 0 are skipped (undefined there). */
    public static double mape(double[] y, double[] f) {
        double s = 0;
        int n = 0;
        for (int i = 0; i < y.length; i++) {
            if (ok(y[i], f[i]) && y[i] != 0) {
                s += Math.abs((y[i] - f[i]) / y[i]);
                n++;
            }
        }
        return n == 0 ? Double.NaN : 100 * s / n;
    }

    /** Mean 2|y − f| / (|y| + |f|) in percent; a step with y = f = 0 counts as 0 error. */
    public static double smape(double[] y, double[] f) {
        double s = 0;
        int n = 0;
        for (int i = 0; i < y.length; i++) {
            if (ok(y[i], f[i])) {
                double d = Math.abs(y[i]) + Math.abs(f[i]);
                s += d == 0 ? 0 : 2 * Math.abs(y[i] - f[i]) / d;
                n++;
            }
        }
        return n == 0 ? Double.NaN : 100 * s / n;
    }

    /**
     * MAE relative to a reference forecast on the same steps: MASE when the reference is the weekly naive, rMAE
     * when it is the epftoolbox seasonal naive. Steps where either forecast is missing are skipped for both.
     */
    public static double relativeMae(double[] y, double[] f, double[] reference) {
        double a = 0;
        double b = 0;
        for (int i = 0; i < y.length; i++) {
            if (ok(y[i], f[i]) && !Double.isNaN(reference[i])) {
                a += Math.abs(y[i] - f[i]);
                b += Math.abs(y[i] - reference[i]);
            }
        }
        return a / b;
    }

    /** Pinball (quantile) loss of one quantile level τ: mean of max(τ(y − q), (τ − 1)(y − q)). */
    public static double pinball(double[] y, double[] q, double tau) {
        double s = 0;
        int n = 0;
        for (int i = 0; i < y.length; i++) {
            if (ok(y[i], q[i])) {
                double d = y[i] - q[i];
                s += Math.max(tau * d, (tau - 1) * d);
                n++;
            }
        }
        return n == 0 ? Double.NaN : s / n;
    }

    /** Mean pinball loss over the 10/50/90 % quantiles. */
    public static double pinball3(double[] y, double[] p10, double[] p50, double[] p90) {
        return (pinball(y, p10, 0.1) + pinball(y, p50, 0.5) + pinball(y, p90, 0.9)) / 3;
    }

    /** Share (percent) of steps with p10 ≤ y ≤ p90. */
    public static double coverage(double[] y, double[] p10, double[] p90) {
        int in = 0;
        int n = 0;
        for (int i = 0; i < y.length; i++) {
            if (ok(y[i], p10[i]) && !Double.isNaN(p90[i])) {
                n++;
                if (y[i] >= p10[i] && y[i] <= p90[i]) {
                    in++;
                }
            }
        }
        return n == 0 ? Double.NaN : 100.0 * in / n;
    }

    /** Share (percent) of randomized PIT values inside [0.1, 0.9]: 80 % when the count distribution is calibrated. */
    public static double pitCoverage(double[] pit) {
        int in = 0;
        int n = 0;
        for (double u : pit) {
            if (!Double.isNaN(u)) {
                n++;
                if (u >= 0.1 && u <= 0.9) {
                    in++;
                }
            }
        }
        return n == 0 ? Double.NaN : 100.0 * in / n;
    }

    private static boolean ok(double y, double f) {
        return !Double.isNaN(y) && !Double.isNaN(f);
    }
}
