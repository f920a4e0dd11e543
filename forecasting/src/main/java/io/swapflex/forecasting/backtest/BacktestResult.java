package io.swapflex.forecasting.backtest;

/**
 * Scored steps of one backtest, in time order.
 *
 * @param method        forecaster name
 * @param actual        observed values (NaN for gaps, skipped by metrics)
 * @param p10           10 % quantile forecasts
 * @param p50           median forecasts (the point forecasts scored by MAE etc.)
 * @param p90           90 % quantile forecasts
 * @param pit           randomized PIT per step for count forecasts, else NaN
 * @param msPerForecast mean wall time per issued forecast (fit + forecast), milliseconds
 */
public record BacktestResult(String method, double[] actual, double[] p10, double[] p50, double[] p90, double[] pit,
        double msPerForecast) {
}
