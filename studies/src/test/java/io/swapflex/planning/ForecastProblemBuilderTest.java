package io.swapflex.planning;

import io.swapflex.datasets.series.Datasets;
import io.swapflex.forecasting.Forecast;
import io.swapflex.forecasting.backtest.AutoSelect;
import io.swapflex.forecasting.backtest.SeriesSpec;
import io.swapflex.forecasting.data.SeriesCatalog;
import io.swapflex.forecasting.math.NegativeBinomial;
import io.swapflex.forecasting.methods.CountGlm;
import io.swapflex.forecasting.methods.LagRidge;
import io.swapflex.forecasting.methods.RidgeSpec;
import io.swapflex.optimizer.SolveOptions;
import io.swapflex.optimizer.check.CheckReport;
import io.swapflex.optimizer.check.PlanChecker;
import io.swapflex.optimizer.contract.Bay;
import io.swapflex.optimizer.contract.PackType;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.optimizer.contract.ProblemValidator;
import io.swapflex.optimizer.heuristic.GreedyScheduler;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ForecastProblemBuilderTest {

    private static final Instant T0 = Instant.parse("2019-06-03T00:00:00Z");
    private static final Duration QUARTER = Duration.ofMinutes(15);
    private static final Duration HOUR = Duration.ofHours(1);
    private static final double EPS = 1e-12;

    private static final PackType PACK_2W = new PackType("2W-1.6", 1.6, 0.8, 0.8, 0.95, 0.95, 0.10, 1.0, 0.95, 0.20,
            0.02);
    private static final PackType PACK_3W = new PackType("3W-5.4", 5.376, 2.5, 2.5, 0.95, 0.95, 0.10, 1.0, 0.95,
            0.20, 0.03);

    private static StationTemplate station(int bays2w) {
        List<Bay> bays = new ArrayList<>();
        for (int b = 0; b < bays2w; b++) {
            bays.add(new Bay(String.format("bay-%02d", b + 1), PACK_2W.id(), b % 3 == 0 ? 0.95 : 0.5));
        }
        return new StationTemplate("test-station", 30.0, 10.0, null, List.of(PACK_2W), bays, 5.0);
    }

    /** A forecast with the given P10/P50/P90 per step and no count distribution. */
    private static Forecast quantiles(Instant start, Duration step, String unit, double[] p10, double[] p50,
                                      double[] p90) {
        SortedMap<Double, double[]> q = new TreeMap<>();
        q.put(0.1, p10);
        q.put(0.5, p50);
        q.put(0.9, p90);
        return new Forecast(start, step, p50.clone(), q, unit);
    }

    /** A point forecast (all quantiles equal), e.g. a price. */
    private static Forecast flat(Instant start, Duration step, String unit, double... values) {
        return quantiles(start, step, unit, values, values, values);
    }

    private static Forecast zeros(Instant start, Duration step, int n) {
        return flat(start, step, "count", new double[n]);
    }

    private static int[] demandRow(Forecast f, double alpha) {
        int[] row = new int[f.size()];
        for (int i = 0; i < row.length; i++) {
            row[i] = ForecastProblemBuilder.demandQuantile(f, i, alpha);
        }
        return row;
    }

    private static double[] repeat(double v, int n) {
        double[] out = new double[n];
        Arrays.fill(out, v);
        return out;
    }

    // --- swap demand --------------------------------------------------------------------------------------------------

    @Test
    void demandFromQuantileMapIsTheRoundedUpInterpolatedQuantile() {
        Forecast f = quantiles(T0, HOUR, "count",
                new double[]{0.0, 1.0, 2.0, 0.0},
                new double[]{1.2, 3.0, 4.0, 0.0},
                new double[]{2.5, 6.0, 8.0, 0.4});
        assertArrayEquals(new int[]{2, 3, 4, 0}, demandRow(f, 0.5));
        assertArrayEquals(new int[]{3, 6, 8, 1}, demandRow(f, 0.9));
        // 0.7 lies halfway between 0.5 and 0.9: 1.85 → 2, 4.5 → 5, 6.0 → 6, 0.2 → 1
        assertArrayEquals(new int[]{2, 5, 6, 1}, demandRow(f, 0.7));
        // 0.3: halfway between 0.1 and 0.5: 0.6 → 1, 2.0 → 2, 3.0 → 3, 0 → 0
        assertArrayEquals(new int[]{1, 2, 3, 0}, demandRow(f, 0.3));
    }

    @Test
    void demandFromCountCdfIsTheSmallestCountReachingTheServiceLevel() {
        // Poisson(2): CDF 0.135, 0.406, 0.677, 0.857, 0.947 → P50 = 2, P90 = 4
        // Poisson(0.3): CDF 0.741, 0.963 → P50 = 0, P90 = 1
        // NB(mean 6, α 0.5): P50/P90 from the distribution itself
        NegativeBinomial[] dist = {new NegativeBinomial(2.0, 0), new NegativeBinomial(0.3, 0),
                new NegativeBinomial(6.0, 0.5)};
        // The quantile map is deliberately off (all zero): the CDF must win when present.
        double[] z = new double[3];
        SortedMap<Double, double[]> q = new TreeMap<>();
        q.put(0.1, z);
        q.put(0.5, z);
        q.put(0.9, z);
        Forecast f = new Forecast(T0, HOUR, z, q, "count", (i, y) -> dist[i].cdf(y));
        assertArrayEquals(new int[]{2, 0, dist[2].quantile(0.5)}, demandRow(f, 0.5));
        assertArrayEquals(new int[]{4, 1, dist[2].quantile(0.9)}, demandRow(f, 0.9));
        // the CDF also answers levels outside the quantile map
        assertEquals(dist[0].quantile(0.99), ForecastProblemBuilder.demandQuantile(f, 0, 0.99));
        assertEquals(0, ForecastProblemBuilder.demandQuantile(f, 1, 0.05));
    }

    @Test
    void higherServiceLevelNeverPlansFewerSwaps() {
        NegativeBinomial nb = new NegativeBinomial(3.7, 0.3);
        Forecast withCdf = new Forecast(T0, HOUR, new double[]{4}, new TreeMap<>(java.util.Map.of(
                0.1, new double[]{nb.quantile(0.1)}, 0.5, new double[]{nb.quantile(0.5)},
                0.9, new double[]{nb.quantile(0.9)})), "count", (i, y) -> nb.cdf(y));
        Forecast mapOnly = quantiles(T0, HOUR, "count", new double[]{0.3}, new double[]{2.2}, new double[]{7.9});
        for (Forecast f : List.of(withCdf, mapOnly)) {
            int previous = 0;
            double hi = f.counts() == null ? 0.9 : 0.999;
            for (double a = 0.1; a <= hi + 1e-9; a += 0.001) {
                int d = ForecastProblemBuilder.demandQuantile(f, 0, Math.min(a, hi));
                assertTrue(d >= previous, "demand fell from " + previous + " to " + d + " at α = " + a);
                previous = d;
            }
        }
        assertTrue(ForecastProblemBuilder.demandQuantile(withCdf, 0, 0.9)
                > ForecastProblemBuilder.demandQuantile(withCdf, 0, 0.5));
    }

    @Test
    void demandIsNeverNegative() {
        // e.g. a regression forecast of counts dipping below zero at night
        Forecast f = quantiles(T0, HOUR, "count", new double[]{-3, -2}, new double[]{-1.5, -0.2},
                new double[]{-0.5, 0.7});
        assertArrayEquals(new int[]{0, 0}, demandRow(f, 0.5));
        assertArrayEquals(new int[]{0, 1}, demandRow(f, 0.9));
    }

    @Test
    void serviceLevelOutsideTheQuantileMapIsRefusedWithoutACountDistribution() {
        Forecast f = quantiles(T0, HOUR, "count", new double[]{1}, new double[]{2}, new double[]{3});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ForecastProblemBuilder.demandQuantile(f, 0, 0.95));
        assertTrue(e.getMessage().contains("outside the quantile levels"), e.getMessage());
        IllegalArgumentException built = assertThrows(IllegalArgumentException.class,
                () -> ForecastProblemBuilder.forStation(station(2)).swapDemand(PACK_2W.id(), f)
                        .importPrice(flat(T0, HOUR, "EUR/MWh", 40)).serviceLevel(0.95).build());
        assertTrue(built.getMessage().startsWith("swapDemand[2W-1.6] forecast"), built.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> ForecastProblemBuilder.forStation(station(2)).swapDemand(PACK_2W.id(), f)
                        .importPrice(flat(T0, HOUR, "EUR/MWh", 40)).serviceLevel(1.0).build());
    }

    @Test
    void builtDemandFollowsTheServiceLevel() {
        Forecast f = quantiles(T0, HOUR, "count", new double[]{0, 1, 0}, new double[]{1, 2, 0.3},
                new double[]{2.4, 5, 1.1});
        ForecastProblemBuilder b = ForecastProblemBuilder.forStation(station(3)).swapDemand(PACK_2W.id(), f)
                .importPrice(flat(T0, HOUR, "EUR/MWh", 30, 40, 50));
        Problem p50 = b.serviceLevel(0.5).build();
        Problem p90 = b.serviceLevel(0.9).build();
        assertArrayEquals(new int[]{1, 2, 1}, p50.swapDemand().get(PACK_2W.id()));
        assertArrayEquals(new int[]{3, 5, 2}, p90.swapDemand().get(PACK_2W.id()));
        assertTrue(ProblemValidator.errors(p50).isEmpty(), ProblemValidator.errors(p50)::toString);
        assertTrue(ProblemValidator.errors(p90).isEmpty(), ProblemValidator.errors(p90)::toString);
    }

    // --- prices: resampling and units ----------------------------------------------------------------------------------

    @Test
    void hourlyPricesAreRepeatedOnQuarterHourSlots() {
        Problem p = ForecastProblemBuilder.forStation(station(2))
                .swapDemand(PACK_2W.id(), zeros(T0, QUARTER, 8))
                .importPrice(flat(T0, HOUR, "EUR/MWh", 40, 80, 120)) // a third hour beyond the horizon is ignored
                .serviceLevel(0.9).build();
        assertEquals(15, p.horizon().slotMinutes());
        assertEquals(8, p.slots());
        double[] expected = {0.04, 0.04, 0.04, 0.04, 0.08, 0.08, 0.08, 0.08};
        assertArrayEquals(expected, p.tariff().importPricePerKwh(), EPS);
        assertArrayEquals(expected, p.tariff().exportPricePerKwh(), EPS); // default: export = 1.0 × import
        assertTrue(ProblemValidator.errors(p).isEmpty(), ProblemValidator.errors(p)::toString);
    }

    @Test
    void hourlyPricesStartingBeforeTheHorizonAreCutAtTheRightHour() {
        Instant start = T0.plus(Duration.ofMinutes(30)); // 00:30: slots 00:30, 00:45 in hour 0, then hour 1
        Problem p = ForecastProblemBuilder.forStation(station(2))
                .swapDemand(PACK_2W.id(), zeros(start, QUARTER, 4))
                .importPrice(flat(T0, HOUR, "EUR/MWh", 40, 80))
                .serviceLevel(0.9).build();
        assertArrayEquals(new double[]{0.04, 0.04, 0.08, 0.08}, p.tariff().importPricePerKwh(), EPS);
    }

    @Test
    void quarterHourPricesAreAveragedOnHourlySlots() {
        Problem p = ForecastProblemBuilder.forStation(station(2))
                .swapDemand(PACK_2W.id(), zeros(T0, HOUR, 2))
                .importPrice(flat(T0, QUARTER, "EUR/MWh", 10, 20, 30, 40, -8, 0, 0, 0))
                .serviceLevel(0.5).build();
        assertArrayEquals(new double[]{0.025, -0.002}, p.tariff().importPricePerKwh(), EPS);
    }

    @Test
    void pricesPerMwhBecomePerKwhAndTheCurrencyComesFromTheUnit() {
        Problem p = ForecastProblemBuilder.forStation(station(2))
                .swapDemand(PACK_2W.id(), zeros(T0, HOUR, 2))
                .importPrice(flat(T0, HOUR, "EUR/MWh", 123.4, -5.0))
                .exportPrice(flat(T0, HOUR, "EUR/kWh", 0.05, 0.06))
                .serviceLevel(0.9).build();
        assertEquals("EUR", p.tariff().currency());
        assertArrayEquals(new double[]{0.1234, -0.005}, p.tariff().importPricePerKwh(), EPS);
        assertArrayEquals(new double[]{0.05, 0.06}, p.tariff().exportPricePerKwh(), EPS);
    }

    @Test
    void exportPriceByRatioOrFixed() {
        ForecastProblemBuilder b = ForecastProblemBuilder.forStation(station(2))
                .swapDemand(PACK_2W.id(), zeros(T0, HOUR, 2))
                .importPrice(flat(T0, HOUR, "THB/kWh", 4.0, 2.0))
                .serviceLevel(0.9);
        assertArrayEquals(new double[]{3.2, 1.6},
                b.exportPrice(ExportPrice.ratioOfImport(0.8)).build().tariff().exportPricePerKwh(), EPS);
        assertArrayEquals(new double[]{1.5, 1.5},
                b.exportPrice(ExportPrice.fixedPerKwh(1.5)).build().tariff().exportPricePerKwh(), EPS);
        assertEquals("THB", b.build().tariff().currency());
    }

    @Test
    void unitsThatDoNotFitAreRefusedNamingTheInput() {
        ForecastProblemBuilder b = ForecastProblemBuilder.forStation(station(2))
                .swapDemand(PACK_2W.id(), zeros(T0, HOUR, 2)).serviceLevel(0.9);
        assertMessage("importPrice forecast has unit 'MW'",
                () -> b.importPrice(flat(T0, HOUR, "MW", 1, 2)).build());
        b.importPrice(flat(T0, HOUR, "EUR/MWh", 1, 2));
        assertMessage("exportPrice forecast is in USD",
                () -> b.exportPrice(flat(T0, HOUR, "USD/MWh", 1, 2)).build());
        b.exportPrice(ExportPrice.ratioOfImport(1.0));
        assertMessage("baseLoad forecast has unit 'EUR/MWh'",
                () -> b.baseLoad(flat(T0, HOUR, "EUR/MWh", 1, 2)).build());
        b.baseLoad(null);
        assertMessage("swapDemand[2W-1.6] forecast has unit 'MW'",
                () -> b.swapDemand(PACK_2W.id(), flat(T0, HOUR, "MW", 1, 2)).build());
    }

    // --- horizon coverage ----------------------------------------------------------------------------------------------

    @Test
    void forecastsNotCoveringTheHorizonAreRefusedNamingTheInput() {
        ForecastProblemBuilder b = ForecastProblemBuilder.forStation(station(2))
                .swapDemand(PACK_2W.id(), zeros(T0, QUARTER, 8)).serviceLevel(0.9);
        // ends an hour early
        assertMessage("importPrice forecast covers [2019-06-03T00:00:00Z, 2019-06-03T01:00:00Z), the horizon needs "
                + "[2019-06-03T00:00:00Z, 2019-06-03T02:00:00Z)", () -> b.importPrice(flat(T0, HOUR, "EUR/MWh", 40)).build());
        // starts after the horizon
        assertMessage("importPrice forecast covers [2019-06-03T01:00:00Z",
                () -> b.importPrice(flat(T0.plus(HOUR), HOUR, "EUR/MWh", 40, 50, 60)).build());
        b.importPrice(flat(T0, HOUR, "EUR/MWh", 40, 50));
        assertMessage("baseLoad forecast covers", () -> b.baseLoad(flat(T0, QUARTER, "kW", 1, 1, 1)).build());
        assertMessage("exportPrice forecast covers",
                () -> b.baseLoad(null).exportPrice(flat(T0, HOUR, "EUR/MWh", 40)).build());
        b.exportPrice(ExportPrice.ratioOfImport(1));
        // off the slot grid, and steps that do not divide
        assertMessage("importPrice forecast starts 2019-06-02T23:05:00Z, off the grid",
                () -> b.importPrice(flat(T0.plus(Duration.ofMinutes(5)).minus(HOUR), HOUR, "EUR/MWh", 1, 2, 3)).build());
        assertMessage("importPrice forecast has step PT10M",
                () -> b.importPrice(flat(T0, Duration.ofMinutes(10), "EUR/MWh", repeat(1, 12))).build());
        // missing values
        b.importPrice(flat(T0, HOUR, "EUR/MWh", 40, Double.NaN));
        assertMessage("importPrice forecast has no value (NaN) at 2019-06-03T01:00:00Z", b::build);
        // more slots than the demand forecast has
        b.importPrice(flat(T0, HOUR, "EUR/MWh", 40, 50, 60));
        assertMessage("swapDemand[2W-1.6] forecast has 8 steps, the horizon needs 12 slots", () -> b.slots(12).build());
        assertEquals(4, b.slots(4).build().slots());
    }

    @Test
    void demandForecastsMustMatchTheTemplateAndEachOther() {
        StationTemplate two = new StationTemplate("two-types", 30.0, 10.0, 4, List.of(PACK_2W, PACK_3W),
                List.of(new Bay("a", PACK_2W.id(), 0.5), new Bay("b", PACK_3W.id(), 0.5)), 5.0);
        Forecast price = flat(T0, HOUR, "EUR/MWh", 40, 50);
        assertMessage("swapDemand[3W-5.4] forecast is missing", () -> ForecastProblemBuilder.forStation(two)
                .swapDemand(PACK_2W.id(), zeros(T0, HOUR, 2)).importPrice(price).serviceLevel(0.9).build());
        assertMessage("swapDemand forecasts for [4W] are not pack types", () -> ForecastProblemBuilder.forStation(two)
                .swapDemand("4W", zeros(T0, HOUR, 2)).importPrice(price).serviceLevel(0.9).build());
        assertMessage("swapDemand[3W-5.4] forecast starts", () -> ForecastProblemBuilder.forStation(two)
                .swapDemand(PACK_2W.id(), zeros(T0, HOUR, 2)).swapDemand(PACK_3W.id(), zeros(T0, QUARTER, 8))
                .importPrice(price).serviceLevel(0.9).build());
        Problem p = ForecastProblemBuilder.forStation(two)
                .swapDemand(PACK_2W.id(), zeros(T0, HOUR, 3)).swapDemand(PACK_3W.id(), zeros(T0, HOUR, 2))
                .importPrice(price).serviceLevel(0.9).build();
        assertEquals(2, p.slots()); // the shortest demand forecast
        assertTrue(ProblemValidator.errors(p).isEmpty(), ProblemValidator.errors(p)::toString);
    }

    // --- the built problem ---------------------------------------------------------------------------------------------

    @Test
    void builtProblemValidatesWithHorizonBaseLoadAndTemplate() {
        Problem p = ForecastProblemBuilder.forStation(station(4))
                .swapDemand(PACK_2W.id(), quantiles(T0, QUARTER, "count", new double[8], repeat(0.4, 8), repeat(1.2, 8)))
                .importPrice(flat(T0.minus(HOUR), HOUR, "EUR/MWh", 10, 40, 80))
                .baseLoad(flat(T0, HOUR, "MW", 0.0012, -0.0001))
                .zone(ZoneId.of("Europe/Berlin"))
                .serviceLevel(0.9).build();
        assertTrue(ProblemValidator.errors(p).isEmpty(), ProblemValidator.errors(p)::toString);
        assertEquals(1, p.formatVersion());
        assertEquals("test-station", p.stationId());
        assertEquals("2019-06-03T02:00:00+02:00", p.horizon().start());
        assertEquals(T0, p.horizon().startTime().toInstant());
        assertEquals(15, p.horizon().slotMinutes());
        assertEquals(8, p.slots());
        assertArrayEquals(new double[]{1.2, 1.2, 1.2, 1.2, 0, 0, 0, 0}, p.site().baseLoadKw(), 1e-9); // MW → kW, ≥ 0
        assertArrayEquals(new int[]{2, 2, 2, 2, 2, 2, 2, 2}, p.swapDemand().get(PACK_2W.id()));
        assertEquals(4, p.bays().size());
        assertEquals(5.0, p.unservedSwapPenalty());
        assertNull(p.dispatchRequests());
    }

    @Test
    void templateFromAnExistingProblem() {
        Problem source = ForecastProblemBuilder.forStation(station(3)).swapDemand(PACK_2W.id(), zeros(T0, HOUR, 2))
                .importPrice(flat(T0, HOUR, "EUR/MWh", 1, 2)).serviceLevel(0.5).build();
        StationTemplate t = StationTemplate.of(source);
        assertEquals(station(3), t);
        Problem p = ForecastProblemBuilder.forStation(source).swapDemand(PACK_2W.id(), zeros(T0, QUARTER, 4))
                .importPrice(flat(T0, HOUR, "EUR/MWh", 1)).serviceLevel(0.5).build();
        assertEquals(4, p.slots());
    }

    // --- end to end on real forecasts ----------------------------------------------------------------------------------

    /**
     * Perth &amp; Kinross hourly charging-session arrivals (the swap-demand stand-in) forecast by the count model for
     * Monday 3 June 2019, used as 2W swap demand at a 24-bay station, with the DE day-ahead price forecast by the price
     * ridge; the problem validates and the greedy scheduler's plan meets every hard rule.
     */
    @Test
    void endToEndFromRealForecastsToAFeasiblePlan() {
        Duration day = Duration.ofHours(24);
        SeriesSpec arrivals = SeriesCatalog.spec(Datasets.PERTH_KINROSS, "arrivals");
        Forecast demand = new CountGlm(182).forecast(AutoSelect.requestAt(arrivals, T0, day));
        SeriesSpec prices = SeriesCatalog.spec(Datasets.ENTSOE_PRICES, "DE_eur_mwh");
        Forecast price = new LagRidge(RidgeSpec.prices(364)).forecast(AutoSelect.requestAt(prices, T0, day));
        assertEquals("EUR/MWh", price.unit());

        ForecastProblemBuilder b = ForecastProblemBuilder.forStation(station(24))
                .swapDemand(PACK_2W.id(), demand).importPrice(price)
                .exportPrice(ExportPrice.ratioOfImport(0.9)).zone(ZoneId.of("Europe/London"));
        Problem p50 = b.serviceLevel(0.5).build();
        Problem p90 = b.serviceLevel(0.9).build();
        int[] d50 = p50.swapDemand().get(PACK_2W.id());
        int[] d90 = p90.swapDemand().get(PACK_2W.id());
        assertEquals(24, p90.slots());
        assertEquals(60, p90.horizon().slotMinutes());
        for (int t = 0; t < 24; t++) {
            assertTrue(d90[t] >= d50[t], "slot " + t);
            assertEquals(Math.round(demand.quantile(0.9)[t]), d90[t], "count model's own P90 at slot " + t);
        }
        assertTrue(Arrays.stream(d90).sum() > Arrays.stream(d50).sum(), "P90 plans more swaps than P50");
        for (int t = 0; t < 24; t++) {
            assertEquals(price.values()[t] / 1000.0, p90.tariff().importPricePerKwh()[t], 1e-12);
        }
        assertTrue(ProblemValidator.errors(p90).isEmpty(), ProblemValidator.errors(p90)::toString);

        Plan plan = new GreedyScheduler().solve(p90, SolveOptions.defaults());
        CheckReport report = PlanChecker.check(p90, plan);
        assertTrue(report.hardRulesMet(), () -> String.join("\n", report.violations()));
    }

    private static void assertMessage(String expectedStart, org.junit.jupiter.api.function.Executable build) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build);
        assertTrue(e.getMessage().startsWith(expectedStart), () -> "expected '" + expectedStart + "…', got: "
                + e.getMessage());
    }
}
