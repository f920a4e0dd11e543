package io.swapflex.forecasting.backtest;

import io.swapflex.datasets.series.TimeSeries;
import io.swapflex.forecasting.SeriesCalendar;
import java.time.LocalTime;
import java.util.Map;

/**
 * Everything needed to issue forecasts of one series as of any time: the full data, who publishes what when, and
 * the local calendar.
 *
 * @param label        name in tables, e.g. {@code load DE}
 * @param target       full target series (the backtest cuts it)
 * @param availability when target and covariate values become known
 * @param covariates   series published like the target (cut at the same cutoff)
 * @param exogenous    inputs known for the whole horizon at issue time (cut at the horizon end)
 * @param calendar     local zone and holidays; target days are local days in this zone
 * @param issueTime    local time on the day before the target day at which the day-ahead forecast is issued
 * @param countData    whether the target is counts (coverage by randomized PIT)
 */
public record SeriesSpec(String label, TimeSeries target, Availability availability, Map<String, TimeSeries> covariates,
        Map<String, TimeSeries> exogenous, SeriesCalendar calendar, LocalTime issueTime, boolean countData) {

    public SeriesSpec {
        covariates = Map.copyOf(covariates);
        exogenous = Map.copyOf(exogenous);
    }

    public SeriesSpec withTarget(TimeSeries newTarget) {
        return new SeriesSpec(label, newTarget, availability, covariates, exogenous, calendar, issueTime, countData);
    }
}
