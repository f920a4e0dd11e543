package io.swapflex.forecasting.bench;

import io.swapflex.forecasting.backtest.BacktestResult;
import io.swapflex.forecasting.backtest.Metrics;
import java.util.List;
import java.util.Locale;

/** One method's scores on one series' test period, as printed in the benchmark table. */
record ResultRow(String method, double mae, double rmse, double mape, double smape, double mase, double rmae,
        double pinball, double coverage, double pitCoverage, double msPerForecast) {

    static ResultRow of(String method, BacktestResult r, BacktestResult weeklyNaive, BacktestResult epfNaive) {
        double[] y = r.actual();
        return new ResultRow(method, Metrics.mae(y, r.p50()), Metrics.rmse(y, r.p50()), Metrics.mape(y, r.p50()),
                Metrics.smape(y, r.p50()), Metrics.relativeMae(y, r.p50(), weeklyNaive.p50()),
                epfNaive == null ? Double.NaN : Metrics.relativeMae(y, r.p50(), epfNaive.p50()),
                Metrics.pinball3(y, r.p10(), r.p50(), r.p90()), Metrics.coverage(y, r.p10(), r.p90()),
                Metrics.pitCoverage(r.pit()), r.msPerForecast());
    }

    static String header(boolean prices, boolean counts) {
        return "| method | MAE | RMSE | MAPE % | sMAPE % | MASE (vs weekly naive) |" + (prices ? " rMAE (vs epftoolbox naive) |" : "")
                + " pinball (10/50/90) | P10–P90 coverage % |" + (counts ? " PIT in [0.1,0.9] % |" : "") + " ms/forecast |\n"
                + "|---|---:|---:|---:|---:|---:|" + (prices ? "---:|" : "") + "---:|---:|" + (counts ? "---:|" : "") + "---:|";
    }

    String format(boolean prices, boolean counts) {
        List<String> cells = new java.util.ArrayList<>(List.of(method, f(mae, 3), f(rmse, 3), f(mape, 2), f(smape, 2), f(mase, 3)));
        if (prices) {
            cells.add(f(rmae, 3));
        }
        cells.add(f(pinball, 3));
        cells.add(f(coverage, 1));
        if (counts) {
            cells.add(f(pitCoverage, 1));
        }
        cells.add(f(msPerForecast, 1));
        return "| " + String.join(" | ", cells) + " |";
    }

    private static String f(double v, int digits) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%." + digits + "f", v);
    }
}
