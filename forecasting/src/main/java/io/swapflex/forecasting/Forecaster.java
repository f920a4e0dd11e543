package io.swapflex.forecasting;

/**
 * Produces a forecast from the data in a request only. Implementations fit on {@link ForecastRequest#history()}
 * (which holds only values available at issue time) and must not keep state between calls, so that a backtest can
 * call them in any order and on any thread.
 */
public interface Forecaster {

    /** Short stable name used in tables and on the command line, e.g. {@code snaive-weekly}. */
    String name();

    Forecast forecast(ForecastRequest request);
}
