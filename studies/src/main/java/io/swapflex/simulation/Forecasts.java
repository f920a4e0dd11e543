package io.swapflex.simulation;

import io.swapflex.forecasting.Forecast;
import io.swapflex.forecasting.ForecastRequest;
import io.swapflex.forecasting.Forecaster;
import io.swapflex.forecasting.SeriesCalendar;
import io.swapflex.forecasting.calendar.HolidayCalendar;
import io.swapflex.forecasting.methods.CountGlm;
import io.swapflex.forecasting.methods.SeasonalNaive;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Swap-demand forecasts for the re-plans: {@link #window} answers, for the re-plan at simulated slot {@code t}, one
 * count forecast per pack type for slots {@code [t, t + steps)}.
 *
 * <p><b>No peeking.</b> A model forecast for any slot of local day D is issued at D's midnight from the realised
 * demand strictly before it ({@link World#history(int, int)} cut at the day's first slot), covering the day and the
 * re-planning horizon beyond it; every re-plan of that day reads its window from it. So the forecast used at slot t
 * only ever saw data before t (before the day start, which is ≤ t). Fits are cached per (day, type); they are pure
 * functions of the world, so arms sharing a forecaster share fits and results do not depend on which arm asked first.
 * {@link #perfect} is the oracle of the ablation: the realised demand itself, as a point mass.
 */
public abstract class Forecasts {

    /** Forecasters a study may name. */
    public static final List<String> NAMES = List.of("glm-negbin", "snaive-weekly", "snaive-daily", "perfect");

    /** Days of history the count model fits on at most (as the service's history forecast). */
    static final int GLM_WINDOW_DAYS = 182;

    /** Forecast per pack type (template order) for simulated slots {@code [t, t + steps)}. */
    public abstract List<Forecast> window(int t, int steps);

    public abstract String name();

    /** The realised demand as a point-mass forecast (the ablation's perfect forecast). */
    public static Forecasts perfect(World world) {
        return new Forecasts() {
            @Override
            public List<Forecast> window(int t, int steps) {
                if (t + steps > world.endSlot()) {
                    throw new IllegalArgumentException("the world ends at slot " + world.endSlot());
                }
                java.util.ArrayList<Forecast> out = new java.util.ArrayList<>();
                for (int k = 0; k < world.packTypes().size(); k++) {
                    double[] v = new double[steps];
                    for (int i = 0; i < steps; i++) {
                        v[i] = world.demand(k, t + i);
                    }
                    out.add(pointMass(world.instantOf(t), world.step(), v, "count"));
                }
                return out;
            }

            @Override
            public String name() {
                return "perfect";
            }
        };
    }

    /** A forecaster by study name ({@link #NAMES}). */
    public static Forecasts named(String name, World world, int horizonSlots) {
        return switch (name) {
            case "perfect" -> perfect(world);
            case "glm-negbin" -> model(new CountGlm(GLM_WINDOW_DAYS), world, horizonSlots);
            case "snaive-weekly" -> model(SeasonalNaive.weekly(), world, horizonSlots);
            case "snaive-daily" -> model(SeasonalNaive.daily(), world, horizonSlots);
            default -> throw new IllegalArgumentException("unknown forecaster " + name + "; known: " + NAMES);
        };
    }

    /** Forecasts from a forecasting-module method, issued daily at local midnight (see the class comment). */
    public static Forecasts model(Forecaster method, World world, int horizonSlots) {
        return new DailyModel(method, world, horizonSlots);
    }

    /** A forecast whose every quantile is {@code values}, with a point-mass count distribution. */
    static Forecast pointMass(Instant start, Duration step, double[] values, String unit) {
        SortedMap<Double, double[]> q = new TreeMap<>();
        for (double level : Forecast.STANDARD_LEVELS) {
            q.put(level, values);
        }
        return new Forecast(start, step, values, q, unit, (i, y) -> y >= values[i] ? 1.0 : 0.0);
    }

    /** Steps {@code [from, from + steps)} of a forecast, count distribution included. */
    static Forecast slice(Forecast f, int from, int steps) {
        if (from < 0 || from + steps > f.size()) {
            throw new IllegalArgumentException("slice [" + from + ", " + (from + steps) + ") of " + f.size() + " steps");
        }
        SortedMap<Double, double[]> q = new TreeMap<>();
        for (Map.Entry<Double, double[]> e : f.quantiles().entrySet()) {
            q.put(e.getKey(), java.util.Arrays.copyOfRange(e.getValue(), from, from + steps));
        }
        Forecast.CountDistribution cdf = f.counts() == null ? null : (i, y) -> f.counts().cdf(from + i, y);
        return new Forecast(f.timeAt(from), f.step(), java.util.Arrays.copyOfRange(f.values(), from, from + steps), q,
                f.unit(), cdf);
    }

    /** Largest count per slot the cumulative rule tracks (the slot's CDF is cut where it reaches 1 − 1e-12). */
    private static final int MAX_SLOT_COUNT = 200;

    /**
     * Swaps to plan per slot so that, for every k, the swaps planned in the first k slots are the q-quantile of the
     * forecast's total over those slots ({@code Q_k − Q_{k−1}}, Q the quantile of the cumulative count, Q_{−1} = 0).
     * The per-slot rule ({@link io.swapflex.planning.ForecastProblemBuilder#demandQuantile}) plans each slot's own
     * quantile, which over a day adds up to far more than the day's quantile (a slot with mean 0.3 swaps has P90 = 1):
     * the cumulative rule keeps the service level of the running total instead. Slots are taken as independent; the
     * cumulative distribution is the exact convolution of the slots' count distributions ({@link Forecast#counts()});
     * a forecast without one counts as Poisson with its P50 as the mean (as {@link #withPoissonCounts}). Q is non-decreasing in k, so no slot gets a
     * negative count.
     */
    static int[] cumulativeQuantile(Forecast f, double q) {
        return cumulativeQuantile(f, q, 0);
    }

    /**
     * The "near-term" rule: the first {@code near} slots plan their own q-quantile (as the per-slot rule: readiness for
     * the riders who may come before a returned pack can be recharged), the slots after them the median of the running
     * total from slot {@code near} on (the cumulative rule at 0.5: the expected energy, without phantom swaps that would
     * pull charging into expensive hours).
     */
    static int[] nearTermQuantile(Forecast f, double q, int near) {
        int n = f.size();
        int[] out = new int[n];
        for (int i = 0; i < Math.min(near, n); i++) {
            out[i] = io.swapflex.planning.ForecastProblemBuilder.demandQuantile(f, i, q);
        }
        if (near < n) {
            int[] rest = cumulativeQuantile(f, 0.5, near);
            System.arraycopy(rest, near, out, near, n - near);
        }
        return out;
    }

    /** {@link #cumulativeQuantile} over slots {@code from} on (the slots before it get 0). */
    private static int[] cumulativeQuantile(Forecast f, double q, int from) {
        int n = f.size();
        int[] out = new int[n];
        double[] dist = {1.0};
        int previous = 0;
        for (int i = from; i < n; i++) {
            double[] pmf = pmf(f, i);
            double[] next = new double[dist.length + pmf.length - 1];
            for (int a = 0; a < dist.length; a++) {
                if (dist[a] == 0) {
                    continue;
                }
                for (int b = 0; b < pmf.length; b++) {
                    next[a + b] += dist[a] * pmf[b];
                }
            }
            int len = next.length;
            while (len > 1 && next[len - 1] < 1e-15) {
                len--;
            }
            dist = len == next.length ? next : java.util.Arrays.copyOf(next, len);
            double cdf = 0;
            int quantile = dist.length - 1;
            for (int y = 0; y < dist.length; y++) {
                cdf += dist[y];
                if (cdf >= q - 1e-12) {
                    quantile = y;
                    break;
                }
            }
            quantile = Math.max(quantile, previous);
            out[i] = quantile - previous;
            previous = quantile;
        }
        return out;
    }

    /** The forecast with a Poisson count distribution whose mean is its P50 (floored at 0). */
    static Forecast withPoissonCounts(Forecast f) {
        double[] mean = f.values().clone();
        Forecast.CountDistribution poisson = (i, y) -> {
            double mu = Math.max(0, mean[i]);
            double term = StrictMath.exp(-mu);
            double cdf = 0;
            for (int j = 0; j <= y; j++) {
                cdf += term;
                term *= mu / (j + 1);
            }
            return Math.min(1.0, cdf);
        };
        return new Forecast(f.start(), f.step(), f.values(), f.quantiles(), f.unit(), poisson);
    }

    private static double[] pmf(Forecast f, int i) {
        Forecast.CountDistribution cdf = f.counts();
        double mean = Math.max(0, f.values()[i]);
        double[] pmf = new double[MAX_SLOT_COUNT + 1];
        double last = 0;
        double poisson = StrictMath.exp(-mean);
        int y = 0;
        for (; y <= MAX_SLOT_COUNT; y++) {
            double c;
            if (cdf != null) {
                c = cdf.cdf(i, y);
            } else {
                c = last + poisson;
                poisson *= mean / (y + 1);
            }
            pmf[y] = Math.max(0, c - last);
            last = c;
            if (c >= 1 - 1e-12) {
                break;
            }
        }
        return java.util.Arrays.copyOf(pmf, Math.min(y, MAX_SLOT_COUNT) + 1);
    }

    private static final class DailyModel extends Forecasts {
        private final Forecaster method;
        private final World world;
        private final int horizonSlots;
        private final SeriesCalendar calendar;
        private final Map<Long, Forecast> byDayAndType = new ConcurrentHashMap<>();

        DailyModel(Forecaster method, World world, int horizonSlots) {
            this.method = method;
            this.world = world;
            this.horizonSlots = horizonSlots;
            this.calendar = new SeriesCalendar(world.offset(), HolidayCalendar.NONE);
        }

        @Override
        public String name() {
            return method.name();
        }

        @Override
        public List<Forecast> window(int t, int steps) {
            int perDay = world.slotsPerDay();
            int day = Math.floorDiv(t, perDay);
            int dayStart = day * perDay;
            if (t - dayStart + steps > perDay + horizonSlots) {
                throw new IllegalArgumentException("window of " + steps + " slots at " + t + " exceeds the day forecast");
            }
            java.util.ArrayList<Forecast> out = new java.util.ArrayList<>();
            for (int k = 0; k < world.packTypes().size(); k++) {
                int type = k;
                Forecast f = byDayAndType.computeIfAbsent(((long) day << 8) | k, key -> issue(type, dayStart));
                out.add(slice(f, t - dayStart, steps));
            }
            return out;
        }

        /**
         * The forecast issued at the start of the day beginning at {@code dayStart}, from data before it only. A point
         * forecaster's (seasonal naive: no count distribution) P50 becomes the mean of a Poisson count, so that every
         * service level can be read from it.
         */
        private Forecast issue(int k, int dayStart) {
            var history = world.history(k, dayStart);
            Forecast f = method.forecast(new ForecastRequest(history, Map.of(), Map.of(), world.instantOf(dayStart),
                    world.slotsPerDay() + horizonSlots, calendar));
            return f.counts() != null ? f : withPoissonCounts(f);
        }
    }
}
