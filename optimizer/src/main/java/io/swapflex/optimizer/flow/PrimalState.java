package io.swapflex.optimizer.flow;

/**
 * A complete per-bay plan on the {@link PrimalNetwork}s and its per-slot aggregates: meter power, active bays,
 * swaps per type. Hard rules the plan breaks are priced with large penalties so that local search can start from an
 * infeasible plan and so that an infeasible problem still gets the least-violating compromise:
 * <pre>
 *   J = Σ_t G_t(net_t) + Σ_bt deg·|p_bt|·Δ + Σ_kt P_k·(D_kt − S_kt) + M_A·Σ_t max(0, active_t − A) − rewards
 *       − Σ_b V_k·(soc_b,end − minSoc_k) + M_R·Σ_k max(0, R_k − ready_k)        V_k end value per SOC, R_k minReadyAtEnd
 *   G_t(x) = g_t(x) + M·Δ·( max(0, x − I) + max(0, −E − x) + max(0, x + F_t) )      F_t: firm and accepted offers
 * </pre>
 * With no penalty active, J is exactly the contract's total.
 */
final class PrimalState {

    /** How much more a kW past the import or export limit weighs than a kW of request shortfall. */
    private static final double METER_LIMIT_WEIGHT = 100.0;

    final StationModel model;
    final PrimalNetwork[] networks;
    /** Price per kWh of broken limit or request; lowered at first by penalty continuation (see PrimalSearch). */
    double violationPrice;
    final double fullViolationPrice;
    final double activePrice;
    /** node[b][t] for t = 0..T: a level index, or −1 for the bay's own initial SOC. */
    final int[][] node;
    final double[][] power;
    final boolean[][] swap;
    final double[] net;
    final int[] active;
    final int[][] swaps;
    /** Bays of each type whose last node is swap-ready (for the end readiness rule). */
    final int[] ready;
    /** Price of one bay short of a type's minReadyAtEnd: far above any real cost. */
    final double readyPrice;
    final boolean[] accepted;
    final double[] required;
    /**
     * A flexibility probe's export requirement on top of {@link #required} (null: none), its shortfall priced at {@link
     * #probePrice} per kWh: the problem's own rules keep {@link #violationPrice}, so a probe can ask for export cheaply
     * without the search trading the problem's own firm requests for it ({@link ExportProbe}).
     */
    double[] probeRequired;
    double probePrice;

    PrimalState(StationModel model, PrimalNetwork[] networks, boolean[] acceptedOffers) {
        this.model = model;
        this.networks = networks;
        double scale = model.moneyScale();
        this.fullViolationPrice = 1e3 * scale;
        this.violationPrice = fullViolationPrice;
        this.activePrice = 1e3 * scale;
        this.readyPrice = 1e3 * scale;
        int bays = model.bayCount();
        int slots = model.slots;
        this.node = new int[bays][slots + 1];
        this.power = new double[bays][slots];
        this.swap = new boolean[bays][slots];
        this.net = model.baseKw.clone();
        this.active = new int[slots];
        this.swaps = new int[model.typeCount()][slots];
        this.ready = new int[model.typeCount()];
        this.accepted = acceptedOffers.clone();
        this.required = new double[slots];
        for (int b = 0; b < bays; b++) {
            int start = networks[model.typeOfBay[b]].levelOf(model.initialSoc[b]);
            java.util.Arrays.fill(node[b], start);
            ready[model.typeOfBay[b]] += readyAtEnd(b) ? 1 : 0;
        }
        setAccepted(acceptedOffers);
    }

    PrimalState copy() {
        PrimalState c = new PrimalState(model, networks, accepted);
        c.violationPrice = violationPrice;
        c.probeRequired = probeRequired == null ? null : probeRequired.clone();
        c.probePrice = probePrice;
        for (int b = 0; b < node.length; b++) {
            c.node[b] = node[b].clone();
            c.power[b] = power[b].clone();
            c.swap[b] = swap[b].clone();
        }
        System.arraycopy(net, 0, c.net, 0, net.length);
        System.arraycopy(active, 0, c.active, 0, active.length);
        for (int k = 0; k < swaps.length; k++) {
            c.swaps[k] = swaps[k].clone();
        }
        System.arraycopy(ready, 0, c.ready, 0, ready.length);
        return c;
    }

    void setAccepted(boolean[] offers) {
        System.arraycopy(offers, 0, accepted, 0, accepted.length);
        for (int t = 0; t < model.slots; t++) {
            required[t] = model.firmExportKw[t];
        }
        for (StationModel.Offer o : model.offers) {
            if (accepted[o.index()]) {
                for (int t = o.from(); t < o.to(); t++) {
                    required[t] = Math.max(required[t], o.exportKw());
                }
            }
        }
    }

    /**
     * The cost of each power of {@code kw} added to the meter's {@code base} in slot t, as a best response prices a
     * move: out[c] = (G_t(base + kw[c]) − baseCost) + deg·|kw[c]| + activeCost, with G_t as {@link #meterCost} computes
     * it (the same operations in the same order, so the same doubles), in one loop over the powers. With {@code guide}
     * w &gt; 0 the grid part is blended with the price λ: + w·(λ·Δ·p − (g_t(base + p) − baseGrid)) before the
     * degradation ({@link BayDp}'s guided constructions).
     */
    void moveCosts(int t, double base, double baseCost, double[] kw, double deg, double activeCost, double guide,
                   double lam, double baseGrid, double[] out) {
        double lamDt = lam * model.dt;
        double imp = model.dt * model.importPrice[t];
        double exp = model.dt * model.exportPrice[t];
        double req = required[t];
        double importLimit = model.importLimit[t];
        double exportLimit = model.exportLimit[t];
        double penalty = violationPrice * model.dt;
        double probeReq = probeRequired != null ? probeRequired[t] : 0.0;
        double probePenalty = probePrice * model.dt;
        double[] probeRow = probeRequired;
        for (int c = 0; c < kw.length; c++) {
            double p = kw[c];
            double x = base + p;
            double meter = meter(x, imp, exp, req, importLimit, exportLimit, penalty, probeRow, probeReq, probePenalty)
                    - baseCost;
            if (guide > 0) {
                double grid = model.gridCost(t, x) - baseGrid;
                meter += guide * (lamDt * p - grid);
            }
            out[c] = (meter + deg * Math.abs(p)) + activeCost;
        }
    }

    /** G_t(x): grid cost plus the penalty on limits and export requirements. */
    double meterCost(int t, double x) {
        return meter(x, model.dt * model.importPrice[t], model.dt * model.exportPrice[t], required[t],
                model.importLimit[t], model.exportLimit[t], violationPrice * model.dt, probeRequired,
                probeRequired != null ? probeRequired[t] : 0.0, probePrice * model.dt);
    }

    /**
     * G at meter power x, from the slot's prices per kW (price × Δ), requirement, limits and penalties per kW: the
     * one formula {@link #meterCost} and {@link #moveCosts} share. Ternaries, not Math.max: the same values here,
     * where no NaN arises, without its NaN and −0 branches.
     */
    private static double meter(double x, double imp, double exp, double req, double importLimit, double exportLimit,
                                double penalty, double[] probeRow, double probeReq, double probePenalty) {
        double v = x >= 0 ? imp * x : exp * x;
        // The meter's limits are physical and weigh more than a request's shortfall: when a firm request asks for
        // more than the export limit, the compromise exports up to the limit and no further (equal weights would tie).
        double own = x + req > 0 ? x + req : 0.0;
        double above = x - importLimit > 0 ? x - importLimit : 0.0;
        double below = -exportLimit - x > 0 ? -exportLimit - x : 0.0;
        double over = METER_LIMIT_WEIGHT * (above + below) + own;
        if (over > 1e-9) {
            v += penalty * over;
        }
        if (probeRow != null) {
            double probe = (x + probeReq > 0 ? x + probeReq : 0.0) - own;
            if (probe > 1e-9) {
                v += probePenalty * probe;
            }
        }
        return v;
    }

    /** Bay b's schedule (nodes, powers, swaps), to restore a rejected move. */
    Object[] save(int b) {
        return new Object[]{node[b].clone(), power[b].clone(), swap[b].clone()};
    }

    /** Puts back a schedule from {@link #save}; the bay must be out of the aggregates (add it back after). */
    void restore(int b, Object[] saved) {
        node[b] = ((int[]) saved[0]).clone();
        power[b] = ((double[]) saved[1]).clone();
        swap[b] = ((boolean[]) saved[2]).clone();
    }

    /**
     * Makes bay b idle at its initial SOC; the bay must be out of the aggregates, and is in them again afterwards (an
     * idle bay adds nothing to the meter, the active count or the swaps, only to the end readiness count).
     */
    void clear(int b) {
        java.util.Arrays.fill(node[b], networks[model.typeOfBay[b]].levelOf(model.initialSoc[b]));
        java.util.Arrays.fill(power[b], 0.0);
        java.util.Arrays.fill(swap[b], false);
        ready[model.typeOfBay[b]] += readyAtEnd(b) ? 1 : 0;
    }

    /** Bay b's SOC at the end of the horizon. */
    double endSoc(int b) {
        int last = node[b][model.slots];
        return last < 0 ? model.initialSoc[b] : networks[model.typeOfBay[b]].levels[last];
    }

    /** Whether bay b ends the horizon swap-ready. */
    boolean readyAtEnd(int b) {
        return swapReadyAt(b, model.slots);
    }

    /** Whether bay b holds a swap-ready pack at the start of slot t ({@code model.slots}: the horizon's end). */
    boolean swapReadyAt(int b, int t) {
        int at = node[b][t];
        PrimalNetwork n = networks[model.typeOfBay[b]];
        return at < 0 ? n.canSwapFrom(model.initialSoc[b]) : n.canSwap[at];
    }

    /** Takes bay b's schedule out of the aggregates (before re-planning it). */
    void remove(int b) {
        int k = model.typeOfBay[b];
        ready[k] -= readyAtEnd(b) ? 1 : 0;
        for (int t = 0; t < model.slots; t++) {
            if (power[b][t] != 0) {
                net[t] -= power[b][t];
                active[t]--;
            }
            if (swap[b][t]) {
                swaps[k][t]--;
            }
        }
    }

    /** Puts bay b's schedule into the aggregates. */
    void add(int b) {
        int k = model.typeOfBay[b];
        ready[k] += readyAtEnd(b) ? 1 : 0;
        for (int t = 0; t < model.slots; t++) {
            if (power[b][t] != 0) {
                net[t] += power[b][t];
                active[t]++;
            }
            if (swap[b][t]) {
                swaps[k][t]++;
            }
        }
    }

    /** The penalised objective J of the whole plan. */
    double objective() {
        double j = -model.firmReward;
        for (int t = 0; t < model.slots; t++) {
            j += meterCost(t, net[t]) + activePrice * Math.max(0, active[t] - model.activeLimit);
        }
        for (int b = 0; b < power.length; b++) {
            double deg = networks[model.typeOfBay[b]].degradation();
            for (int t = 0; t < model.slots; t++) {
                j += deg * Math.abs(power[b][t]) * model.dt;
            }
        }
        for (int k = 0; k < swaps.length; k++) {
            for (int t = 0; t < model.slots; t++) {
                j += model.swapPenalty[k] * Math.max(0, model.demand[k][t] - swaps[k][t])
                        + violationPrice * Math.max(0, swaps[k][t] - model.demand[k][t]);
            }
        }
        for (StationModel.Offer o : model.offers) {
            if (accepted[o.index()]) {
                j -= o.reward();
            }
        }
        for (int b = 0; b < power.length; b++) {
            j -= model.endValue(model.typeOfBay[b], endSoc(b));
        }
        for (int k = 0; k < ready.length; k++) {
            j += readyPrice * Math.max(0, model.minReadyAtEnd[k] - ready[k]);
        }
        return j;
    }

    /** Whether every hard rule holds (within the checker's tolerances). */
    boolean feasible() {
        for (int t = 0; t < model.slots; t++) {
            if (net[t] > model.importLimit[t] + 1e-7 || -net[t] > model.exportLimit[t] + 1e-7
                    || net[t] > -required[t] + 1e-7 || active[t] > model.activeLimit) {
                return false;
            }
        }
        for (int k = 0; k < swaps.length; k++) {
            for (int t = 0; t < model.slots; t++) {
                if (swaps[k][t] > model.demand[k][t]) {
                    return false;
                }
            }
            if (ready[k] < model.minReadyAtEnd[k]) {
                return false;
            }
        }
        return true;
    }
}
