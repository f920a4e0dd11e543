package io.swapflex.forecasting.methods;

import io.swapflex.forecasting.ForecastRequest;
import io.swapflex.forecasting.SeriesCalendar;

/**
 * Baselines that repeat a past value: the last value (naive), the value one day or one week earlier (seasonal
 * naive), and the epftoolbox price benchmark, which takes the previous day on Tuesday–Friday and the previous week on
 * Monday, Saturday and Sunday. When the lagged value is not yet known (or is a gap) the lag steps back by another
 * period, so a 36-hour horizon issued at noon uses the last day that is complete at the cutoff.
 */
public final class SeasonalNaive extends PointForecaster {

    private enum Kind { LAST, DAILY, WEEKLY, EPF }

    private final Kind kind;

    private SeasonalNaive(Kind kind) {
        super(false);
        this.kind = kind;
    }

    public static SeasonalNaive naive() {
        return new SeasonalNaive(Kind.LAST);
    }

    public static SeasonalNaive daily() {
        return new SeasonalNaive(Kind.DAILY);
    }

    public static SeasonalNaive weekly() {
        return new SeasonalNaive(Kind.WEEKLY);
    }

    /** The epftoolbox seasonal naive, the reference of rMAE. */
    public static SeasonalNaive epftoolbox() {
        return new SeasonalNaive(Kind.EPF);
    }

    @Override
    public String name() {
        return switch (kind) {
            case LAST -> "naive";
            case DAILY -> "snaive-daily";
            case WEEKLY -> "snaive-weekly";
            case EPF -> "snaive-epf";
        };
    }

    @Override
    protected PointModel fit(ForecastRequest r, int[] pastCutoffs) {
        double[] h = r.history().values();
        int perDay = r.stepsPerDay();
        SeriesCalendar cal = r.calendar();
        return (cutoff, first, steps) -> {
            double[] out = new double[steps];
            for (int i = 0; i < steps; i++) {
                int idx = first + i;
                int period = switch (kind) {
                    case LAST -> 0;
                    case DAILY -> perDay;
                    case WEEKLY -> 7 * perDay;
                    case EPF -> {
                        int wd = cal.weekday(r.history().timeAt(idx));
                        yield wd == 0 || wd >= 5 ? 7 * perDay : perDay;
                    }
                };
                out[i] = period == 0 ? lastKnown(h, cutoff) : lagged(h, idx, period, cutoff);
            }
            return out;
        };
    }

    static double lastKnown(double[] h, int cutoff) {
        for (int j = Math.min(cutoff, h.length) - 1; j >= 0; j--) {
            if (!Double.isNaN(h[j])) {
                return h[j];
            }
        }
        return Double.NaN;
    }

    /** h[idx − k·period] for the smallest k ≥ 1 that is before the cutoff and not a gap. */
    static double lagged(double[] h, int idx, int period, int cutoff) {
        int j = idx - period;
        while (j >= cutoff) {
            j -= period;
        }
        for (int tries = 0; tries < 4 && j >= 0; tries++, j -= period) {
            if (j < h.length && !Double.isNaN(h[j])) {
                return h[j];
            }
        }
        return Double.NaN;
    }
}
