package io.swapflex.forecasting.methods;

import java.util.List;

/**
 * Configuration of {@link LagRidge}.
 *
 * @param name          method name in tables
 * @param windowDays    training window: one row per past origin, at most this many days back
 * @param profileDays   whole known days added as regressors, by age: 1 is the last known day (the epftoolbox LEAR
 *                      input for prices uses 1, 2, 3 and 7); empty for none
 * @param dailyStats    add max and min of the last known day
 * @param asinh         model asinh((y − median)/MAD), which tames price spikes and negative prices
 * @param exogenous     names of request exogenous inputs to use (those ending in {@code temperature_c} also get
 *                      heating/cooling hinges)
 * @param covariates    whether to use the request's covariates (series with the target's availability)
 * @param covariateDays ages, in days, of the same-slot covariate values used (1 = the last known day's); each
 *                      covariate also gives its last known day's mean
 * @param weekdayLags   let the slopes of the same-slot lags one day and one week back differ on Monday, Saturday and
 *                      Sunday (after a weekend the day before says less, the week before more)
 * @param estimator     how each step's regression is fitted
 */
public record RidgeSpec(String name, int windowDays, List<Integer> profileDays, boolean dailyStats, boolean asinh,
        List<String> exogenous, boolean covariates, List<Integer> covariateDays, boolean weekdayLags, Estimator estimator) {

    /** How the per-step regressions are fitted. */
    public enum Estimator {
        /** Least squares with a ridge penalty chosen by GCV. */
        RIDGE,
        /**
         * The ridge, iteratively reweighted with Huber weights: a price spike in the training rows pulls the fit less,
         * and the fit aims nearer the conditional median, which is what the MAE rewards.
         */
        HUBER_RIDGE
    }

    public RidgeSpec {
        exogenous = List.copyOf(exogenous);
        profileDays = List.copyOf(profileDays);
        covariateDays = List.copyOf(covariateDays);
        if (windowDays < 14) {
            throw new IllegalArgumentException("windowDays must be ≥ 14, got " + windowDays);
        }
        if (profileDays.stream().anyMatch(d -> d < 1) || covariateDays.stream().anyMatch(d -> d < 1)) {
            throw new IllegalArgumentException("day ages start at 1, got " + profileDays + " and " + covariateDays);
        }
    }

    /** Calendar, holidays and lags of the series itself. */
    public static RidgeSpec calendarAndLags(int windowDays) {
        return new RidgeSpec("ridge", windowDays, List.of(), false, false, List.of(), false, List.of(), false, Estimator.RIDGE);
    }

    /**
     * {@link #calendarAndLags} plus the whole last known day (up to the issue time), its max and min, and weekday
     * slopes of the lags: the shape of the day before, not only its value at the same hour.
     */
    public static RidgeSpec calendarLagsAndProfile(int windowDays) {
        return new RidgeSpec("ridge-profile", windowDays, List.of(1), true, false, List.of(), false, List.of(), true,
                Estimator.RIDGE);
    }

    /** Day-ahead price model: last day's profile, daily stats, asinh, neighbouring zones. */
    public static RidgeSpec prices(int windowDays) {
        return new RidgeSpec("ridge-price-" + windowDays + "d", windowDays, List.of(1), true, true, List.of(), true,
                List.of(1), false, Estimator.RIDGE);
    }

    /**
     * {@link #prices} on the price itself (no asinh), fitted with Huber weights: the weights already keep a spike in
     * the training rows from pulling the fit, and without the transform the fit aims at the median of the price, which
     * the MAE rewards; its errors also differ from the asinh-space LEAR model's, which the ensembles use. Chosen on
     * September–November 2019, before the validation month and the test year: NL rMAE 0.791 alone against 0.814 for
     * {@code prices(364)} and 0.810 for its asinh-space Huber fit.
     */
    public static RidgeSpec robustPrices(int windowDays) {
        return new RidgeSpec("ridge-price-" + windowDays + "d-huber-linear", windowDays, List.of(1), true, false,
                List.of(), true, List.of(1), false, Estimator.HUBER_RIDGE);
    }

    /**
     * The price model with the epftoolbox LEAR lags (whole days D−1, D−2, D−3 and D−7), weekday slopes of the lags and
     * the Huber-weighted fit.
     */
    public static RidgeSpec learPrices(int windowDays) {
        return prices(windowDays).withLags("ridge-lear-" + windowDays + "d-huber", List.of(1, 2, 3, 7), List.of(1), true)
                .withEstimator("ridge-lear-" + windowDays + "d-huber", Estimator.HUBER_RIDGE);
    }

    public RidgeSpec withExogenous(String newName, List<String> names) {
        return new RidgeSpec(newName, windowDays, profileDays, dailyStats, asinh, names, covariates, covariateDays,
                weekdayLags, estimator);
    }

    /** The same model with other day profiles, covariate lags and weekday slopes. */
    public RidgeSpec withLags(String newName, List<Integer> newProfileDays, List<Integer> newCovariateDays,
            boolean newWeekdayLags) {
        return new RidgeSpec(newName, windowDays, newProfileDays, dailyStats, asinh, exogenous, covariates,
                newCovariateDays, newWeekdayLags, estimator);
    }

    /** The same model fitted by another estimator. */
    public RidgeSpec withEstimator(String newName, Estimator newEstimator) {
        return new RidgeSpec(newName, windowDays, profileDays, dailyStats, asinh, exogenous, covariates, covariateDays,
                weekdayLags, newEstimator);
    }
}
