package io.swapflex.optimizer.flow;

import io.swapflex.optimizer.contract.PackType;

/**
 * The time-expanded SOC network of one pack type used for the lower bound: a <em>relaxation</em> of the continuous
 * contract problem, not a discretisation of it.
 *
 * <h2>Network</h2>
 * Levels {@code L_i = o + i·δ}, i = 0..N, with δ = c↑ / n (c↑ = η_c·P_c·Δ/cap, the SOC a full-power slot adds, n an
 * integer) and the offset o ∈ (−δ, 0] that puts minSoc on a level. Arcs from level i in slot t to slot t+1, for one
 * unit of pack mass (x(s) = (s − o)/δ, the lattice coordinate of a SOC):
 * <pre>
 *   wait      i → i                           power 0
 *   charge    i → i+m,  1 ≤ m ≤ n,   i+m ≤ ⌈x(maxSoc)⌉      power  m·δ·cap/(η_c·Δ)
 *   discharge i → i−m,  1 ≤ m ≤ ⌈c↓/δ⌉, i−m ≥ x(minSoc)     power −m·δ·cap·η_d/Δ       (c↓ = P_d·Δ/(η_d·cap))
 *   swap      i → split(returnSoc),  i ≥ ⌊x(swapReady)⌋      power 0, one swap
 * </pre>
 * {@code split(s)} puts the fraction (1−a) of the unit on level ⌊x(s)⌋ and a on the next, a = x(s) − ⌊x(s)⌋, so the
 * mass keeps the SOC's mean exactly. A bay with initial SOC s₀ starts as split(s₀).
 *
 * <h2>Where the lattice sits</h2>
 * The rounded band is what loosens the relaxation most: with maxSoc rounded up and minSoc down, every charge and
 * discharge cycle stores up to 2δ of a pack more than a real pack can, and a V2G station cycles all day. Measured
 * (issue 15) on hourly stations whose optimum HiGHS proves: with levels at i·δ the relaxed LP lay 7.1 % and 8.6 % of
 * the total below the optimum; with minSoc on a level and n chosen in n..2n−1 so that maxSoc and swapReady fall
 * closest to a level ({@link #latticeSteps}) 0.5 % and 0.6 %; with 2n 0.00 %. Full-power moves stay n levels, so a
 * pack charging at full power is never split further (a lattice whose δ divides the band instead, with non-whole
 * full-power moves, smeared the packs: its bound fell 8–20 % on the 96-slot ladder).
 *
 * <h2>Why it relaxes the continuous problem</h2>
 * Map a continuous bay trajectory s_t to the distributions split(s_t). A slot with power p moves s to s' with
 * e = s' − s of the sign of p. The quantile (monotone) coupling of split(s) and split(s') moves every piece of mass in
 * the direction of p by ⌊e/δ⌋ or ⌈e/δ⌉ levels (both ≤ n when e ≤ c↑, ≤ ⌈c↓/δ⌉ when −e ≤ c↓), and the mean move is
 * exactly e/δ. Charge and discharge costs are linear in the energy moved, so the mass pays exactly the bay's grid
 * energy and degradation, and puts exactly p on the meter; the mass that moves is at most the one bay, and nothing
 * moves when the bay waits, so it counts at most the bay's activity; a swapped pack has s ≥ swapReady, so all its
 * mass sits on levels ≥ ⌊x(swapReady)⌋ and swaps exactly once; the band rules hold with the rounded limits. Every
 * continuous plan therefore maps to a fractional flow of this network with the same meter powers, swaps and costs
 * and no more activity: the network's LP (and every Lagrangian value over it) is a lower bound of the contract
 * problem. The discretisation only <em>adds</em> freedom (rounded band and swap limits, discharge moves up to
 * ⌈c↓/δ⌉ levels), which loosens the bound slightly and never invalidates it.
 *
 * <h2>Subproblem</h2>
 * With all coupling rows priced (see {@link LagrangianDual}), each unit of mass takes a shortest path independently,
 * so one backward pass gives V_t(i) for every level, and {@link #forward} pushes the bays' split masses along the
 * argmin arcs to get the subgradient.
 */
final class RelaxedNetwork {

    static final int SWAP = Integer.MIN_VALUE;
    private static final double EPS = 1e-9;

    final int k;
    final int levels;
    final double delta;
    /** SOC of level 0 (in (−δ, 0]): the lattice is shifted so that minSoc lies on a level. */
    final double offset;
    final int up;
    final int down;
    final int top;
    final int bottom;
    final int ready;
    final int returnLow;
    final double returnHighShare;
    final double[] upKw;
    final double[] downKw;
    final double degradation;
    /** V[t][i], t = 0..T. */
    final double[][] value;
    /** Argmin action per slot and level: move m (−down..up) or {@link #SWAP}. */
    final int[][] action;
    /** Scratch of {@link #bestMoves}. */
    private final int[] upArg;
    private final int[] downArg;
    private final int[] deque;
    private final double[] key;

    RelaxedNetwork(StationModel model, int k, int stepsPerFullCharge) {
        this.k = k;
        PackType type = model.types.get(k);
        double cUp = model.chargeStep(k);
        double cDown = model.dischargeStep(k);
        this.up = latticeSteps(type, cUp, stepsPerFullCharge);
        this.delta = cUp / up;
        this.down = Math.max(1, (int) Math.ceil(cDown / delta - EPS));
        // the lattice passes through minSoc, with level 0 at or just below the SOC 0 (see the class comment)
        double r0 = type.minSoc() / delta;
        this.offset = (r0 - Math.floor(r0 + EPS)) * delta - delta;
        double highest = Math.max(1.0, Math.max(type.maxSoc(), type.returnSoc()));
        for (int b : model.baysOfType[k]) {
            highest = Math.max(highest, model.initialSoc[b]);
        }
        this.levels = (int) Math.ceil(index(highest) - EPS) + 2;
        this.top = Math.min(levels - 1, (int) Math.ceil(index(type.maxSoc()) - EPS));
        this.bottom = Math.max(0, (int) Math.floor(index(type.minSoc()) + EPS));
        this.ready = (int) Math.floor(index(type.swapReadySoc()) + EPS);
        double r = index(type.returnSoc());
        int rl = (int) Math.floor(r + EPS);
        double share = r - rl;
        this.returnLow = rl;
        this.returnHighShare = share < EPS ? 0.0 : share;
        double cap = type.capacityKwh();
        this.upKw = new double[up + 1];
        for (int m = 1; m <= up; m++) {
            upKw[m] = m * delta * cap / (type.chargeEfficiency() * model.dt);
        }
        this.downKw = new double[down + 1];
        for (int m = 1; m <= down; m++) {
            downKw[m] = -m * delta * cap * type.dischargeEfficiency() / model.dt;
        }
        this.degradation = type.degradationCost();
        this.value = new double[model.slots + 1][levels];
        this.action = new int[model.slots][levels];
        this.upArg = new int[levels];
        this.downArg = new int[levels];
        this.deque = new int[levels];
        this.key = new double[levels];
    }

    /**
     * Levels per full-power slot: of n..2n−1, the one that puts maxSoc closest above a level and swapReadySoc closest
     * below one (with minSoc on a level), in SOC: the rounding of the band and of the swap threshold is all the lattice
     * loosens (see the class comment).
     */
    static int latticeSteps(PackType type, double cUp, int n) {
        int best = n;
        double bestError = Double.POSITIVE_INFINITY;
        for (int steps = n; steps < 2 * n; steps++) {
            double d = cUp / steps;
            double top = (type.maxSoc() - type.minSoc()) / d;
            double ready = (type.swapReadySoc() - type.minSoc()) / d;
            double error = (Math.ceil(top - EPS) - top + ready - Math.floor(ready + EPS)) * d;
            if (error < bestError - EPS * d) {
                bestError = error;
                best = steps;
            }
        }
        return best;
    }

    /** The lattice coordinate of a SOC: level i is the SOC offset + i·δ. */
    private double index(double soc) {
        return (soc - offset) / delta;
    }

    /** The SOC of level i. */
    double soc(int i) {
        return offset + i * delta;
    }

    /** Unit mass of a SOC split over two levels: adds (1−a) at the level below and a at the next into {@code mass}. */
    void addSplit(double soc, double weight, double[] mass) {
        double r = index(soc);
        int low = (int) Math.floor(r + EPS);
        double a = r - low;
        if (a < EPS) {
            mass[low] += weight;
        } else {
            mass[low] += weight * (1 - a);
            mass[low + 1] += weight * a;
        }
    }

    /**
     * Backward shortest paths with arc costs λ_t·Δ·p + deg·|p|·Δ + μ_t·[p ≠ 0] for moves and ν_kt − P for swaps, and the
     * end value −V·(L_i − minSoc) − ρ·[i ≥ ready] at the horizon's end.
     *
     * @param lambda  energy price per kWh on the meter (the balance row's multiplier)
     * @param mu      price per active bay
     * @param swapCost ν_kt − P per swap of this type
     * @param readyPrice ρ_k ≥ 0, the end readiness row's multiplier (a reward per unit of mass ending swap-ready)
     */
    void backward(StationModel model, double[] lambda, double[] mu, double[] swapCost, double readyPrice) {
        int slots = model.slots;
        double dt = model.dt;
        // the horizon's end: the end value is linear in SOC and split() keeps the mean SOC, so the mass earns exactly
        // the bay's end value; every bay that ends swap-ready has all its mass on levels ≥ ready, so pricing those
        // levels at −ρ relaxes the end readiness row Σ ready ≥ R (ρ ≥ 0) validly
        double perSoc = model.endValuePerSoc[k];
        double minSoc = model.types.get(k).minSoc();
        for (int i = 0; i < levels; i++) {
            value[slots][i] = -perSoc * (soc(i) - minSoc) - (i >= ready ? readyPrice : 0.0);
        }
        double unitUp = upKw[1];
        double unitDown = -downKw[1];
        for (int t = slots - 1; t >= 0; t--) {
            double[] next = value[t + 1];
            double[] cur = value[t];
            int[] act = action[t];
            double returnValue = (1 - returnHighShare) * next[returnLow]
                    + (returnHighShare > 0 ? returnHighShare * next[returnLow + 1] : 0.0);
            double swap = swapCost[t] + returnValue;
            double chargeRate = (lambda[t] + degradation) * dt;
            double dischargeRate = (lambda[t] - degradation) * dt;
            bestMoves(next, chargeRate * unitUp, dischargeRate * unitDown);
            for (int i = 0; i < levels; i++) {
                double best = next[i];
                int arg = 0;
                int m = upArg[i];
                if (m > 0) {
                    double c = chargeRate * upKw[m] + mu[t] + next[i + m];
                    if (c < best) {
                        best = c;
                        arg = m;
                    }
                }
                m = downArg[i];
                if (m > 0) {
                    double c = dischargeRate * downKw[m] + mu[t] + next[i - m];
                    if (c < best) {
                        best = c;
                        arg = -m;
                    }
                }
                if (i >= ready && swap < best) {
                    best = swap;
                    arg = SWAP;
                }
                cur[i] = best;
                act[i] = arg;
            }
        }
    }

    /**
     * For every level i, the cheapest charge move (m = 1..min(up, top − i)) and the cheapest discharge move
     * (m = 1..min(down, i − bottom)) into {@link #upArg} and {@link #downArg} (0: none), ties to the smaller move.
     * A move's cost is linear in the levels it spans, so cost(i → j) = (V(j) + a·j) − a·i and the best move from i is
     * a sliding-window minimum of V(j) + a·j: one monotone deque per direction makes the pass O(levels) instead of
     * O(levels · n), which is what lets the bound use fine levels.
     */
    private void bestMoves(double[] next, double chargePerLevel, double dischargePerLevel) {
        // charge: windows j ∈ [i+1, min(i+up, top)] move left as i falls; j arrive in falling order and leave in
        // the same order, so a standard deque (g rising from head to tail) keeps the minimum at its head, the
        // smaller j among equals (the newcomer replaces an equal tail)
        int head = 0;
        int tail = -1;
        for (int i = levels - 1; i >= 0; i--) {
            int j = i + 1;
            if (j <= top) {
                double g = next[j] + chargePerLevel * j;
                while (tail >= head && key[deque[tail]] >= g) {
                    tail--;
                }
                deque[++tail] = j;
                key[j] = g;
            }
            while (tail >= head && deque[head] > i + up) {
                head++;
            }
            upArg[i] = tail >= head ? deque[head] - i : 0;
        }
        // discharge: windows j ∈ [max(bottom, i−down), i−1] move right as i rises; likewise, the head is the
        // minimum, the larger j among equals (the smaller move)
        head = 0;
        tail = -1;
        for (int i = 0; i < levels; i++) {
            int j = i - 1;
            if (j >= bottom) {
                double g = next[j] + dischargePerLevel * j;
                while (tail >= head && key[deque[tail]] >= g) {
                    tail--;
                }
                deque[++tail] = j;
                key[j] = g;
            }
            while (tail >= head && deque[head] < i - down) {
                head++;
            }
            downArg[i] = tail >= head ? i - deque[head] : 0;
        }
    }

    /**
     * Pushes {@code mass0} (pack mass per level at t = 0) along the argmin arcs and adds the meter power, the active
     * mass and the swaps per slot into the given accumulators.
     *
     * @return the mass that ends the horizon on swap-ready levels
     */
    double forward(StationModel model, double[] mass0, double[] powerKw, double[] active, double[] swaps) {
        double[] mass = mass0.clone();
        double[] next = new double[levels];
        for (int t = 0; t < model.slots; t++) {
            java.util.Arrays.fill(next, 0.0);
            int[] act = action[t];
            for (int i = 0; i < levels; i++) {
                double x = mass[i];
                if (x == 0) {
                    continue;
                }
                int a = act[i];
                if (a == SWAP) {
                    swaps[t] += x;
                    next[returnLow] += x * (1 - returnHighShare);
                    if (returnHighShare > 0) {
                        next[returnLow + 1] += x * returnHighShare;
                    }
                } else if (a > 0) {
                    powerKw[t] += x * upKw[a];
                    active[t] += x;
                    next[i + a] += x;
                } else if (a < 0) {
                    powerKw[t] += x * downKw[-a];
                    active[t] += x;
                    next[i + a] += x;
                } else {
                    next[i] += x;
                }
            }
            double[] tmp = mass;
            mass = next;
            next = tmp;
        }
        double readyMass = 0;
        for (int i = ready; i < levels; i++) {
            readyMass += mass[i];
        }
        return readyMass;
    }
}
