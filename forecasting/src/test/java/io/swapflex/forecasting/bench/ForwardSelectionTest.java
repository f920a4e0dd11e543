package io.swapflex.forecasting.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.swapflex.forecasting.backtest.BacktestResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The benchmark's ensemble members are chosen for what they add to the average on validation, not for their rank alone. */
class ForwardSelectionTest {

    private static final double[] ACTUAL = {10, 10, 10, 10};

    private static ForecastBenchmark.Runs validation(String name, double... p50) {
        BacktestResult r = new BacktestResult(name, ACTUAL, p50, p50, p50, new double[p50.length], 1);
        return new ForecastBenchmark.Runs(List.of(r), r);
    }

    @Test
    void aWeakerModelThatErrsTheOtherWayJoinsBeforeANearCopyOfTheBest() {
        Map<String, ForecastBenchmark.Runs> results = new LinkedHashMap<>();
        results.put("best", validation("best", 11, 11, 9, 11));           // MAE 1
        results.put("near-copy", validation("near-copy", 11.1, 11.1, 8.9, 11.1)); // MAE 1.1, same errors
        results.put("opposite", validation("opposite", 8.5, 8.5, 11.5, 8.5));  // MAE 1.5, errors of the other sign

        List<List<String>> chosen = ForecastBenchmark.forwardSelection(List.of("near-copy", "opposite", "best"), results, 3);

        assertEquals(List.of("best"), chosen.get(0), "the first member is the best model alone");
        assertEquals(List.of("best", "opposite"), chosen.get(1),
                "averaging with the opposite errors cancels them (MAE 0.25); the near copy would keep them (1.05)");
        assertEquals(3, chosen.get(2).size());
    }
}
