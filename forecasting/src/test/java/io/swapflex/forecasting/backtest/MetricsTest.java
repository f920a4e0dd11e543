package io.swapflex.forecasting.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Every expected value below is worked out by hand in the comment beside it. */
class MetricsTest {

    private final double[] y = {100, 200, 0, Double.NaN};
    private final double[] f = {110, 180, 10, 5};

    @Test
    void pointErrors() {
        // |e| = 10, 20, 10 (the NaN actual is skipped) → MAE 40/3
        assertEquals(40.0 / 3, Metrics.mae(y, f), 1e-12);
        // e² = 100, 400, 100 → RMSE √200
        assertEquals(Math.sqrt(200), Metrics.rmse(y, f), 1e-12);
        // MAPE skips y = 0: (10/100 + 20/200)/2 = 10 %
        assertEquals(10.0, Metrics.mape(y, f), 1e-12);
        // sMAPE: 2·10/210, 2·20/380, 2·10/10 → mean × 100
        assertEquals(100 * (20.0 / 210 + 40.0 / 380 + 2.0) / 3, Metrics.smape(y, f), 1e-12);
    }

    @Test
    void relativeMaeIsTheRatioOfMaesOnCommonSteps() {
        double[] ref = {120, 150, Double.NaN, 0};
        // common steps 0 and 1: method |e| 10 + 20 = 30, reference 20 + 50 = 70
        assertEquals(30.0 / 70, Metrics.relativeMae(y, f, ref), 1e-12);
    }

    @Test
    void pinballAndCoverage() {
        double[] obs = {10, 10, 10, 10};
        double[] q = {8, 12, 10, 14};
        // τ = 0.9: y − q = 2, −2, 0, −4 → 1.8, 0.2, 0, 0.4 → mean 0.6
        assertEquals(0.6, Metrics.pinball(obs, q, 0.9), 1e-12);
        // τ = 0.1: 0.2, 1.8, 0, 3.6 → mean 1.4
        assertEquals(1.4, Metrics.pinball(obs, q, 0.1), 1e-12);
        double[] lo = {9, 11, 10, 0};
        double[] hi = {11, 12, 10, 9};
        // inside: [9,11] yes, [11,12] no, [10,10] yes (bounds inclusive), [0,9] no → 50 %
        assertEquals(50.0, Metrics.coverage(obs, lo, hi), 1e-12);
        assertEquals(75.0, Metrics.pitCoverage(new double[] {0.1, 0.5, 0.9, 0.95}), 1e-12);
    }
}
