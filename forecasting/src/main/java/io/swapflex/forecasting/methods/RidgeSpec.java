package io.swapflex.forecasting.methods;

import java.util.List;

/**
 * Configuration of {@link LagRidge}.
 *
 * @param name           method name in tables
 * @param windowDays     training window: one row per past origin, at most this many days back
 * @param lastDayProfile add every value of the last known day as a regressor (the epftoolbox LEAR input for prices)
 * @param dailyStats     add max and min of the last known day
 * @param asinh          model asinh((y − median)/MAD), which tames price spikes and negative prices
 * @param exogenous      names of request exogenous inputs to use (those ending in {@code temperature_c} also get
 *                       heating/cooling hinges)
 * @param covariates     whether to use the request's covariates (series with the target's availability)
 */
public record RidgeSpec(String name, int windowDays, boolean lastDayProfile, boolean dailyStats, boolean asinh,
        List<String> exogenous, boolean covariates) {

    public RidgeSpec {
        exogenous = List.copyOf(exogenous);
        if (windowDays < 14) {
            throw new IllegalArgumentException("windowDays must be ≥ 14, got " + windowDays);
        }
    }

    /** Calendar, holidays and lags of the series itself. */
    public static RidgeSpec calendarAndLags(int windowDays) {
        return new RidgeSpec("ridge", windowDays, false, false, false, List.of(), false);
    }

    /** Day-ahead price model: last day's profile, daily stats, asinh, neighbouring zones. */
    public static RidgeSpec prices(int windowDays) {
        return new RidgeSpec("ridge-price-" + windowDays + "d", windowDays, true, true, true, List.of(), true);
    }

    public RidgeSpec withExogenous(String newName, List<String> names) {
        return new RidgeSpec(newName, windowDays, lastDayProfile, dailyStats, asinh, names, covariates);
    }
}
