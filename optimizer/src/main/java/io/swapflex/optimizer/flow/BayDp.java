package io.swapflex.optimizer.flow;

import java.util.List;

/**
 * Re-plans one bay optimally while all other bays stay fixed: a shortest path over its {@link PrimalNetwork} in time
 * whose arc costs are the exact change of the penalised objective J of {@link PrimalState} (a best response).
 * <pre>
 *   move p in slot t :  G_t(N_t + p) − G_t(N_t) + deg·|p|·Δ + M_A·[active_t ≥ A]
 *   swap in slot t   :  −P_k if S_kt &lt; D_kt, forbidden otherwise
 *   wait             :  0
 *   end at SOC s     :  −V_k·(s − minSoc) − M_R·[s ≥ swapReady and ready_k &lt; R_k]   (end value, end readiness)
 * </pre>
 * where N, active and S exclude the bay. Because the old schedule is one of the paths, a best response never makes
 * J worse, so repeated sweeps over the bays descend monotonically.
 *
 * <p>With {@code guide} w &gt; 0 the meter cost is blended with the Lagrangian prices, (1−w)·Δg + w·λ_t·Δ·p, plus
 * w·μ_t per active slot and w·ν_kt per swap: the first bays placed into an empty plan then anticipate the congestion
 * that the bays after them will cause (used for the construction pass).
 */
final class BayDp {

    private static final int WAIT = -1;
    private static final int SWAP = -2;

    private final PrimalState state;
    private final PrimalNetwork net;
    private final double[][] value;
    /** The own node's move per slot (the lattice levels' moves are found again by {@link #decide}). */
    private final int[] ownChoice;
    private final double[] classCost;
    /** Each slot's class costs and swap value, kept for {@link #decide} (the trace re-finds the path's moves). */
    private final double[][] slotClassCost;
    private final double[] slotSwapValue;
    private final int[] runClass;
    private final int[] runFrom;
    private final int[] runTo;
    private final int[] runLength;
    /** The arcs from the last bay's own initial SOC ({@link #ownArcs}): targets, powers, and scratch for their costs. */
    private int ownBay = -1;
    private double[] ownKw;
    private int[] ownTarget;
    private double[] ownCost;
    /**
     * Relative noise on the guiding energy prices, per bay and slot: at the dual optimum many slots are tied for a
     * whole type, and identical bays would all pick the same one; the noise spreads them as the fractional LP does.
     */
    private static final double NOISE = 0.1;
    private final java.util.SplittableRandom noiseSource = new java.util.SplittableRandom(7);

    /**
     * Tie-break towards a previous plan (a warm start): a path that keeps the previous plan's action of a slot gains
     * this much in the DP, never in J, so of two schedules as good as each other the bay keeps the one it had.
     */
    static final double KEEP_BONUS = 1e-7;
    /** The previous plan's node per bay and slot ({@code -1}: the bay's own initial SOC), or null. */
    private final int[][] anchorNode;
    private final boolean[][] anchorSwap;
    /**
     * Reference CPU time of one best response per unit of its work, slots × (arcs + 2·levels + power classes): measured
     * 1.02–1.08 ns on the 12–400-bay ladder stations (warm JVM, one core of the two-core reference machine, 110–115 µs
     * a best response on their networks of 53–73 levels and 786–1,107 arcs).
     */
    static final double NANOS_PER_UNIT = 1.05;
    private final SolveClock clock;
    /** What one {@link #improve} costs the reference machine, charged to the solve's clock. */
    private final long cpuNanos;

    BayDp(PrimalState state, int k) {
        this(state, k, null, null, SolveClock.WALL);
    }

    /**
     * @param anchorNode the previous plan's node per bay and slot (as {@link PrimalState#node}), or null
     * @param anchorSwap the previous plan's swaps per bay and slot, or null
     * @param clock      the solve's clock, charged with each best response's work ({@link SolveClock#charge})
     */
    BayDp(PrimalState state, int k, int[][] anchorNode, boolean[][] anchorSwap, SolveClock clock) {
        this.clock = clock;
        this.anchorNode = anchorNode;
        this.anchorSwap = anchorSwap;
        this.state = state;
        this.net = state.networks[k];
        int n = net.levels.length + 1;
        this.value = new double[state.model.slots + 1][n];
        this.ownChoice = new int[state.model.slots];
        this.classCost = new double[net.classKw.length];
        this.slotClassCost = new double[state.model.slots][net.classKw.length];
        this.slotSwapValue = new double[state.model.slots];
        this.runClass = net.runClass;
        this.runFrom = net.runFrom;
        this.runTo = net.runTo;
        this.runLength = net.runLength;
        this.cpuNanos = (long) (NANOS_PER_UNIT * state.model.slots
                * (net.target.length + 2.0 * net.levels.length + net.classKw.length));
    }

    /**
     * Replaces bay b's schedule by its best response.
     *
     * @param guide blend weight w of the Lagrangian prices (0 = exact best response)
     * @param dual  multipliers for the blend, or null when w = 0
     */
    void improve(int b, double guide, LagrangianDual dual) {
        improve(b, guide, dual, -1);
    }

    /**
     * As {@link #improve(int, double, LagrangianDual)}, with a swap in slot {@code wantedSlot} (if any) worth twice
     * the penalty: used to hand an unserved swap to this bay even when that costs it a later one, so that the rest
     * of its group can be re-planned around the change.
     */
    void improve(int b, double guide, LagrangianDual dual, int wantedSlot) {
        StationModel m = state.model;
        int slots = m.slots;
        int k = m.typeOfBay[b];
        int n = net.levels.length;
        int own = n;
        double s0 = m.initialSoc[b];
        boolean hasOwn = state.node[b][0] < 0;
        if (hasOwn) {
            ownArcs(b, s0);
        }
        boolean ownSwap = hasOwn && net.canSwapFrom(s0);
        double deg = net.degradation() * m.dt;
        double[] lambdas = guide > 0 ? dual.bestLambda : null;
        double[] mus = guide > 0 ? dual.bestMu : null;
        double[][] nus = guide > 0 ? dual.bestNu : null;
        state.remove(b);
        // the horizon's end: the pack's end value, and the readiness rule's price while the type is short of it
        double readyBonus = state.ready[k] < m.minReadyAtEnd[k] ? state.readyPrice : 0.0;
        for (int i = 0; i < n; i++) {
            value[slots][i] = -m.endValue(k, net.levels[i]) - (net.canSwap[i] ? readyBonus : 0.0);
        }
        value[slots][own] = -m.endValue(k, s0)
                - (s0 >= m.types.get(k).swapReadySoc() - 1e-9 ? readyBonus : 0.0);
        for (int t = slots - 1; t >= 0; t--) {
            double base = state.net[t];
            double baseCost = state.meterCost(t, base);
            double baseGrid = m.gridCost(t, base);
            double activeCost = state.active[t] >= m.activeLimit ? state.activePrice : 0.0;
            if (guide > 0) {
                activeCost += guide * mus[t];
            }
            double lam = guide > 0 ? lambdas[t] * (1 + NOISE * (noiseSource.nextDouble() - 0.5)) : 0.0;
            state.moveCosts(t, base, baseCost, net.classKw, deg, activeCost, guide, lam, baseGrid, classCost);
            double swapCost = state.swaps[k][t] < m.demand[k][t]
                    ? -m.swapPenalty[k] + (guide > 0 ? guide * nus[k][t] : 0.0) : Double.POSITIVE_INFINITY;
            if (t == wantedSlot) {
                swapCost -= m.swapPenalty[k];
            }
            double[] next = value[t + 1];
            double[] cur = value[t];
            double swapValue = swapCost + next[net.returnLevel];
            System.arraycopy(classCost, 0, slotClassCost[t], 0, classCost.length);
            slotSwapValue[t] = swapValue;
            // every level's best move, as runs of arcs of one class (see PrimalNetwork), in a loop without a branch;
            // which move it was is found again for the path's levels only (decide, from trace)
            System.arraycopy(next, 0, cur, 0, n);
            for (int r = 0; r < runClass.length; r++) {
                double cc = classCost[runClass[r]];
                int from = runFrom[r];
                int to = runTo[r];
                int len = runLength[r];
                for (int x = 0; x < len; x++) {
                    double v = cc + next[to + x];
                    double c = cur[from + x];
                    cur[from + x] = v < c ? v : c;
                }
            }
            if (swapValue < Double.POSITIVE_INFINITY) {
                for (int i = net.firstSwapLevel; i < n; i++) {
                    if (swapValue < cur[i]) {
                        cur[i] = swapValue;
                    }
                }
            }
            // the previous plan's step of this slot keeps its tie-break bonus (one level a slot)
            if (anchorNode != null) {
                int from = anchorNode[b][t] < 0 ? own : anchorNode[b][t];
                if (from < n) {
                    cur[from] = decide(b, t, from, next);
                }
            }
            if (hasOwn) {
                int from = anchorNode == null ? -2 : anchorNode[b][t] < 0 ? own : anchorNode[b][t];
                int to = anchorNode == null ? -2 : anchorNode[b][t + 1] < 0 ? own : anchorNode[b][t + 1];
                boolean swapped = anchorSwap != null && anchorSwap[b][t];
                boolean kept = from == own;
                double best = next[own] - (kept && !swapped && to == own ? KEEP_BONUS : 0.0);
                int arg = WAIT;
                double[] ownCost = this.ownCost;
                state.moveCosts(t, base, baseCost, ownKw, deg, activeCost, guide, lam, baseGrid, ownCost);
                for (int a = 0; a < ownKw.length; a++) {
                    int j = ownTarget[a];
                    double c = ownCost[a] + next[j] - (kept && !swapped && j == to ? KEEP_BONUS : 0.0);
                    if (c < best - 1e-12) {
                        best = c;
                        arg = j;
                    }
                }
                double sv = swapValue - (kept && swapped ? KEEP_BONUS : 0.0);
                if (ownSwap && sv < best - 1e-12) {
                    best = sv;
                    arg = SWAP;
                }
                cur[own] = best;
                ownChoice[t] = arg;
            }
        }
        trace(b, hasOwn);
        state.add(b);
        clock.charge(cpuNanos);
    }

    /** The arcs from bay b's initial SOC (off the lattice), kept for the bay's next best responses. */
    private void ownArcs(int b, double s0) {
        if (ownBay != b) {
            List<double[]> arcs = net.arcsFrom(s0);
            ownKw = new double[arcs.size()];
            ownTarget = new int[arcs.size()];
            ownCost = new double[arcs.size()];
            for (int a = 0; a < ownKw.length; a++) {
                ownTarget[a] = (int) arcs.get(a)[0];
                ownKw[a] = arcs.get(a)[1];
            }
            ownBay = b;
        }
    }

    /** The move {@link #decide} took last: an arc, {@link #WAIT} or {@link #SWAP}. */
    private int decidedArg;

    /**
     * The value of lattice level {@code i} in slot {@code t}, and the move that gives it (into {@link #decidedArg}), by
     * the rule the DP's values were made under: waiting first, then the arcs in order, then the swap, each only where it
     * is better by more than 1e-12, with the previous plan's step of the slot (if any) favoured by {@link #KEEP_BONUS}.
     */
    private double decide(int b, int t, int i, double[] next) {
        int n = net.levels.length;
        int from = anchorNode == null ? -2 : anchorNode[b][t] < 0 ? n : anchorNode[b][t];
        int to = anchorNode == null ? -2 : anchorNode[b][t + 1] < 0 ? n : anchorNode[b][t + 1];
        boolean swapped = anchorSwap != null && anchorSwap[b][t];
        boolean kept = i == from;
        double[] cc = slotClassCost[t];
        double best = next[i] - (kept && !swapped && to == i ? KEEP_BONUS : 0.0);
        int arg = WAIT;
        for (int a = net.first[i]; a < net.first[i + 1]; a++) {
            double c = cc[net.klass[a]] + next[net.target[a]]
                    - (kept && !swapped && net.target[a] == to ? KEEP_BONUS : 0.0);
            if (c < best - 1e-12) {
                best = c;
                arg = a;
            }
        }
        double sv = slotSwapValue[t] - (kept && swapped ? KEEP_BONUS : 0.0);
        if (net.canSwap[i] && sv < best - 1e-12) {
            best = sv;
            arg = SWAP;
        }
        decidedArg = arg;
        return best;
    }

    private void trace(int b, boolean hasOwn) {
        int slots = state.model.slots;
        int n = net.levels.length;
        int i = hasOwn ? n : state.node[b][0];
        for (int t = 0; t < slots; t++) {
            state.node[b][t] = i == n ? -1 : i;
            int ch;
            if (i == n) {
                ch = ownChoice[t];
            } else {
                decide(b, t, i, value[t + 1]);
                ch = decidedArg;
            }
            state.swap[b][t] = false;
            state.power[b][t] = 0.0;
            if (ch == SWAP) {
                state.swap[b][t] = true;
                i = net.returnLevel;
            } else if (ch >= 0) {
                if (i == n) {
                    state.power[b][t] = ownPower(ch);
                    i = ch;
                } else {
                    state.power[b][t] = net.classKw[net.klass[ch]];
                    i = net.target[ch];
                }
            }
        }
        state.node[b][slots] = i == n ? -1 : i;
    }

    private double ownPower(int target) {
        for (int a = 0; a < ownTarget.length; a++) {
            if (ownTarget[a] == target) {
                return ownKw[a];
            }
        }
        throw new IllegalStateException("no arc to level " + target);
    }
}
