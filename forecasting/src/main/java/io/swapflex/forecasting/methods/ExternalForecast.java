package io.swapflex.forecasting.methods;

import io.swapflex.datasets.series.TimeSeries;
import io.swapflex.forecasting.ForecastRequest;

/**
 * Passes an exogenous forecast through as the point forecast (e.g. the grid operator's day-ahead load forecast), so
 * it can be scored by the same backtest as our methods; its quantiles come from its own past errors.
 */
public final class ExternalForecast extends PointForecaster {

    private final String name;
    private final String input;

    public ExternalForecast(String name, String input) {
        super(false);
        this.name = name;
        this.input = input;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    protected PointModel fit(ForecastRequest r, int[] pastCutoffs) {
        TimeSeries e = r.exogenous().get(input);
        if (e == null) {
            throw new IllegalArgumentException(name + " needs exogenous input '" + input + "'");
        }
        return (cutoff, first, steps) -> {
            double[] out = new double[steps];
            for (int i = 0; i < steps; i++) {
                out[i] = e.get(e.indexOf(r.history().timeAt(first + i)));
            }
            return out;
        };
    }
}
