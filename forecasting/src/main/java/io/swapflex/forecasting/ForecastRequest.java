package io.swapflex.forecasting;

import io.swapflex.datasets.series.TimeSeries;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.Objects;

/**
 * What a forecaster may see.
 *
 * @param history    the target series, holding only values published by the issue time (later intervals are absent,
 *                   not NaN); it may end before {@code start} (load: data up to the issue hour) or after it (prices:
 *                   the previous day's auction is known)
 * @param covariates other series with the same availability as the target (e.g. neighbouring zones' prices), on the
 *                   target's grid, cut at the same point
 * @param exogenous  inputs known for the whole horizon at issue time (e.g. the operator's day-ahead load forecast;
 *                   temperature, which stands in for a weather forecast), on the target's grid, reaching at least to
 *                   the end of the horizon
 * @param start      first step to forecast, on the history's grid
 * @param steps      number of steps
 * @param calendar   local time zone and holidays of the place the series describes
 */
public record ForecastRequest(TimeSeries history, Map<String, TimeSeries> covariates, Map<String, TimeSeries> exogenous,
        Instant start, int steps, SeriesCalendar calendar) {

    public ForecastRequest {
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(calendar, "calendar");
        // Sorted by name: regressors must come in the same order however the caller built the map.
        covariates = Collections.unmodifiableMap(new TreeMap<>(covariates));
        exogenous = Collections.unmodifiableMap(new TreeMap<>(exogenous));
        if (steps <= 0) {
            throw new IllegalArgumentException("steps must be positive, got " + steps);
        }
        history.indexOf(start); // throws when start is off the grid
    }

    /** Index (on the history's grid) of the first forecast step. */
    public int startIndex() {
        return history.indexOf(start);
    }

    /** Steps per day at this resolution. */
    public int stepsPerDay() {
        return (int) (86_400_000L / history.step().toMillis());
    }
}
