package io.swapflex.forecasting.data;

import io.swapflex.forecasting.Forecaster;
import io.swapflex.forecasting.backtest.SeriesSpec;
import io.swapflex.forecasting.methods.CountGlm;
import io.swapflex.forecasting.methods.DoubleSeasonalSmoothing;
import io.swapflex.forecasting.methods.ExternalForecast;
import io.swapflex.forecasting.methods.LagRidge;
import io.swapflex.forecasting.methods.RidgeSpec;
import io.swapflex.forecasting.methods.SeasonalNaive;
import java.util.ArrayList;
import java.util.List;

/** The methods that make sense for a series, by what the series is and which inputs it has. */
public final class MethodCatalog {

    private MethodCatalog() {
    }

    public static List<Forecaster> baselines(SeriesSpec spec) {
        List<Forecaster> out = new ArrayList<>(List.of(SeasonalNaive.naive(), SeasonalNaive.daily(), SeasonalNaive.weekly()));
        if (spec.label().startsWith("prices")) {
            out.add(SeasonalNaive.epftoolbox());
        }
        return out;
    }

    /** Non-baseline models, the candidates of automatic choice. */
    public static List<Forecaster> models(SeriesSpec spec) {
        List<Forecaster> out = new ArrayList<>();
        out.add(new DoubleSeasonalSmoothing());
        if (spec.label().startsWith("prices")) {
            out.add(new LagRidge(RidgeSpec.robustPrices(364)));
            out.add(new LagRidge(RidgeSpec.prices(182)));
            out.add(new LagRidge(RidgeSpec.learPrices(364)));
            return out;
        }
        out.add(new LagRidge(RidgeSpec.calendarAndLags(365)));
        out.add(new LagRidge(RidgeSpec.calendarLagsAndProfile(365)));
        if (spec.exogenous().containsKey(SeriesCatalog.OPERATOR_FORECAST)) {
            out.add(new LagRidge(RidgeSpec.calendarAndLags(365).withExogenous("ridge+operator",
                    List.of(SeriesCatalog.OPERATOR_FORECAST))));
        }
        if (spec.exogenous().containsKey(SeriesCatalog.TEMPERATURE)) {
            out.add(new LagRidge(RidgeSpec.calendarAndLags(365).withExogenous("ridge+temperature",
                    List.of(SeriesCatalog.TEMPERATURE))));
        }
        if (spec.countData()) {
            out.add(new CountGlm(182));
        }
        return out;
    }

    /** External forecasts shipped with the data (the grid operator's), scored for reference only. */
    public static List<Forecaster> references(SeriesSpec spec) {
        if (spec.exogenous().containsKey(SeriesCatalog.OPERATOR_FORECAST)) {
            return List.of(new ExternalForecast("operator", SeriesCatalog.OPERATOR_FORECAST));
        }
        return List.of();
    }

    public static List<Forecaster> all(SeriesSpec spec) {
        List<Forecaster> out = new ArrayList<>(baselines(spec));
        out.addAll(models(spec));
        return out;
    }
}
