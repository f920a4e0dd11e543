package io.swapflex.simulation;

import io.swapflex.optimizer.contract.Bay;
import io.swapflex.optimizer.contract.PackType;

import java.util.Arrays;
import java.util.List;

/**
 * The {@code saa} rule: a sample-average (multi-path) hedge. Per pack type, a non-anticipative charging policy is
 * chosen against {@link #PATHS} demand paths at once (the paths of {@link ScenarioDemand}), weighing on every path a
 * pack charged now that may not be needed (its energy at the price paid, against the bank's end value) against the
 * riders it serves on the paths where it is needed; the first slot of that policy is turned into the demand row the
 * station scheduler plans against.
 *
 * <pre>
 *   policy        order-up-to levels T(s), s = 0 … H−1, the same on every path (non-anticipative): at the start of
 *                 slot s, before its riders are known, start charging idle packs (the fullest first) until
 *                 ready + charging ≥ T(s); a started pack charges at full power until swap-ready (its lead time)
 *   path p        riders y_{p,s} take ready packs; the rest are missed; a taken pack is back idle at returnSoc
 *   cost(T, p)    Σ_s price_s · kWh charged_s / η  −  endValue · (kWh charged − c · riders served)  +  λ · missed
 *   chosen T      argmin_T (1/P) Σ_p cost(T, p): coordinate descent over T(0) and blocks of {@link #BLOCK} slots after
 *                 it (one block, or two neighbours set alike, at a time), each over 0 … bays of the type, at most
 *                 {@link #SWEEPS} sweeps, from no charging and from the lead-time demand's mean + 1, the better kept
 *   row           D(j) = the q-quantile over the paths of the riders the chosen policy serves by slot j; then, for
 *                 the i-th pack the policy starts now (the fullest first, R ready now, l_i its lead time), swaps at
 *                 slot l_i so that the row asks at least R + i packs by then: the first stage, as packs the
 *                 scheduler must have ready at the times the policy has them ready (swaps that never come, as the
 *                 ready reserve of {@code scenario+reserve}; the next re-plan asks for the same pack at the same
 *                 time, one slot nearer)
 * </pre>
 * λ = the type's unserved-swap penalty × a factor ({@code penaltyFactor}: the price put on the service target). The
 * recourse is the policy itself, so a path's future riders are never seen before their slot: no path is planned for
 * with hindsight. The station's import limit and active-bay limit are left to the scheduler (the types are planned
 * apart); base load and export are left out.
 */
final class SaaHedge {

    /**
     * Demand paths the policy is chosen on (the first of {@link ScenarioDemand#PATHS}): 100, or the system property
     * {@code swapflex.saaPaths} (at most 400), for studies.
     */
    static final int PATHS = Math.max(1, Math.min(ScenarioDemand.PATHS, Integer.getInteger("swapflex.saaPaths", 100)));

    /** Slots per order-up-to level after the first slot. */
    static final int BLOCK = 4;

    /** Coordinate-descent sweeps. */
    static final int SWEEPS = 2;

    private SaaHedge() {
    }

    /** One pack type's physics and money for the hedge. */
    record TypeModel(int bays, double readyKwh, double kwhPerSlot, double efficiency, double penalty,
                     double endValue) {

        /** Slots at full power to make ready a pack lacking {@code deficitKwh}. */
        int lead(double deficitKwh) {
            return Math.max(1, (int) Math.ceil(deficitKwh / kwhPerSlot - 1e-9));
        }
    }

    /** The chosen policy's levels and the row it gives. */
    record Choice(int[] levels, int[] row, double cost) {
    }

    /**
     * Planned swaps per pack type (template order) for slots {@code [t, t + steps)}: the {@code saa} row (class
     * comment), from the bank at {@code soc} (per bay, template order) and the forecasts' paths.
     */
    static int[][] plan(World world, Forecasts forecasts, int t, int steps, double[] soc, double q,
                        double penaltyFactor, long seed) {
        int[][][] cumulative = ScenarioDemand.paths(world, forecasts, t, steps, seed);
        List<PackType> types = world.packTypes();
        double[] price = new double[steps];
        for (int s = 0; s < steps; s++) {
            price[s] = world.importPrice(t + s);
        }
        int[][] out = new int[types.size()][];
        for (int k = 0; k < types.size(); k++) {
            PackType type = types.get(k);
            TypeModel base = model(world, k);
            TypeModel model = new TypeModel(base.bays(), base.readyKwh(), base.kwhPerSlot(), base.efficiency(),
                    base.penalty() * penaltyFactor, base.endValue());
            double[] deficits = deficits(world.template().bays(), type, soc);
            int[][] y = new int[PATHS][steps];
            for (int p = 0; p < PATHS; p++) {
                for (int s = 0; s < steps; s++) {
                    y[p][s] = cumulative[k][s][p] - (s == 0 ? 0 : cumulative[k][s - 1][p]);
                }
            }
            out[k] = choose(y, price, deficits, model, q).row();
        }
        return out;
    }

    /** The hedge's model of pack type {@code k} of the world's station. */
    static TypeModel model(World world, int k) {
        PackType type = world.packTypes().get(k);
        int bays = (int) world.template().bays().stream().filter(b -> b.packType().equals(type.id())).count();
        double readyKwh = (type.swapReadySoc() - type.returnSoc()) * type.capacityKwh();
        double perSlot = type.maxChargeKw() * type.chargeEfficiency() * world.slotHours();
        double penalty = type.swapPenalty(world.template().unservedSwapPenalty());
        double endValue = type.endValue() > 0 ? type.endValue() : Double.NaN;
        if (Double.isNaN(endValue)) {
            double least = Double.POSITIVE_INFINITY;
            for (int s = 0; s < world.slotsPerDay(); s++) {
                least = Math.min(least, world.importPrice(s));
            }
            endValue = least / type.chargeEfficiency();
        }
        return new TypeModel(bays, readyKwh, perSlot, type.chargeEfficiency(), penalty, endValue);
    }

    /** Per bay of the type: kWh it lacks to be swap-ready (0: ready), from the bank's SOC. */
    static double[] deficits(List<Bay> bays, PackType type, double[] soc) {
        return java.util.stream.IntStream.range(0, bays.size())
                .filter(b -> bays.get(b).packType().equals(type.id()))
                .mapToDouble(b -> Math.max(0, (type.swapReadySoc() - soc[b]) * type.capacityKwh() - 1e-9))
                .map(d -> d <= 1e-6 ? 0 : d)
                .toArray();
    }

    /**
     * The policy chosen against the paths {@code y[path][slot]} at the prices {@code price[slot]} (per kWh from the
     * grid), from the bank's packs lacking {@code deficits} kWh each (0: ready), with the riders' penalty scaled by
     * {@code penaltyFactor} in {@code model}; its row at quantile {@code q}.
     */
    static Choice choose(int[][] y, double[] price, double[] deficits, TypeModel model, double q) {
        int steps = price.length;
        int lead = model.lead(model.readyKwh());
        // the policy's levels: T(0) alone, then blocks; descended from two starts (no charging; the lead-time
        // demand's mean + 1), the better kept
        int blocks = 1 + (steps - 1 + BLOCK - 1) / BLOCK;
        int[] fromMean = new int[blocks];
        for (int b = 0; b < blocks; b++) {
            int from = b == 0 ? 0 : 1 + (b - 1) * BLOCK;
            double mean = 0;
            for (int[] path : y) {
                for (int s = from; s < Math.min(steps, from + lead); s++) {
                    mean += path[s];
                }
            }
            fromMean[b] = Math.min(model.bays(), (int) Math.ceil(mean / y.length) + 1);
        }
        double[] sortedDeficits = deficits.clone();
        Arrays.sort(sortedDeficits);
        int[] level = new int[blocks];
        double best = descend(y, price, sortedDeficits, model, level, steps);
        double other = descend(y, price, sortedDeficits, model, fromMean, steps);
        if (other < best - 1e-9) {
            best = other;
            level = fromMean;
        }
        int[] levels = expand(level, steps);
        int[][] served = new int[y.length][];
        average(y, price, sortedDeficits, model, levels, served);
        int[] row = new int[steps];
        int rank = Math.max(0, Math.min(y.length, (int) Math.ceil(y.length * q)) - 1);
        int previous = 0;
        int[] column = new int[y.length];
        int[] cumulativeRow = new int[steps];
        for (int s = 0; s < steps; s++) {
            for (int p = 0; p < y.length; p++) {
                column[p] = served[p][s];
            }
            Arrays.sort(column);
            int quantile = Math.max(previous, column[rank]);
            row[s] = quantile - previous;
            cumulativeRow[s] = quantile;
            previous = quantile;
        }
        // the first stage: the packs the policy starts now (the fullest first) are to be ready at their lead times
        int initialReady = 0;
        while (initialReady < sortedDeficits.length && sortedDeficits[initialReady] <= 0) {
            initialReady++;
        }
        int started = Math.max(0, Math.min(levels[0], model.bays()) - initialReady);
        int extra = 0;
        for (int i = 0; i < started && initialReady + i < sortedDeficits.length && steps > 1; i++) {
            int at = Math.min(model.lead(sortedDeficits[initialReady + i]), steps - 1);
            int due = initialReady + i + 1;
            int asked = cumulativeRow[at] + extra;
            if (asked < due) {
                row[at] += due - asked;
                extra += due - asked;
            }
        }
        return new Choice(levels, row, best);
    }

    /**
     * Coordinate descent on the block levels in place: each block, and each pair of neighbouring blocks set alike,
     * over 0 … bays, until no move lowers the mean cost or after {@link #SWEEPS} sweeps; the mean cost reached.
     */
    private static double descend(int[][] y, double[] price, double[] sortedDeficits, TypeModel model, int[] level,
                                  int steps) {
        int blocks = level.length;
        double best = average(y, price, sortedDeficits, model, expand(level, steps), null);
        for (int sweep = 0; sweep < SWEEPS; sweep++) {
            boolean moved = false;
            for (int width = 1; width <= 2; width++) {
                for (int b = 0; b + width <= blocks; b++) {
                    int[] keep = Arrays.copyOfRange(level, b, b + width);
                    for (int v = 0; v <= model.bays(); v++) {
                        Arrays.fill(level, b, b + width, v);
                        double c = average(y, price, sortedDeficits, model, expand(level, steps), null);
                        if (c < best - 1e-9) {
                            best = c;
                            keep = Arrays.copyOfRange(level, b, b + width);
                            moved = true;
                        }
                    }
                    System.arraycopy(keep, 0, level, b, width);
                }
            }
            if (!moved) {
                break;
            }
        }
        return best;
    }

    private static int[] expand(int[] level, int steps) {
        int[] out = new int[steps];
        for (int s = 0; s < steps; s++) {
            out[s] = level[s == 0 ? 0 : 1 + (s - 1) / BLOCK];
        }
        return out;
    }

    /**
     * The policy's mean cost over the paths (class comment); with {@code served} non-null, each path's running
     * total of riders served per slot is written there.
     */
    static double average(int[][] y, double[] price, double[] sortedDeficits, TypeModel model, int[] levels,
                          int[][] served) {
        int steps = price.length;
        double eta = model.efficiency();
        double perSlot = model.kwhPerSlot();
        int fullLead = model.lead(model.readyKwh());
        // cost of charging a returned pack started at s (grid kWh at the slots' prices)
        double[] returnedCost = new double[steps];
        for (int s = 0; s < steps; s++) {
            returnedCost[s] = chargeCost(price, s, model.readyKwh(), perSlot, eta);
        }
        int initialReady = 0;
        int firstIdle = 0;
        while (firstIdle < sortedDeficits.length && sortedDeficits[firstIdle] <= 0) {
            initialReady++;
            firstIdle++;
        }
        double total = 0;
        int[] arrivals = new int[steps + 1];
        for (int p = 0; p < y.length; p++) {
            Arrays.fill(arrivals, 0);
            int ready = initialReady;
            int charging = 0;
            int nextPartial = firstIdle;
            int returned = 0;
            int returning = 0;
            int servedSoFar = 0;
            int missed = 0;
            double cost = 0;
            double kwh = 0;
            int[] row = served == null ? null : new int[steps];
            for (int s = 0; s < steps; s++) {
                ready += arrivals[s];
                charging -= arrivals[s];
                returned += returning;
                returning = 0;
                int want = levels[s] - ready - charging;
                while (want > 0 && (nextPartial < sortedDeficits.length || returned > 0)) {
                    int l;
                    if (nextPartial < sortedDeficits.length) {
                        double d = sortedDeficits[nextPartial++];
                        l = model.lead(d);
                        cost += chargeCost(price, s, d, perSlot, eta);
                        kwh += d;
                    } else {
                        returned--;
                        l = fullLead;
                        cost += returnedCost[s];
                        kwh += model.readyKwh();
                    }
                    charging++;
                    if (s + l < steps) {
                        arrivals[s + l]++;
                    }
                    want--;
                }
                int taken = Math.min(y[p][s], ready);
                ready -= taken;
                missed += y[p][s] - taken;
                servedSoFar += taken;
                returning += taken;
                if (row != null) {
                    row[s] = servedSoFar;
                }
            }
            cost -= model.endValue() * (kwh - model.readyKwh() * servedSoFar);
            cost += model.penalty() * missed;
            total += cost;
            if (served != null) {
                served[p] = row;
            }
        }
        return total / y.length;
    }

    /** Grid cost of putting {@code kwh} into a pack at full power from slot {@code s} (beyond the horizon: its last price). */
    static double chargeCost(double[] price, int s, double kwh, double perSlot, double eta) {
        double cost = 0;
        double left = kwh;
        int i = s;
        while (left > 1e-12) {
            double e = Math.min(perSlot, left);
            cost += price[Math.min(i, price.length - 1)] * e / eta;
            left -= e;
            i++;
        }
        return cost;
    }
}
