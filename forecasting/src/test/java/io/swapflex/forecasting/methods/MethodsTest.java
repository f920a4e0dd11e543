package io.swapflex.forecasting.methods;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swapflex.datasets.series.TimeSeries;
import io.swapflex.forecasting.Forecast;
import io.swapflex.forecasting.ForecastRequest;
import io.swapflex.forecasting.SeriesCalendar;
import io.swapflex.forecasting.calendar.HolidayCalendar;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MethodsTest {

    private static final Instant T0 = Instant.parse("2019-01-07T00:00:00Z"); // a Monday
    private static final SeriesCalendar UTC = new SeriesCalendar(ZoneOffset.UTC, HolidayCalendar.NONE);

    /** 10 weeks of a daily × weekly pattern plus seeded noise; value = 100 + 10·hour + 50·[weekend]. */
    private static TimeSeries synthetic(double noise) {
        Random rng = new Random(3);
        double[] v = new double[10 * 168];
        for (int i = 0; i < v.length; i++) {
            int hour = i % 24;
            int day = (i / 24) % 7;
            v[i] = 100 + 10 * hour + (day >= 5 ? 50 : 0) + noise * rng.nextGaussian();
        }
        return new TimeSeries("x", "MW", T0, Duration.ofHours(1), v);
    }

    private static ForecastRequest request(TimeSeries h, int steps) {
        return new ForecastRequest(h, Map.of(), Map.of(), h.end(), steps, UTC);
    }

    @Test
    void seasonalNaivesRepeatTheRightPastValues() {
        TimeSeries h = synthetic(0);
        Forecast weekly = SeasonalNaive.weekly().forecast(request(h, 36));
        Forecast daily = SeasonalNaive.daily().forecast(request(h, 36));
        Forecast naive = SeasonalNaive.naive().forecast(request(h, 36));
        for (int i = 0; i < 36; i++) {
            assertEquals(h.get(h.size() + i - 168), weekly.values()[i]);
            // 36 steps ahead: the second day repeats the last known day, not the unknown first one
            assertEquals(h.get(h.size() + i - (i < 24 ? 24 : 48)), daily.values()[i]);
            assertEquals(h.get(h.size() - 1), naive.values()[i]);
        }
    }

    @Test
    void exponentialSmoothingLearnsANoiselessDoubleSeasonalPattern() {
        TimeSeries h = synthetic(0);
        Forecast f = new DoubleSeasonalSmoothing().forecast(request(h, 48));
        for (int i = 0; i < 48; i++) {
            int idx = h.size() + i;
            double expected = 100 + 10 * (idx % 24) + ((idx / 24) % 7 >= 5 ? 50 : 0);
            assertEquals(expected, f.values()[i], 1.0);
        }
    }

    @Test
    void ridgeBeatsNoiseAndQuantilesBracketTheMedian() {
        TimeSeries h = synthetic(5);
        Forecast f = new LagRidge(RidgeSpec.calendarAndLags(60)).forecast(request(h, 24));
        double err = 0;
        for (int i = 0; i < 24; i++) {
            int idx = h.size() + i;
            double expected = 100 + 10 * (idx % 24) + ((idx / 24) % 7 >= 5 ? 50 : 0);
            err += Math.abs(expected - f.values()[i]) / 24;
            assertTrue(f.quantile(0.1)[i] <= f.values()[i] && f.values()[i] <= f.quantile(0.9)[i]);
        }
        assertTrue(err < 5, "mean abs error vs the noiseless pattern " + err);
        // 80 % interval of N(0, 5²) noise is ±6.4: the width should be of that order
        double width = f.quantile(0.9)[0] - f.quantile(0.1)[0];
        assertTrue(width > 8 && width < 25, "P10–P90 width " + width);
    }

    @Test
    void ensembleAveragesMemberQuantiles() {
        TimeSeries h = synthetic(5);
        ForecastRequest r = request(h, 24);
        Forecast a = SeasonalNaive.weekly().forecast(r);
        Forecast b = SeasonalNaive.daily().forecast(r);
        Forecast e = new Ensemble("e", List.of(SeasonalNaive.weekly(), SeasonalNaive.daily())).forecast(r);
        double[] expected = new double[24];
        for (int i = 0; i < 24; i++) {
            expected[i] = (a.values()[i] + b.values()[i]) / 2;
        }
        assertArrayEquals(expected, e.values(), 1e-9);
    }
}
