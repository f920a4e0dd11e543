package io.swapflex.simulation;

import io.swapflex.forecasting.Forecast;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.SortedMap;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** How count forecasts become planned swaps under the three service-level rules. */
class ForecastsTest {

    /** Two slots, each 0 or 1 swap with probability 1/2. */
    private static Forecast coinFlips() {
        double[] half = {0.5, 0.5};
        SortedMap<Double, double[]> q = new TreeMap<>();
        q.put(0.1, new double[]{0, 0});
        q.put(0.5, new double[]{0, 0});
        q.put(0.9, new double[]{1, 1});
        return new Forecast(Instant.parse("2026-12-01T00:00:00Z"), Duration.ofMinutes(15), half, q, "count",
                (i, y) -> y < 0 ? 0 : y == 0 ? 0.5 : 1.0);
    }

    @Test
    void aPointMassIsPlannedAsItIs() {
        Forecast f = Forecasts.pointMass(Instant.parse("2026-12-01T00:00:00Z"), Duration.ofMinutes(15),
                new double[]{1, 0, 2}, "count");
        assertArrayEquals(new int[]{1, 0, 2}, Forecasts.cumulativeQuantile(f, 0.9));
        assertArrayEquals(new int[]{1, 0, 2}, Forecasts.nearTermQuantile(f, 0.9, 1));
    }

    @Test
    void theCumulativeRuleKeepsTheQuantileOfTheRunningTotal() {
        // P90: slot 0 alone needs 1; the total of both (0, 1, 2 with 1/4, 1/2, 1/4) needs 2, so slot 1 adds 1.
        assertArrayEquals(new int[]{1, 1}, Forecasts.cumulativeQuantile(coinFlips(), 0.9));
        // P70: slot 0 needs 1 (P(0) = 1/2 < 0.7); the total needs 1 (P(≤ 1) = 3/4), so slot 1 adds nothing.
        assertArrayEquals(new int[]{1, 0}, Forecasts.cumulativeQuantile(coinFlips(), 0.7));
        // Near-term over 1 slot: slot 0 at its own P70 (1), slot 1 at the median of its total (0).
        assertArrayEquals(new int[]{1, 0}, Forecasts.nearTermQuantile(coinFlips(), 0.7, 1));
    }
}
