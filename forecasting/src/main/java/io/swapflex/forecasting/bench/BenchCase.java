package io.swapflex.forecasting.bench;

import io.swapflex.forecasting.backtest.SeriesSpec;
import java.time.LocalDate;

/**
 * One benchmark series: the validation days choose the auto method and the ensemble members, the test days are
 * scored; both are rolling-origin day-ahead backtests.
 */
record BenchCase(String table, SeriesSpec spec, LocalDate validationFrom, LocalDate validationTo, LocalDate testFrom,
        LocalDate testTo) {
}
