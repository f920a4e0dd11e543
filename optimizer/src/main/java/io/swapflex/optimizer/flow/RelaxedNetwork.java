package io.swapflex.optimizer.flow;

import io.swapflex.optimizer.contract.PackType;

/**
 * The time-expanded SOC network of one pack type used for the lower bound: a <em>relaxation</em> of the continuous
 * contract problem, not a discretisation of it.
 *
 * <h2>Network</h2>
 * Levels {@code L_i = i·δ}, i = 0..N, with δ = c↑ / n (c↑ = η_c·P_c·Δ/cap, the SOC a full-power slot adds, n an
 * integer). Arcs from level i in slot t to slot t+1, for one unit of pack mass:
 * <pre>
 *   wait      i → i                           power 0
 *   charge    i → i+m,  1 ≤ m ≤ n,   i+m ≤ ⌈maxSoc/δ⌉      power  m·δ·cap/(η_c·Δ)
 *   discharge i → i−m,  1 ≤ m ≤ ⌈c↓/δ⌉, i−m ≥ ⌊minSoc/δ⌋   power −m·δ·cap·η_d/Δ       (c↓ = P_d·Δ/(η_d·cap))
 *   swap      i → split(returnSoc),  i ≥ ⌊swapReady/δ⌋       power 0, one swap
 * </pre>
 * {@code split(s)} puts the fraction (1−a) of the unit on level ⌊s/δ⌋ and a on the next, a = s/δ − ⌊s/δ⌋, so the mass
 * keeps the SOC's mean exactly. A bay with initial SOC s₀ starts as split(s₀).
 *
 * <h2>Why it relaxes the continuous problem</h2>
 * Map a continuous bay trajectory s_t to the distributions split(s_t). A slot with power p moves s to s' with
 * e = s' − s of the sign of p. The quantile (monotone) coupling of split(s) and split(s') moves every piece of mass in
 * the direction of p by ⌊e/δ⌋ or ⌈e/δ⌉ levels (both ≤ n when e ≤ c↑, ≤ ⌈c↓/δ⌉ when −e ≤ c↓), and the mean move is
 * exactly e/δ. Charge and discharge costs are linear in the energy moved, so the mass pays exactly the bay's grid
 * energy and degradation, and puts exactly p on the meter; the mass that moves is at most the one bay, and nothing
 * moves when the bay waits, so it counts at most the bay's activity; a swapped pack has s ≥ swapReady, so all its
 * mass sits on levels ≥ ⌊swapReady/δ⌋ and swaps exactly once; the band rules hold with the rounded limits. Every
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

    RelaxedNetwork(StationModel model, int k, int stepsPerFullCharge) {
        this.k = k;
        PackType type = model.types.get(k);
        double cUp = model.chargeStep(k);
        double cDown = model.dischargeStep(k);
        this.up = stepsPerFullCharge;
        this.delta = cUp / stepsPerFullCharge;
        this.down = Math.max(1, (int) Math.ceil(cDown / delta - EPS));
        double highest = Math.max(1.0, Math.max(type.maxSoc(), type.returnSoc()));
        for (int b : model.baysOfType[k]) {
            highest = Math.max(highest, model.initialSoc[b]);
        }
        this.levels = (int) Math.ceil(highest / delta - EPS) + 2;
        this.top = Math.min(levels - 1, (int) Math.ceil(type.maxSoc() / delta - EPS));
        this.bottom = Math.max(0, (int) Math.floor(type.minSoc() / delta + EPS));
        this.ready = (int) Math.floor(type.swapReadySoc() / delta + EPS);
        double r = type.returnSoc() / delta;
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
    }

    /** Unit mass of a SOC split over two levels: adds (1−a) at ⌊s/δ⌋ and a at the next into {@code mass}. */
    void addSplit(double soc, double weight, double[] mass) {
        double r = soc / delta;
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
            value[slots][i] = -perSoc * (i * delta - minSoc) - (i >= ready ? readyPrice : 0.0);
        }
        for (int t = slots - 1; t >= 0; t--) {
            double[] next = value[t + 1];
            double[] cur = value[t];
            int[] act = action[t];
            double returnValue = (1 - returnHighShare) * next[returnLow]
                    + (returnHighShare > 0 ? returnHighShare * next[returnLow + 1] : 0.0);
            double swap = swapCost[t] + returnValue;
            double chargeRate = (lambda[t] + degradation) * dt;
            double dischargeRate = (lambda[t] - degradation) * dt;
            for (int i = 0; i < levels; i++) {
                double best = next[i];
                int arg = 0;
                int maxUp = Math.min(up, top - i);
                for (int m = 1; m <= maxUp; m++) {
                    double c = chargeRate * upKw[m] + mu[t] + next[i + m];
                    if (c < best) {
                        best = c;
                        arg = m;
                    }
                }
                int maxDown = Math.min(down, i - bottom);
                for (int m = 1; m <= maxDown; m++) {
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
