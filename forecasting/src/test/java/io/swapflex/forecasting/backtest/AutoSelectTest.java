package io.swapflex.forecasting.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swapflex.datasets.series.Datasets;
import io.swapflex.forecasting.Forecast;
import io.swapflex.forecasting.ForecastRequest;
import io.swapflex.forecasting.Forecaster;
import io.swapflex.forecasting.data.SeriesCatalog;
import io.swapflex.forecasting.methods.Ensemble;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Auto's choice is made on several folds of past origins, so one unusual block does not decide it. */
class AutoSelectTest {

    private static final SeriesSpec DE = SeriesCatalog.spec(Datasets.ENTSOE_LOAD, "DE_actual_mw");
    private static final Instant ISSUE = Instant.parse("2019-11-04T12:00:00Z");
    private static final Duration HORIZON = Duration.ofHours(36);

    /**
     * A stand-in model that is off by a fixed share of the actual load: {@code calmShare} on target times in
     * {@code [calmFrom, calmTo)}, {@code share} elsewhere (it reads the truth; only the choice is under test).
     */
    private static Forecaster offBy(String name, double share, double calmShare, Instant calmFrom, Instant calmTo) {
        return new Forecaster() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Forecast forecast(ForecastRequest r) {
                Duration step = r.history().step();
                double[] v = new double[r.steps()];
                for (int i = 0; i < v.length; i++) {
                    Instant t = r.start().plus(step.multipliedBy(i));
                    boolean calm = !t.isBefore(calmFrom) && t.isBefore(calmTo);
                    v[i] = DE.target().valueAt(t) * (1 + (calm ? calmShare : share));
                }
                TreeMap<Double, double[]> q = new TreeMap<>(Map.of(0.1, v, 0.5, v, 0.9, v));
                return new Forecast(r.start(), step, v, q, r.history().unit());
            }
        };
    }

    private static double mae(Forecaster f, Instant from, Instant to) {
        ForecastRequest r = AutoSelect.requestAt(DE, from, Duration.between(from, to));
        Forecast fc = f.forecast(r);
        double s = 0;
        for (int i = 0; i < fc.size(); i++) {
            s += Math.abs(fc.values()[i] - DE.target().valueAt(fc.timeAt(i)));
        }
        return s / fc.size();
    }

    @Test
    void aModelGoodOnlyInTheLastWeekWinsOneFoldButNotThree() {
        // "fair-weather" is 0.5 % off in the week before the issue and 5 % off before and after it; "steady" is
        // always 2 % off. The days after the issue (what the choice is for) are like the weeks before the last one.
        Instant calmFrom = ISSUE.minus(Duration.ofDays(7));
        Forecaster fairWeather = offBy("fair-weather", 0.05, 0.005, calmFrom, ISSUE);
        Forecaster steady = offBy("steady", 0.02, 0.02, calmFrom, ISSUE);
        List<Forecaster> candidates = List.of(fairWeather, steady);

        AutoSelect.Choice oneFold = AutoSelect.choose(candidates, DE, ISSUE, HORIZON, 1, 7);
        AutoSelect.Choice threeFolds = AutoSelect.choose(candidates, DE, ISSUE, HORIZON, 3, 7);

        assertEquals("fair-weather", oneFold.forecaster().name(), "the last week alone favours the fair-weather model");
        assertEquals("steady", threeFolds.forecaster().name(), oneFold.folds().summary(2) + " / " + threeFolds.folds().summary(2));
        assertEquals(3, threeFolds.folds().foldMae().get("steady").length);
        double[] fw = threeFolds.folds().foldMae().get("fair-weather");
        double[] st = threeFolds.folds().foldMae().get("steady");
        assertTrue(fw[2] < st[2] && fw[0] > st[0] && fw[1] > st[1], "fair-weather wins the newest fold only");

        Instant testEnd = ISSUE.plus(Duration.ofDays(14));
        assertTrue(mae(steady, ISSUE, testEnd) < mae(fairWeather, ISSUE, testEnd), "and the steady model is better after the issue");
    }

    @Test
    void anEnsembleOfCandidatesIsScoredFromItsMembersAndMustWinMostFolds() {
        // Errors of opposite sign: their average is better than either on every fold, so it is kept.
        Forecaster over = offBy("over", 0.03, 0.03, ISSUE, ISSUE);
        Forecaster under = offBy("under", -0.02, -0.02, ISSUE, ISSUE);
        Ensemble both = new Ensemble("ensemble(over + under)", List.of(over, under));

        AutoSelect.Choice c = AutoSelect.choose(List.of(over, under, both), DE, ISSUE, HORIZON, 3, 7);

        assertEquals("ensemble(over + under)", c.forecaster().name());
        double[] ensemble = c.folds().foldMae().get("ensemble(over + under)");
        double[] under3 = c.folds().foldMae().get("under");
        for (int k = 0; k < 3; k++) {
            assertTrue(ensemble[k] < 0.3 * under3[k], "the average of +3 % and −2 % is 0.5 % off: " + c.folds().summary(3));
        }
    }

    @Test
    void aCombinationWithTheBestMeanButFewerFoldWinsGivesWayToTheSimplerModel() {
        Map<String, double[]> folds = new LinkedHashMap<>();
        folds.put("ridge", new double[] {100, 100, 100});
        folds.put("ets", new double[] {150, 140, 200});
        folds.put("ensemble(ridge + ets)", new double[] {60, 105, 102}); // best geometric mean (81), wins 1 fold of 3
        Map<String, Integer> size = Map.of("ensemble(ridge + ets)", 2);

        AutoSelect.FoldChoice c = AutoSelect.chooseByFolds(folds, n -> size.getOrDefault(n, 1));

        assertTrue(c.score().get("ensemble(ridge + ets)") < c.score().get("ridge"));
        assertEquals("ridge", c.chosen());
        assertEquals(List.of("ensemble(ridge + ets)"), c.passedOver());

        folds.put("ensemble(ridge + ets)", new double[] {60, 95, 102}); // now wins 2 of 3
        assertEquals("ensemble(ridge + ets)", AutoSelect.chooseByFolds(folds, n -> size.getOrDefault(n, 1)).chosen());
    }

    @Test
    void foldsOfLargerErrorsDoNotOutweighTheOthers() {
        // Mean MAE would pick "b" (65.7 against 70.0) on the strength of the winter-like folds; "a" is better by
        // the ratio on the first fold (10 against 12) than "b" is on the others (0.90, 0.95).
        Map<String, double[]> folds = new LinkedHashMap<>();
        folds.put("a", new double[] {10, 100, 100});
        folds.put("b", new double[] {12, 90, 95});
        assertEquals("a", AutoSelect.chooseByFolds(folds, n -> 1).chosen());
    }

    @Test
    void withOneFoldTheLowestMaeWins() {
        Map<String, double[]> folds = new LinkedHashMap<>();
        folds.put("ridge", new double[] {100});
        folds.put("ensemble(ridge + ets)", new double[] {99});
        folds.put("broken", new double[] {Double.NaN});
        AutoSelect.FoldChoice c = AutoSelect.chooseByFolds(folds, n -> n.startsWith("ensemble") ? 2 : 1);
        assertEquals("ensemble(ridge + ets)", c.chosen());
        assertTrue(!c.score().containsKey("broken"), "a candidate without a finite MAE is not ranked");
    }
}
