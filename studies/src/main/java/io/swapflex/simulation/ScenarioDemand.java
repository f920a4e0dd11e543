package io.swapflex.simulation;

import io.swapflex.forecasting.Forecast;

import java.time.DayOfWeek;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The "scenario" rule: swaps to plan per slot from demand paths sampled from the count model's joint distribution,
 * so that the swaps planned by every slot k are the service-level quantile of the <em>cumulative</em> demand by k
 * over the paths (a chance constraint on the running total, slot by slot), solved by the station scheduler like any
 * other demand row.
 *
 * <pre>
 *   day effect     u_D ~ Gamma(shape a, rate a),  a = 1 / σ²      (mean 1, variance σ²; one per local day, all types)
 *   path counts    y_{k,s} | u ~ Poisson(μ_{k,s} · u_{day(s)})   (μ = the forecast's mean per type k and slot s)
 *   today          u_today | seen ~ Gamma(a + C, a + M)           (C swaps seen since midnight, M their forecast mean)
 *   σ²             = max(0, var_d(T_d / T̄_g) − mean_d(1 / T̄_g)) over the last 56 days' totals T_d of all types,
 *                    T̄_g the mean of the day's group (Monday–Friday or the weekend): the day-to-day spread beyond
 *                    Poisson
 *   planned swaps  Q_k(j) = the ⌈n · q⌉-th smallest of the n paths' Σ_{s ≤ j} y_{k,s};  slot j gets Q_k(j) − Q_k(j−1)
 * </pre>
 * Why: slot counts of one day move together (a busy day is busy all day), so the quantile of a sum taken under
 * independence (the {@code cumulative} rule) is too low, while each slot's own quantile (the {@code per-slot} rule)
 * plans about twice the day's swaps. The day effect seen so far today moves the rest of the day's paths
 * (Gamma–Poisson conjugacy), and tomorrow's slots of a rolling horizon draw a fresh effect. Paths are seeded by the
 * slot, so a re-plan is reproducible.
 */
final class ScenarioDemand {

    /** Demand paths per re-plan. */
    static final int PATHS = 400;

    /** Days of history the day effect's variance is estimated on. */
    static final int VARIANCE_DAYS = 56;

    private ScenarioDemand() {
    }

    /**
     * Planned swaps per pack type (template order) for slots {@code [t, t + steps)} of {@code world}, at quantile
     * {@code q}, from the forecasts' means and the realised demand before {@code t} only.
     */
    static int[][] plan(World world, Forecasts forecasts, int t, int steps, double q, long seed) {
        return plan(world, forecasts, t, steps, q, Double.NaN, seed);
    }

    /**
     * The scenario row with a ready reserve ({@code scenario+reserve}): as {@link #plan(World, Forecasts, int, int,
     * double, long)}, plus, for each pack type k, {@code R_k} extra swaps at slot {@code L_k} = {@link #leadSlots}
     * (the first slot a returned pack can be made ready for; before a price fall within it, the slot before the fall:
     * {@link #reserveSlot}), where R_k is what the lead-time demand's quantile at
     * {@code reserveLevel} asks beyond its quantile at {@code q}, over the same paths:
     * <pre>
     *   R_k = Q_k(L_k − 1; reserveLevel) − Q_k(L_k − 1; q)       (Q_k(j; p): the p-quantile of Σ_{s ≤ j} y_{k,s})
     * </pre>
     * Those swaps never come: the next re-plan puts its own reserve one slot later, so the packs made ready for it stay
     * ready. Re-planned every slot, the bank holds R_k packs ready beyond the scenario row's needs at all times — a
     * "keep k ready" floor sized by the demand the chargers cannot answer in time (the lead time) — and charges them
     * back at once after a burst, where the scenario row alone lets the stock run down to the next slot's quantile
     * (before an off-peak evening, to none: the bursts of that hour are what it misses). No reserve when
     * {@code reserveLevel} is NaN or not above {@code q}.
     */
    static int[][] plan(World world, Forecasts forecasts, int t, int steps, double q, double reserveLevel, long seed) {
        return plan(world, forecasts, t, steps, q, reserveLevel, Double.NaN, 0, seed);
    }

    /**
     * The reserve row ({@link #plan(World, Forecasts, int, int, double, double, long)}) with the riders of the first
     * lead time after the off-peak fall (and {@code deferExtra} slots more) planned at {@code deferLevel} (NaN: not
     * deferred): with f the first slot after a price fall in the horizon, L_k the type's lead time and
     * W_k = L_k + deferExtra,
     * <pre>
     *   Q_k(j) = Q_k(j; q)                              j &lt; f
     *          = max(Q_k(j − 1), Q_k(j; deferLevel))    f ≤ j &lt; f + W_k   (what the peak's stock must cover)
     *          = max(Q_k(j − 1), Q_k(j; q))             j ≥ f + W_k        (what off-peak charge can cover)
     * </pre>
     * and no ready reserve while the fall is within the lead time. Ready packs left at the fall were charged at the
     * peak price; the riders right after it are served from what the peak's hedge leaves, not from packs charged on
     * peak for them.
     */
    static int[][] plan(World world, Forecasts forecasts, int t, int steps, double q, double reserveLevel,
                        double deferLevel, int deferExtra, long seed) {
        int types = world.packTypes().size();
        double[] qs = new double[types];
        double[] reserves = new double[types];
        Arrays.fill(qs, q);
        Arrays.fill(reserves, reserveLevel);
        return plan(world, forecasts, t, steps, qs, reserves, deferLevel, deferExtra, seed);
    }

    /**
     * As {@link #plan(World, Forecasts, int, int, double, double, double, int, long)} with a service level and a
     * reserve level per pack type (template order; a reserve level that is NaN or not above the type's level: no
     * reserve for that type). The {@code scenario+typed} rule's levels are {@link #newsvendorLevels}.
     */
    static int[][] plan(World world, Forecasts forecasts, int t, int steps, double[] qs, double[] reserveLevels,
                        double deferLevel, int deferExtra, long seed) {
        int[][][] cumulative = paths(world, forecasts, t, steps, seed);
        int types = cumulative.length;
        boolean defer = !Double.isNaN(deferLevel);
        int fall = defer ? firstFall(world, t, steps) : steps;
        int[][] out = new int[types][steps];
        for (int k = 0; k < types; k++) {
            double q = qs[k];
            double reserveLevel = reserveLevels[k];
            int rank = rank(q);
            int deferRank = defer ? rank(deferLevel) : rank;
            int deferredUntil = fall + leadSlots(world, k) + deferExtra;
            out[k] = quantileRow(cumulative[k], rank, deferRank, fall, deferredUntil);
            if (reserveLevel > q && steps > 1 && !(defer && fall <= leadSlots(world, k))) {
                int lead = Math.min(leadSlots(world, k), steps - 1);
                int[] c = cumulative[k][lead - 1];
                out[k][reserveSlot(world, t, lead)] += c[rank(reserveLevel)] - c[rank];
            }
        }
        return out;
    }

    /** The {@link #PATHS} sampled running totals per type and slot: [type][slot][path] (unsorted). */
    static int[][][] paths(World world, Forecasts forecasts, int t, int steps, long seed) {
        int perDay = world.slotsPerDay();
        int dayStart = Math.floorDiv(t, perDay) * perDay;
        double variance = dayEffectVariance(world, dayStart);
        List<Forecast> ahead = forecasts.window(t, steps);
        int types = ahead.size();
        double[][] mean = new double[types][];
        for (int k = 0; k < types; k++) {
            mean[k] = means(ahead.get(k));
        }
        double seen = 0;
        double expected = 0;
        if (t > dayStart) {
            List<Forecast> sinceMidnight = forecasts.window(dayStart, t - dayStart);
            for (int k = 0; k < types; k++) {
                expected += Arrays.stream(means(sinceMidnight.get(k))).sum();
                for (int s = dayStart; s < t; s++) {
                    seen += world.demand(k, s);
                }
            }
        }
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + t);
        int days = (t - dayStart + steps + perDay - 1) / perDay;
        int[][][] cumulative = new int[types][steps][PATHS];
        for (int p = 0; p < PATHS; p++) {
            double[] effect = new double[days];
            for (int d = 0; d < days; d++) {
                effect[d] = variance <= 0 ? 1.0
                        : d == 0 ? gamma(random, 1 / variance + seen) / (1 / variance + expected)
                        : gamma(random, 1 / variance) * variance;
            }
            for (int k = 0; k < types; k++) {
                int running = 0;
                for (int s = 0; s < steps; s++) {
                    running += poisson(random, mean[k][s] * effect[(t - dayStart + s) / perDay]);
                    cumulative[k][s][p] = running;
                }
            }
        }
        return cumulative;
    }

    /**
     * One type's row: the swaps due in each slot, so that the running total meets the paths' running total at rank
     * {@code rank} (sorted, {@link #PATHS} paths), at {@code windowRank} in slots {@code from} ≤ s &lt; {@code until};
     * never falling. Sorts each slot's paths in place.
     */
    private static int[] quantileRow(int[][] cumulative, int rank, int windowRank, int from, int until) {
        int[] row = new int[cumulative.length];
        int previous = 0;
        for (int s = 0; s < cumulative.length; s++) {
            int[] c = cumulative[s];
            Arrays.sort(c);
            int quantile = Math.max(previous, c[s >= from && s < until ? windowRank : rank]);
            row[s] = quantile - previous;
            previous = quantile;
        }
        return row;
    }

    /**
     * The {@code scenario+fall} rule: the reserve row ({@link #plan(World, Forecasts, int, int, double, double, long)})
     * with the riders whose packs a plan would buy on peak and carry across the next import-price fall (the off-peak
     * night starting at f) planned at the fall's newsvendor level instead of {@code q}. With L_k the type's lead time
     * ({@link #leadSlots}) and {@code fallLevels[k]} the level there ({@link #fallLevels}),
     * <pre>
     *   Q_k(j) = Q_k(j; q)                                j &lt; f − L_k          (the day: stock left over is used later)
     *          = max(Q_k(j − 1), Q_k(j; fallLevel_k))     f − L_k ≤ j &lt; f + L_k (the riders a pack ready at the fall
     *                                                                            is kept for: the last lead time of
     *                                                                            the peak and the first of the night)
     *          = max(Q_k(j − 1), Q_k(j; q))               j ≥ f + L_k          (off-peak charge can serve them)
     * </pre>
     * and the ready reserve (at {@code reserveLevel}, as in {@code scenario+reserve}) is due at slot
     * min(L_k, f − L_k − 1), i.e. before that window, and not asked for once the window has started. Why: a pack left
     * ready during the peak is not wasted, the next peak riders take it; a pack left at the fall was bought at the peak
     * price where the night's would do, so only there does the newsvendor's overage apply. No fall in the horizon: the
     * reserve row. {@code fallLevels} NaN for a type: {@code q} there.
     */
    static int[][] planFall(World world, Forecasts forecasts, int t, int steps, double q, double reserveLevel,
                            double[] fallLevels, long seed) {
        int types = world.packTypes().size();
        int fall = firstFall(world, t, steps);
        int[][][] cumulative = paths(world, forecasts, t, steps, seed);
        int[][] out = new int[types][steps];
        for (int k = 0; k < types; k++) {
            int lead = leadSlots(world, k);
            int from = fall < steps ? fall - lead : steps;
            int until = fall < steps ? fall + lead : steps;
            int rank = rank(q);
            int fallRank = Double.isNaN(fallLevels[k]) ? rank : rank(fallLevels[k]);
            out[k] = quantileRow(cumulative[k], rank, fallRank, from, until);
            int due = Math.min(Math.min(lead, steps - 1), from - 1);
            if (reserveLevel > q && due >= 1) {
                int[] c = cumulative[k][Math.min(lead, steps - 1) - 1];
                out[k][due] += c[rank(reserveLevel)] - c[rank];
            }
        }
        return out;
    }

    /**
     * The {@code scenario+fall} rule's levels per pack type at the price fall after slot {@code t} (NaN for each type
     * when there is none within {@code steps}): the newsvendor's critical ratio
     * <pre>
     *   level_k = p_k / (p_k + c_k · Δ)    c_k = kWh to make a returned pack ready (÷ charge efficiency, as in
     *                                      {@link #newsvendorLevels}), Δ = the price before the fall − after it,
     *                                      p_k = the type's unserved-swap penalty
     * </pre>
     * — a pack charged on peak and still ready at the fall costs c_k · Δ more than one charged in the night; a rider
     * turned away costs p_k. On the example: 2W 0.969, 3W 0.946 (weekday 22:00, Δ 3.38 THB/kWh). Never above
     * {@code cap} (the arm's service level).
     */
    static double[] fallLevels(World world, int t, int steps, double cap) {
        int fall = firstFall(world, t, steps);
        int types = world.packTypes().size();
        double[] out = new double[types];
        if (fall >= steps) {
            Arrays.fill(out, Double.NaN);
            return out;
        }
        double delta = world.importPrice(t + fall - 1) - world.importPrice(t + fall);
        for (int k = 0; k < types; k++) {
            var type = world.packTypes().get(k);
            double kwh = (type.swapReadySoc() - type.returnSoc()) * type.capacityKwh() / type.chargeEfficiency();
            double penalty = type.unservedSwapPenalty() != null ? type.unservedSwapPenalty()
                    : world.template().unservedSwapPenalty();
            out[k] = Math.min(cap, penalty / (penalty + kwh * delta));
        }
        return out;
    }

    /**
     * The {@code scenario+typed} rule's levels per pack type (template order): each type's stock-out risk
     * {@code 1 − level} in proportion to its newsvendor ratio, the overage cost of a pack over the underage cost of a
     * rider,
     * <pre>
     *   w_k      = c_k / p_k,   c_k = (swapReadySoc − returnSoc) · capacity / chargeEfficiency   (kWh to make a
     *              returned pack ready: what a pack charged on peak for a rider who does not come carries into the
     *              off-peak night), p_k = the type's unserved-swap penalty (the station's when the type has none)
     *   level_k  = 1 − (1 − level) · w_k / min_j w_j
     * </pre>
     * so the type that is cheapest to hold per rider it would lose keeps {@code level}, and a type whose packs cost
     * more energy per unit of penalty is planned at a lower level (the example: 2W 1.42 kWh / 150 THB, 3W 4.24 kWh /
     * 250 THB, ratio 1.79: at 0.99 the 3W packs are planned at 0.982). Never below 0.5.
     */
    static double[] newsvendorLevels(World world, double level) {
        List<io.swapflex.optimizer.contract.PackType> types = world.packTypes();
        double[] w = new double[types.size()];
        double least = Double.POSITIVE_INFINITY;
        for (int k = 0; k < w.length; k++) {
            var type = types.get(k);
            double kwh = (type.swapReadySoc() - type.returnSoc()) * type.capacityKwh() / type.chargeEfficiency();
            double penalty = type.unservedSwapPenalty() != null ? type.unservedSwapPenalty()
                    : world.template().unservedSwapPenalty();
            w[k] = kwh / penalty;
            least = Math.min(least, w[k]);
        }
        double[] out = new double[w.length];
        for (int k = 0; k < w.length; k++) {
            out[k] = Double.isNaN(level) ? level : Math.max(0.5, 1 - (1 - level) * w[k] / least);
        }
        return out;
    }

    /**
     * Where the reserve's swaps go: slot {@code lead}, or — when the import price falls within the lead time (the
     * off-peak night starting) — the last slot before the fall (at least slot 1). Put after the fall, the reserve is
     * met with off-peak charge and the stock runs down through the last peak hour, where the evening's misses are.
     */
    static int reserveSlot(World world, int t, int lead) {
        for (int s = 1; s <= lead; s++) {
            if (world.importPrice(t + s) < world.importPrice(t + s - 1) - 1e-9) {
                return Math.max(1, s - 1);
            }
        }
        return lead;
    }

    /** The first slot of {@code [1, steps)} whose import price is below the slot before's, else {@code steps}. */
    static int firstFall(World world, int t, int steps) {
        for (int s = 1; s < steps; s++) {
            if (world.importPrice(t + s) < world.importPrice(t + s - 1) - 1e-9) {
                return s;
            }
        }
        return steps;
    }

    private static int rank(double level) {
        return Math.max(0, Math.min(PATHS, (int) Math.ceil(PATHS * level)) - 1);
    }

    /**
     * Slots a pack of type {@code k} returned at its {@code returnSoc} needs at full charging power to be swap-ready
     * again (4 for the example's 2W packs, 7 for its 3W packs): the lead time of the ready reserve.
     */
    static int leadSlots(World world, int k) {
        var type = world.packTypes().get(k);
        double kwh = (type.swapReadySoc() - type.returnSoc()) * type.capacityKwh();
        double perSlot = type.maxChargeKw() * type.chargeEfficiency() * world.slotHours();
        return Math.max(1, (int) Math.ceil(kwh / perSlot - 1e-9));
    }

    /**
     * The variance σ² of the day effect from the realised totals of the {@link #VARIANCE_DAYS} days before the day
     * starting at {@code dayStart} (fewer when the history is shorter; 0 with fewer than 14 days or no spread beyond
     * Poisson).
     */
    static double dayEffectVariance(World world, int dayStart) {
        int perDay = world.slotsPerDay();
        int available = (dayStart + world.warmupDays() * perDay) / perDay;
        int n = Math.min(VARIANCE_DAYS, available);
        if (n < 14) {
            return 0;
        }
        double[] total = new double[n];
        boolean[] weekend = new boolean[n];
        double[] groupSum = new double[2];
        int[] groupCount = new int[2];
        for (int d = 0; d < n; d++) {
            int start = dayStart - (d + 1) * perDay;
            for (int k = 0; k < world.packTypes().size(); k++) {
                for (int s = start; s < start + perDay; s++) {
                    total[d] += world.demand(k, s);
                }
            }
            DayOfWeek dow = world.timeOf(start).getDayOfWeek();
            weekend[d] = dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY;
            groupSum[weekend[d] ? 1 : 0] += total[d];
            groupCount[weekend[d] ? 1 : 0]++;
        }
        double sum = 0;
        double sumSq = 0;
        double poisson = 0;
        int used = 0;
        for (int d = 0; d < n; d++) {
            int g = weekend[d] ? 1 : 0;
            double groupMean = groupSum[g] / groupCount[g];
            if (groupCount[g] < 2 || groupMean <= 0) {
                continue;
            }
            double r = total[d] / groupMean;
            sum += r;
            sumSq += r * r;
            poisson += 1 / groupMean;
            used++;
        }
        if (used < 14) {
            return 0;
        }
        double var = (sumSq - sum * sum / used) / (used - 1);
        return Math.max(0, var - poisson / used);
    }

    /** Mean count per step: from the count distribution (Σ_y P(Y > y)), else P50. */
    static double[] means(Forecast f) {
        double[] out = new double[f.size()];
        for (int i = 0; i < out.length; i++) {
            if (f.counts() == null) {
                out[i] = Math.max(0, f.values()[i]);
                continue;
            }
            double m = 0;
            for (int y = 0; y < 500; y++) {
                double c = f.counts().cdf(i, y);
                m += 1 - c;
                if (c >= 1 - 1e-12) {
                    break;
                }
            }
            out[i] = m;
        }
        return out;
    }

    /** Poisson draw by inversion (slot means are small: a few swaps at most). */
    static int poisson(SplittableRandom random, double mean) {
        if (mean <= 0) {
            return 0;
        }
        double u = random.nextDouble();
        double term = Math.exp(-mean);
        double cdf = term;
        int y = 0;
        while (u > cdf && y < 10_000) {
            y++;
            term *= mean / y;
            cdf += term;
            if (term == 0) {
                break;
            }
        }
        return y;
    }

    /** Gamma(shape, rate 1) draw (Marsaglia and Tsang 2000; shape < 1 by the boost u^(1/shape)). */
    static double gamma(SplittableRandom random, double shape) {
        if (shape < 1) {
            return gamma(random, shape + 1) * Math.pow(random.nextDouble(), 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x;
            double v;
            do {
                x = gaussian(random);
                v = 1 + c * x;
            } while (v <= 0);
            v = v * v * v;
            double u = random.nextDouble();
            if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
                return d * v;
            }
        }
    }

    private static double gaussian(SplittableRandom random) {
        double u1 = 1 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
