package io.swapflex.forecasting.bench;

import io.swapflex.forecasting.backtest.BacktestResult;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The benchmark's ensembles: the quantiles of two or three stored backtests averaged step by step. */
class EnsembleAverageTest {

    private static BacktestResult result(String name, double level, double ms) {
        double[] actual = {10, 20};
        return new BacktestResult(name, actual, new double[] {level - 1, level - 2}, new double[] {level, level},
                new double[] {level + 1, level + 2}, new double[] {0.5, 0.5}, ms);
    }

    @Test
    void threeBacktestsAreAveragedStepByStep() {
        BacktestResult avg = ForecastBenchmark.average("e", result("a", 3, 1), result("b", 6, 2), result("c", 12, 4));
        assertArrayEquals(new double[] {7, 7}, avg.p50(), 1e-12);
        assertArrayEquals(new double[] {6, 5}, avg.p10(), 1e-12);
        assertArrayEquals(new double[] {8, 9}, avg.p90(), 1e-12);
        assertArrayEquals(new double[] {10, 20}, avg.actual(), 1e-12);
        assertEquals(7, avg.msPerForecast(), 1e-12, "a forecast of the ensemble runs every member");
        assertTrue(Double.isNaN(avg.pit()[0]), "no PIT for a mixture");
        assertArrayEquals(new double[] {4.5, 4.5},
                ForecastBenchmark.average("two", result("a", 3, 1), result("b", 6, 2)).p50(), 1e-12);
    }
}
