package io.swapflex.forecasting.backtest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swapflex.datasets.series.Datasets;
import io.swapflex.forecasting.data.SeriesCatalog;
import io.swapflex.forecasting.methods.LagRidge;
import io.swapflex.forecasting.methods.RidgeSpec;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class OnlineConformalTest {

    @Test
    void theConformalQuantileIsTheCeilOfNPlusOneTimesTheLevelOrderStatistic() {
        double[] scores = {5, -1, 3, 0, -2, 4, 1, 2, -3};
        // n = 9, ⌈10 · 0.8⌉ = 8th smallest of -3 -2 -1 0 1 2 3 4 5 → 4
        assertEquals(4, OnlineConformal.conformalQuantile(scores, 0.8));
        // ⌈10 · 0.99⌉ = 10 > n: the largest
        assertEquals(5, OnlineConformal.conformalQuantile(scores, 0.99));
        assertEquals(0, OnlineConformal.conformalQuantile(new double[0], 0.8));
    }

    @Test
    void aDayIsWidenedByThePastScoresAtItsHoursAndItsMedianKept() {
        // past day: interval [9, 11] at every hour, actuals 14 → every score max(9 − 14, 14 − 11) = 3
        BacktestResult past = day(new double[] {14, 14, 14}, 9, 10, 11);
        BacktestResult today = day(new double[] {10, 10, 10}, 8, 10, 12);
        BacktestResult c = OnlineConformal.calibrate(today, List.of(past, past), 0.8);
        assertArrayEquals(new double[] {5, 5, 5}, c.p10(), 1e-12);
        assertArrayEquals(new double[] {10, 10, 10}, c.p50(), 1e-12);
        assertArrayEquals(new double[] {15, 15, 15}, c.p90(), 1e-12);
        // past actuals well inside (scores −1): the interval narrows, never past the median
        BacktestResult calm = day(new double[] {10, 10, 10}, 9, 10, 11);
        BacktestResult n = OnlineConformal.calibrate(day(new double[] {10, 10, 10}, 9.5, 10, 10.5), List.of(calm), 0.8);
        assertArrayEquals(new double[] {10, 10, 10}, n.p10(), 1e-12);
        assertArrayEquals(new double[] {10, 10, 10}, n.p90(), 1e-12);
    }

    @Test
    void theMissRateCountsKnownActualsOutsideTheInterval() {
        BacktestResult d = new BacktestResult("m", new double[] {1, 5, Double.NaN, 20}, new double[] {0, 0, 0, 0},
                new double[] {5, 5, 5, 5}, new double[] {10, 10, 10, 10}, new double[4], 0);
        assertEquals(1.0 / 3, OnlineConformal.missRate(d), 1e-12);
    }

    /**
     * The target on the real data: the history-only ridge's P10–P90 holds 62 % of the French load of Oct–Dec
     * 2019 (its residuals on the training rows are too calm for the heating season); calibrated, 78–82 %.
     */
    @Test
    void onFrenchLoadOfTheAutumnTheCalibratedIntervalCoversEightyPercent() {
        SeriesSpec spec = SeriesCatalog.spec(Datasets.ENTSOE_LOAD, "FR_actual_mw");
        LagRidge ridge = new LagRidge(RidgeSpec.calendarAndLags(365));
        LocalDate from = LocalDate.of(2019, 10, 1);
        LocalDate to = LocalDate.of(2019, 12, 31);
        BacktestResult raw = RollingOrigin.run(ridge, spec, from, to);
        BacktestResult calibrated = OnlineConformal.run(ridge, spec, from, to, OnlineConformal.DEFAULT_DAYS);
        double before = Metrics.coverage(raw.actual(), raw.p10(), raw.p90());
        double after = Metrics.coverage(calibrated.actual(), calibrated.p10(), calibrated.p90());
        assertEquals(raw.actual().length, calibrated.actual().length, "the same scored steps");
        assertArrayEquals(raw.p50(), calibrated.p50(), 1e-9, "the median is the model's");
        assertTrue(before < 70, "raw coverage " + before);
        assertTrue(after >= 78 && after <= 82, "calibrated coverage " + after);
    }

    private static BacktestResult day(double[] y, double p10, double p50, double p90) {
        int n = y.length;
        return new BacktestResult("m", y, fill(n, p10), fill(n, p50), fill(n, p90), fill(n, Double.NaN), 0);
    }

    private static double[] fill(int n, double v) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, v);
        return a;
    }
}
