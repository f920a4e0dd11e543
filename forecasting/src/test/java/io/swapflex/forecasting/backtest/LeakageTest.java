package io.swapflex.forecasting.backtest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.swapflex.datasets.series.Datasets;
import io.swapflex.datasets.series.TimeSeries;
import io.swapflex.forecasting.Forecast;
import io.swapflex.forecasting.Forecaster;
import io.swapflex.forecasting.data.SeriesCatalog;
import io.swapflex.forecasting.methods.CountGlm;
import io.swapflex.forecasting.methods.DoubleSeasonalSmoothing;
import io.swapflex.forecasting.methods.LagRidge;
import io.swapflex.forecasting.methods.RidgeSpec;
import io.swapflex.forecasting.methods.SeasonalNaive;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * No leakage: every value published after the issue time (and every exogenous value after the horizon) is replaced
 * by garbage; the forecasts must not change. The control poisons one value before the cutoff and must change them,
 * which shows the check would notice data flowing in.
 */
class LeakageTest {

    private static final double POISON = 1e9;

    @Test
    void loadForecastsIgnoreEverythingAfterTheIssueTime() {
        SeriesSpec spec = SeriesCatalog.spec(Datasets.ENTSOE_LOAD, "DE_actual_mw");
        LocalDate day = LocalDate.of(2019, 11, 5);
        for (Forecaster m : List.of(SeasonalNaive.weekly(), new DoubleSeasonalSmoothing(),
                new LagRidge(RidgeSpec.calendarAndLags(365).withExogenous("ridge+operator", List.of(SeriesCatalog.OPERATOR_FORECAST))),
                new LagRidge(RidgeSpec.calendarLagsAndProfile(365)))) {
            assertNoLeak(m, spec, day);
        }
    }

    @Test
    void priceForecastsIgnoreTheAuctionOfTheTargetDay() {
        for (Forecaster m : List.of(new LagRidge(RidgeSpec.prices(182)), new LagRidge(RidgeSpec.learPrices(182)))) {
            assertNoLeak(m, SeriesCatalog.spec(Datasets.ENTSOE_PRICES, "DE_eur_mwh"), LocalDate.of(2020, 3, 10));
        }
    }

    @Test
    void countForecastsIgnoreLaterArrivals() {
        assertNoLeak(new CountGlm(91), SeriesCatalog.spec(Datasets.PERTH_KINROSS, "arrivals"), LocalDate.of(2019, 7, 2));
    }

    private static void assertNoLeak(Forecaster m, SeriesSpec spec, LocalDate day) {
        var clean = RollingOrigin.request(spec, day);
        Instant cutoff = clean.history().end();
        Instant horizonEnd = clean.history().timeAt(clean.startIndex() + clean.steps());
        Forecast before = m.forecast(clean);

        SeriesSpec poisoned = new SeriesSpec(spec.label(), poisonFrom(spec.target(), cutoff), spec.availability(),
                poisonAll(spec.covariates(), cutoff), poisonAll(spec.exogenous(), horizonEnd), spec.calendar(),
                spec.issueTime(), spec.countData());
        Forecast after = m.forecast(RollingOrigin.request(poisoned, day));
        assertArrayEquals(before.values(), after.values(), m.name() + ": forecast changed when future data changed");
        assertArrayEquals(before.quantile(0.9), after.quantile(0.9), m.name() + ": P90 changed");

        // Control: a change just before the cutoff must reach the forecast (otherwise this test proves nothing).
        double[] v = spec.target().values().clone();
        int last = spec.target().indexOf(cutoff) - 1;
        for (int i = last - 24 * 8; i <= last; i++) {
            v[i] = v[i] * 3 + 100;
        }
        Forecast control = m.forecast(RollingOrigin.request(spec.withTarget(spec.target().withValues(v)), day));
        assertFalse(Arrays.equals(before.values(), control.values()), m.name() + ": control did not change the forecast");
    }

    private static TimeSeries poisonFrom(TimeSeries s, Instant from) {
        double[] v = s.values().clone();
        for (int i = Math.max(0, s.indexOf(from)); i < v.length; i++) {
            v[i] = POISON;
        }
        return s.withValues(v);
    }

    private static Map<String, TimeSeries> poisonAll(Map<String, TimeSeries> m, Instant from) {
        Map<String, TimeSeries> out = new LinkedHashMap<>();
        m.forEach((k, s) -> out.put(k, poisonFrom(s, from)));
        return out;
    }
}
