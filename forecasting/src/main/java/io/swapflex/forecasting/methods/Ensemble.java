package io.swapflex.forecasting.methods;

import io.swapflex.forecasting.Forecast;
import io.swapflex.forecasting.ForecastRequest;
import io.swapflex.forecasting.Forecaster;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Equal-weight combination: each quantile is the mean of the members' quantiles (quantile averaging, "Vincentization"),
 * and count CDFs are averaged into a mixture. Combining errors that are not perfectly correlated lowers the error of
 * the point forecast; whether it beats its best member is decided by the backtest, not assumed.
 */
public final class Ensemble implements Forecaster {

    private final String name;
    private final List<Forecaster> members;

    public Ensemble(String name, List<Forecaster> members) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("an ensemble needs members");
        }
        this.name = name;
        this.members = List.copyOf(members);
    }

    public List<Forecaster> members() {
        return members;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Forecast forecast(ForecastRequest r) {
        List<Forecast> fs = members.stream().map(m -> m.forecast(r)).toList();
        int steps = r.steps();
        SortedMap<Double, double[]> q = new TreeMap<>();
        for (Map.Entry<Double, double[]> e : fs.get(0).quantiles().entrySet()) {
            if (fs.stream().allMatch(f -> f.quantiles().containsKey(e.getKey()))) {
                double[] avg = new double[steps];
                for (Forecast f : fs) {
                    double[] v = f.quantile(e.getKey());
                    for (int i = 0; i < steps; i++) {
                        avg[i] += v[i] / fs.size();
                    }
                }
                q.put(e.getKey(), avg);
            }
        }
        Forecast.CountDistribution mix = null;
        if (fs.stream().allMatch(f -> f.counts() != null)) {
            mix = (i, y) -> fs.stream().mapToDouble(f -> f.counts().cdf(i, y)).average().orElse(Double.NaN);
        }
        return new Forecast(r.start(), r.history().step(), q.get(0.5).clone(), q, r.history().unit(), mix);
    }
}
