package io.swapflex.optimizer.flow;

/**
 * The Lagrangian dual of the station problem over the {@link RelaxedNetwork}s, maximised by a deflected, scaled
 * subgradient method.
 *
 * <h2>Relaxed rows and the dual function</h2>
 * <pre>
 *   (balance)  net_t = base_t + Σ_b p_bt            multiplier λ_t  (free, per kWh: the row is scaled by Δ)
 *   (chargers) Σ_b [p_bt ≠ 0] ≤ A                   multiplier μ_t ≥ 0
 *   (swaps)    Σ_{b of type k} swap_bkt ≤ D_kt       multiplier ν_kt ≥ 0   (unserved = D − swaps, penalty P_k each)
 *   (ready)    Σ_{b of type k} [soc_b,end ≥ ready_k] ≥ R_k   multiplier ρ_k ≥ 0   (minReadyAtEnd)
 *
 *   L(λ, μ, ν, ρ) = Σ_k P_k·Σ_t D_kt − firmReward + Σ_t (λ_t·Δ·base_t − μ_t·A) − Σ_kt ν_kt·D_kt + Σ_k ρ_k·R_k
 *              + GridPart(λ)                                   (meter powers, limits, firm rows, offers: exact)
 *              + Σ_k Σ_levels mass0_k(i) · V^k_0(i)           (shortest paths in the relaxed networks, ending in
 *                                                              the end value and −ρ_k on swap-ready levels)
 * </pre>
 * Weak duality gives L ≤ the relaxed network's optimum ≤ the contract optimum for <em>every</em> λ, μ, ν, ρ ≥ 0
 * (see {@link RelaxedNetwork} for the second inequality), so the best value seen is a proven bound; nothing depends
 * on convergence. The best L is also at most the relaxed network's LP value (the subproblems are integral), so small
 * stations whose LP gap is 0.5–2 % cannot be certified tighter than that by this bound alone.
 *
 * <h2>Ascent</h2>
 * The volume algorithm (see {@link #step}): the direction is a running average of the subgradients, taken from the
 * best multipliers with Polyak's step θ·(UB − L̂)/‖d‖², UB the best plan's total when there is one. The step is
 * measured in a scaled metric: the balance rows in bay-slots of energy, and each type's swap rows by the square root
 * of its penalty over the cheapest type's. The swap prices sit near their penalties (150 THB for a two-wheeler pack,
 * 8,000 for a truck's on the ladder), and in one metric for all types a step that moved a two-wheeler price by a few
 * baht moved a truck's by as little: the truck prices stayed at their penalty, no truck pack swapped in the
 * subproblem, and the 400-bay ascent stalled 28 % below the relaxed LP (50,430 against GLOP's 69,746 on the coarse
 * network, seed 2). Scaled, the same ascent passes the LP value of that lattice (71,854) and on the fine lattice
 * reaches 3.2–3.5 % below the best plans in 6 s of one core, where it stalled at 33 %.
 *
 * <p>A dual made {@linkplain #LagrangianDual(StationModel, int, boolean) with a bundle} ascends by the {@link
 * ProximalBundle}'s step, in the same metric and with the same Polyak length, once its target is a plan's total (see
 * {@link #step(double, boolean)}); before that, by the volume algorithm.
 */
final class LagrangianDual {

    /** Failures before the step factor shrinks; measured on the 12–400 bay ladder (20 stalls, 50 converges). */
    private static final int PATIENCE = 50;
    /**
     * Largest weight of a new subgradient in the average: 0.1 stalled 27 % below the LP bound on 21 bays; 0.01 and
     * 0.02 reach it, 0.02 faster (12 and 100 bays: within 2 % and 6 % of the final bound after 1 800 steps).
     */
    private static final double MAX_ALPHA = 0.02;
    private static final double MIN_THETA = 1e-4;

    private final StationModel model;
    final RelaxedNetwork[] networks;
    private final GridPart grid;
    private final double[][] mass0;
    private final double energyScale;
    /**
     * The metric of the swap rows per type, squared: a type's swap price moves in steps as large as its penalty is
     * above the cheapest type's, to the power ½ (see {@link #step}).
     */
    private final double[] swapScale2;

    final double[] lambda;
    final double[] mu;
    final double[][] nu;
    final double[] rho;

    private final double[] gLambda;
    private final double[] gMu;
    private final double[][] gNu;
    private final double[] dLambda;
    private final double[] dMu;
    private final double[][] dNu;
    private final double[] gRho;
    private final double[] dRho;
    private final double[] net;
    private final boolean[] accepted;

    volatile double bestValue = Double.NEGATIVE_INFINITY;
    volatile double[] bestLambda;
    volatile double[] bestMu;
    volatile double[][] bestNu;
    volatile double[] bestRho;
    volatile boolean[] bestAccepted;
    private double theta = 0.1;
    private int sinceImproved;
    int iterations;
    /** The bundle's step, or null for the volume algorithm's alone. */
    private ProximalBundle bundle;
    /** Whether the bundle has taken over the ascent (it does once, at the first step aimed at a plan). */
    private boolean bundling;
    /** Whether this dual started from given multipliers ({@link #warmStart}), not from the penalties. */
    private boolean warm;
    /** Whether {@link #servedRow} keeps the volume steps' average (a bound phase's bundle leaves it as it was). */
    private boolean keepAverage;
    /**
     * Volume steps a cold dual takes before a bundle takes over. From the penalties the bundle's first steps are slow:
     * 3,000 coarse steps aimed at a plan's total reach 4,637 THB on the 100-bay ladder station of seed 3 as bundle
     * steps alone, 9,569 as volume steps alone, 9,856 as 300 volume steps and then bundle steps.
     */
    static final int VOLUME_FIRST_STEPS = 300;

    /** A dual that ascends by the volume algorithm (see {@link #step}). */
    LagrangianDual(StationModel model, int stepsPerFullCharge) {
        this(model, stepsPerFullCharge, false);
    }

    /**
     * @param bundled whether the ascent takes the {@link ProximalBundle}'s step once its target is a plan's total
     */
    LagrangianDual(StationModel model, int stepsPerFullCharge, boolean bundled) {
        this.model = model;
        int kk = model.typeCount();
        int slots = model.slots;
        this.networks = new RelaxedNetwork[kk];
        this.mass0 = new double[kk][];
        double powerSum = 0;
        for (int k = 0; k < kk; k++) {
            networks[k] = new RelaxedNetwork(model, k, stepsPerFullCharge);
            mass0[k] = new double[networks[k].levels];
            for (int b : model.baysOfType[k]) {
                networks[k].addSplit(model.initialSoc[b], 1.0, mass0[k]);
                powerSum += model.types.get(k).maxChargeKw();
            }
        }
        this.energyScale = Math.max(1e-6, powerSum / Math.max(1, model.bayCount()) * model.dt);
        this.grid = new GridPart(model);
        this.lambda = new double[slots];
        for (int t = 0; t < slots; t++) {
            lambda[t] = model.importPrice[t];
        }
        this.mu = new double[slots];
        this.nu = new double[kk][slots];
        // Start with swaps priced at their penalty (worth nothing): starting at ν = 0 lets every pack swap at every
        // chance, a bound far below zero that takes thousands of steps to climb out of on large stations.
        for (int k = 0; k < kk; k++) {
            java.util.Arrays.fill(nu[k], model.swapPenalty[k]);
        }
        this.rho = new double[kk];
        this.gRho = new double[kk];
        this.dRho = new double[kk];
        this.gLambda = new double[slots];
        this.gMu = new double[slots];
        this.gNu = new double[kk][slots];
        this.dLambda = new double[slots];
        this.dMu = new double[slots];
        this.dNu = new double[kk][slots];
        this.net = new double[slots];
        this.accepted = new boolean[model.offers.size()];
        this.swapScale2 = new double[kk];
        double cheapest = Double.POSITIVE_INFINITY;
        for (int k = 0; k < kk; k++) {
            cheapest = Math.min(cheapest, Math.max(1e-9, model.swapPenalty[k]));
        }
        for (int k = 0; k < kk; k++) {
            swapScale2[k] = Math.max(1e-9, model.swapPenalty[k]) / cheapest;
        }
        this.bundle = bundled ? newBundle() : null;
        saveBest();
    }

    /** The bundle over the flattened multipliers (λ, μ, ν per type, ρ) in the volume step's metric. */
    private ProximalBundle newBundle() {
        int slots = model.slots;
        int kk = nu.length;
        double[] weight = new double[flatSize()];
        boolean[] signed = new boolean[weight.length];
        double s2 = 1.0 / (energyScale * energyScale);
        for (int t = 0; t < slots; t++) {
            weight[t] = s2;
            weight[slots + t] = 1;
            signed[slots + t] = true;
        }
        for (int k = 0; k < kk; k++) {
            for (int t = 0; t < slots; t++) {
                weight[slots * (2 + k) + t] = swapScale2[k];
                signed[slots * (2 + k) + t] = true;
            }
            weight[slots * (2 + kk) + k] = model.minReadyAtEnd[k] > 0 ? 1 : 0;
            signed[slots * (2 + kk) + k] = true;
        }
        return new ProximalBundle(weight, signed);
    }

    /**
     * What one {@link #step} costs one core of the reference machine (an estimate from the networks' size, for a
     * work-charged clock: {@link SearchLoop}). Measured on the 12–400-bay ladder stations, warm JVM: 8.5–10 ns per level
     * and slot of the relaxed networks plus about 100 ns per type and slot (12 bays, 16 levels a full-power slot: 152 µs;
     * 400 bays, 8: 365 µs; with 2 levels 32 and 123 µs). A dual with a bundle adds its step's cost ({@link
     * ProximalBundle}: the QP, about 25 µs of this machine, and three passes over the cuts, about 2.5 ns per cut and
     * multiplier; 40 µs a step at 100 bays on 2 levels and at 400 bays on 8, where these steps cost 178 and 628 µs),
     * in the same proportion to this machine's time as the rest (0.55), so that the dual's thread keeps pace with the
     * search's work (measured in interleaved 2 s solves, 100 and 400 bays: the search waited for its dual 140–770 ms
     * with the bundle and 270–890 ms without, the machine's speed varying by a third over the runs).
     */
    long stepCpuNanos() {
        long levels = 0;
        for (RelaxedNetwork n : networks) {
            levels += n.levels;
        }
        double nanos = model.slots * (8.7 * levels + 100.0 * networks.length);
        if (bundle != null) {
            nanos += 0.55 * (25_000 + 2.5 * ProximalBundle.CAPACITY * flatSize());
        }
        return (long) nanos;
    }

    /**
     * The best multipliers and value as they are now, frozen: what a deterministic plan search reads while this dual
     * goes on stepping on another thread (see {@link SearchLoop}). A frozen copy cannot step.
     */
    LagrangianDual frozen() {
        return new LagrangianDual(this);
    }

    private LagrangianDual(LagrangianDual live) {
        this.model = live.model;
        this.networks = null;
        this.grid = null;
        this.mass0 = null;
        this.energyScale = live.energyScale;
        this.lambda = null;
        this.mu = null;
        this.nu = null;
        this.rho = null;
        this.gLambda = null;
        this.gMu = null;
        this.gNu = null;
        this.dLambda = null;
        this.dMu = null;
        // the averaged swap row as it is now (the relaxed LP's swaps, estimated): read by a later stage of the solve
        this.dNu = live.dNu == null ? null : deepCopy(live.dNu);
        this.gRho = null;
        this.dRho = null;
        this.net = null;
        this.accepted = null;
        this.swapScale2 = null;
        this.bundle = null;
        // the best* arrays are replaced whole at every improvement, never written into: sharing them is a copy
        this.bestValue = live.bestValue;
        this.bestLambda = live.bestLambda;
        this.bestMu = live.bestMu;
        this.bestNu = live.bestNu;
        this.bestRho = live.bestRho;
        this.bestAccepted = live.bestAccepted;
        this.iterations = live.iterations;
    }

    /**
     * A frozen copy whose balance prices are {@code lambda}: a price signal for the plan search (see {@link
     * PrimalSearch#fillHoles}), never a bound.
     */
    LagrangianDual withPrices(double[] lambda) {
        LagrangianDual copy = new LagrangianDual(this);
        copy.bestLambda = lambda;
        return copy;
    }

    /**
     * Starts from earlier multipliers (a warm start); ignored when their shape does not fit. {@code r}, the swap-ready
     * rows' ρ, may be null (they start at 0). Between two solves of a station they come along: started at 0, the
     * 21-bay example's two 200 ms re-plans without news certified 1,028.5 and 999.9 THB after its 1 s solve's 1,046.0
     * (the 10 packs it must leave ready are worth that much to the dual).
     */
    void warmStart(double[] lam, double[] m, double[][] n, double[] r) {
        if (lam == null || lam.length != lambda.length || n.length != nu.length) {
            return;
        }
        moveTo(lam, m, n, r);
        theta = 0.25;
        warm = true;
        bundling = false;
        if (bundle != null) {
            bundle.reset();
        }
    }

    /**
     * Hands the ascent to a {@link ProximalBundle} from the next step on, from the best multipliers so far and with the
     * step factor reset (see {@link SearchLoop#boundPhase}).
     */
    void bundleFromHere() {
        if (bundle == null) {
            bundle = newBundle();
        }
        warm = true;
        bundling = false;
        theta = 0.25;
        keepAverage = true;
    }

    /** Sets the multipliers to these ({@code r} may be null: ρ stays); ρ of a type without a swap-ready row stays 0. */
    private void moveTo(double[] lam, double[] m, double[][] n, double[] r) {
        System.arraycopy(lam, 0, lambda, 0, lambda.length);
        System.arraycopy(m, 0, mu, 0, mu.length);
        for (int k = 0; k < nu.length; k++) {
            System.arraycopy(n[k], 0, nu[k], 0, nu[k].length);
        }
        if (r != null && r.length == rho.length) {
            for (int k = 0; k < rho.length; k++) {
                rho[k] = model.minReadyAtEnd[k] > 0 ? Math.max(0, r[k]) : 0.0;
            }
        }
    }

    /**
     * These multipliers, evaluated once and frozen: their value (a proven bound) and their prices, for a plan search to
     * read while another dual ascends (see {@link SearchLoop#guide}). This dual is spent.
     */
    LagrangianDual frozenAt(double[] lam, double[] m, double[][] n, double[] r) {
        warmStart(lam, m, n, r);
        bestValue = evaluate();
        iterations++;
        saveBest();
        return frozen();
    }

    /** L at the current multipliers; fills the subgradient. */
    double evaluate() {
        int slots = model.slots;
        double value = model.allUnservedPenalty() - model.firmReward;
        double[] power = new double[slots];
        double[] active = new double[slots];
        for (int t = 0; t < slots; t++) {
            value += lambda[t] * model.dt * model.baseKw[t] - mu[t] * model.activeLimit;
        }
        value += grid.solve(lambda, net, accepted);
        for (int k = 0; k < networks.length; k++) {
            double[] swapCost = new double[slots];
            for (int t = 0; t < slots; t++) {
                swapCost[t] = nu[k][t] - model.swapPenalty[k];
                value -= nu[k][t] * model.demand[k][t];
            }
            value += rho[k] * model.minReadyAtEnd[k];
            RelaxedNetwork n = networks[k];
            n.backward(model, lambda, mu, swapCost, rho[k]);
            for (int i = 0; i < n.levels; i++) {
                if (mass0[k][i] != 0) {
                    value += mass0[k][i] * n.value[0][i];
                }
            }
            double[] swaps = new double[slots];
            gRho[k] = model.minReadyAtEnd[k] - n.forward(model, mass0[k], power, active, swaps);
            for (int t = 0; t < slots; t++) {
                gNu[k][t] = swaps[t] - model.demand[k][t];
            }
        }
        for (int t = 0; t < slots; t++) {
            gLambda[t] = model.dt * (model.baseKw[t] + power[t] - net[t]);
            gMu[t] = active[t] - model.activeLimit;
        }
        return value;
    }

    /**
     * One step of the volume algorithm: the direction is the running average ḡ of the subgradients (an estimate of
     * the relaxed LP's row residuals, far steadier than the bang-bang subgradient of one subproblem), taken from the
     * stability centre π̂ (the best multipliers), step f·(UB − L̂)/‖ḡ‖²; π̂ moves only when L improves. f grows by 10 %
     * after an improvement whose subgradient agrees with ḡ and shrinks by a third after {@value #PATIENCE} failures.
     *
     * @param upper the best known plan total (or an estimate above the bound)
     * @return the dual value at the multipliers tried (a valid bound)
     */
    double step(double upper) {
        return step(upper, true);
    }

    /**
     * One step: the bundle's ({@link ProximalBundle}) where this dual has one, {@code upper} is a plan's total and the
     * dual is warm or past its first {@value #VOLUME_FIRST_STEPS} steps, else the volume algorithm's. Before the solve
     * has a plan, its target is an estimate: the idle plan's total, 14 times the plans' on the 100-bay ladder station
     * of seed 1. The volume algorithm's first 300 steps still climb from −2,273 to 4,234 THB with it; bundle steps from
     * the first on stayed at −2,273 (their long steps were all null steps, and the cuts they added held the centre).
     *
     * @param planned whether {@code upper} is a plan's total
     */
    double step(double upper, boolean planned) {
        if (bundle != null && planned && (warm || iterations >= VOLUME_FIRST_STEPS)) {
            return bundleStep(upper);
        }
        double value = evaluateCounted();
        if (Double.isInfinite(value)) {
            return value;
        }
        double s2 = 1.0 / (energyScale * energyScale);
        boolean first = bestValue == Double.NEGATIVE_INFINITY;
        if (first) {
            copy(gLambda, gMu, gNu, dLambda, dMu, dNu);
            System.arraycopy(gRho, 0, dRho, 0, gRho.length);
        } else {
            double alpha = averagingWeight(s2);
            for (int t = 0; t < model.slots; t++) {
                dLambda[t] = alpha * gLambda[t] + (1 - alpha) * dLambda[t];
                dMu[t] = alpha * gMu[t] + (1 - alpha) * dMu[t];
            }
            for (int k = 0; k < nu.length; k++) {
                for (int t = 0; t < model.slots; t++) {
                    dNu[k][t] = alpha * gNu[k][t] + (1 - alpha) * dNu[k][t];
                }
                dRho[k] = alpha * gRho[k] + (1 - alpha) * dRho[k];
            }
        }
        if (first || value > bestValue + 1e-9 * Math.max(1, Math.abs(bestValue))) {
            double agree = 0;
            for (int t = 0; t < model.slots; t++) {
                agree += gLambda[t] * dLambda[t] * s2 + gMu[t] * dMu[t];
            }
            for (int k = 0; k < nu.length; k++) {
                for (int t = 0; t < model.slots; t++) {
                    agree += gNu[k][t] * dNu[k][t] * swapScale2[k];
                }
                agree += gRho[k] * dRho[k];
            }
            improved(value, !first && agree >= 0);
        } else {
            failed();
        }
        double norm = 0;
        for (int t = 0; t < model.slots; t++) {
            double dm = bestMu[t] <= 0 && dMu[t] < 0 ? 0 : dMu[t];
            norm += dLambda[t] * dLambda[t] * s2 + dm * dm;
        }
        for (int k = 0; k < nu.length; k++) {
            for (int t = 0; t < model.slots; t++) {
                double dn = bestNu[k][t] <= 0 && dNu[k][t] < 0 ? 0 : dNu[k][t];
                norm += dn * dn * swapScale2[k];
            }
            double dr = bestRho[k] <= 0 && dRho[k] < 0 ? 0 : dRho[k];
            norm += dr * dr;
        }
        if (norm <= 1e-18) {
            return value;
        }
        double target = Math.max(upper - bestValue, 1e-4 * Math.max(1, Math.abs(bestValue)));
        double stepSize = theta * target / norm;
        for (int t = 0; t < model.slots; t++) {
            lambda[t] = bestLambda[t] + stepSize * s2 * dLambda[t];
            mu[t] = Math.max(0, bestMu[t] + stepSize * dMu[t]);
        }
        for (int k = 0; k < nu.length; k++) {
            for (int t = 0; t < model.slots; t++) {
                nu[k][t] = Math.max(0, bestNu[k][t] + stepSize * swapScale2[k] * dNu[k][t]);
            }
            rho[k] = model.minReadyAtEnd[k] > 0 ? Math.max(0, bestRho[k] + stepSize * dRho[k]) : 0.0;
        }
        return value;
    }

    /** L at the current multipliers, counted as a step; an infinite L (a proven infeasibility) is kept as the best. */
    private double evaluateCounted() {
        double value = evaluate();
        iterations++;
        if (Double.isInfinite(value) && value > bestValue) {
            bestValue = value;
            saveBest();
        }
        return value;
    }

    /** A new best value: the centre moves there, and the step factor grows by 10 % when {@code grow}. */
    private void improved(double value, boolean grow) {
        if (grow) {
            theta = Math.min(2.0, theta * 1.1);
        }
        bestValue = value;
        saveBest();
        sinceImproved = 0;
    }

    /** A step without a new best value: the step factor shrinks by a third after {@value #PATIENCE} in a row. */
    private void failed() {
        if (++sinceImproved >= PATIENCE) {
            theta = Math.max(MIN_THETA, theta * 0.66);
            sinceImproved = 0;
        }
    }

    private int flatSize() {
        return model.slots * (2 + nu.length) + nu.length;
    }

    /**
     * A step of the {@link ProximalBundle}. The step factor θ grows by 10 % at a new best value and shrinks by a third
     * after {@value #PATIENCE} steps without one, as the volume step's; the aggregate subgradient's swap rows stand in
     * for the average ḡ ({@link #servedRow}).
     */
    private double bundleStep(double upper) {
        int slots = model.slots;
        if (!bundling) {
            // the bundle starts from the best multipliers the volume steps found, not from their last trial point
            bundling = true;
            bundle.reset();
            if (bestValue > Double.NEGATIVE_INFINITY) {
                moveTo(bestLambda, bestMu, bestNu, bestRho);
            }
        }
        double value = evaluateCounted();
        if (Double.isInfinite(value)) {
            return value;
        }
        boolean first = bestValue == Double.NEGATIVE_INFINITY;
        if (first || value > bestValue + 1e-9 * Math.max(1, Math.abs(bestValue))) {
            improved(value, !first);
        } else {
            failed();
        }
        double[] p = new double[flatSize()];
        flatten(lambda, mu, nu, rho, p);
        double[] g = new double[p.length];
        flatten(gLambda, gMu, gNu, gRho, g);
        double[] next = p.clone();
        double[] aggregate = bundle.step(p, g, value, theta, upper, next);
        if (aggregate == null) {
            return value;
        }
        if (!keepAverage) {
            for (int k = 0; k < nu.length; k++) {
                System.arraycopy(aggregate, slots * (2 + k), dNu[k], 0, slots);
            }
        }
        unflatten(next);
        return value;
    }

    /** The inverse of {@link #flatten}, into λ, μ, ν and ρ. */
    private void unflatten(double[] in) {
        int slots = model.slots;
        System.arraycopy(in, 0, lambda, 0, slots);
        System.arraycopy(in, slots, mu, 0, slots);
        for (int k = 0; k < nu.length; k++) {
            System.arraycopy(in, slots * (2 + k), nu[k], 0, slots);
            rho[k] = in[slots * (2 + nu.length) + k];
        }
    }

    private void flatten(double[] l, double[] m, double[][] n, double[] r, double[] out) {
        int slots = model.slots;
        System.arraycopy(l, 0, out, 0, slots);
        System.arraycopy(m, 0, out, slots, slots);
        for (int k = 0; k < n.length; k++) {
            System.arraycopy(n[k], 0, out, slots * (2 + k), slots);
        }
        System.arraycopy(r, 0, out, slots * (2 + n.length), r.length);
    }

    /** α minimising ‖α·g + (1−α)·ḡ‖ (the volume algorithm's choice), kept in [0.01, 0.1]. */
    private double averagingWeight(double s2) {
        double gg = 0;
        double gd = 0;
        double dd = 0;
        for (int t = 0; t < model.slots; t++) {
            gg += gLambda[t] * gLambda[t] * s2 + gMu[t] * gMu[t];
            gd += gLambda[t] * dLambda[t] * s2 + gMu[t] * dMu[t];
            dd += dLambda[t] * dLambda[t] * s2 + dMu[t] * dMu[t];
        }
        for (int k = 0; k < nu.length; k++) {
            for (int t = 0; t < model.slots; t++) {
                gg += gNu[k][t] * gNu[k][t] * swapScale2[k];
                gd += gNu[k][t] * dNu[k][t] * swapScale2[k];
                dd += dNu[k][t] * dNu[k][t] * swapScale2[k];
            }
            gg += gRho[k] * gRho[k];
            gd += gRho[k] * dRho[k];
            dd += dRho[k] * dRho[k];
        }
        double denom = gg - 2 * gd + dd;
        double alpha = denom > 1e-18 ? (dd - gd) / denom : MAX_ALPHA;
        return Math.max(MAX_ALPHA / 10, Math.min(MAX_ALPHA, alpha));
    }

    private static void copy(double[] a, double[] b, double[][] c, double[] a2, double[] b2, double[][] c2) {
        System.arraycopy(a, 0, a2, 0, a.length);
        System.arraycopy(b, 0, b2, 0, b.length);
        for (int k = 0; k < c.length; k++) {
            System.arraycopy(c[k], 0, c2[k], 0, c[k].length);
        }
    }

    /** The running average of the swap rows' subgradients (average relaxed swaps − demand), per type and slot. */
    double[][] dNuView() {
        return dNu;
    }

    /**
     * The swaps the relaxation serves, per type and slot, as a whole number: the demand plus the running average of
     * the swap rows' subgradients, rounded, within [0, demand]. The volume algorithm's average of the subproblems'
     * solutions estimates the relaxed LP's primal solution, so this is where the LP gives up swaps when it cannot
     * serve them all (see {@link RelaxedRow}); null before the first step.
     */
    int[][] servedRow() {
        if (dNu == null || iterations == 0) {
            return null;
        }
        int[][] row = new int[dNu.length][model.slots];
        for (int k = 0; k < dNu.length; k++) {
            for (int t = 0; t < model.slots; t++) {
                long served = Math.round(model.demand[k][t] + dNu[k][t]);
                row[k][t] = (int) Math.max(0, Math.min(model.demand[k][t], served));
            }
        }
        return row;
    }

    private static double[][] deepCopy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int k = 0; k < a.length; k++) {
            c[k] = a[k].clone();
        }
        return c;
    }

    boolean stalled() {
        return theta <= MIN_THETA;
    }

    private void saveBest() {
        // Readers on the plan thread take these arrays at any time: publish each one only when complete.
        double[][] n = new double[nu.length][];
        for (int k = 0; k < nu.length; k++) {
            n[k] = nu[k].clone();
        }
        bestNu = n;
        bestRho = rho.clone();
        bestLambda = lambda.clone();
        bestMu = mu.clone();
        bestAccepted = accepted.clone();
    }
}
