package io.swapflex.optimizer.flow;

import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.contract.PlanStatus;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.optimizer.plan.PlanAssembler;

import java.util.HashSet;
import java.util.Set;
import java.util.function.DoubleFunction;

/**
 * Flexibility from a plan by parametric re-planning: how much firm net export a station can add over a window on top
 * of its problem's firm requests, each figure proven by a plan (the witness) that meets every hard rule and serves as
 * many swaps as the station's current plan.
 *
 * <p><b>Method.</b> The station's model, plan networks and its current plan projected onto them are built once per
 * plan version. A probe of x kW over [from, to) raises the plan's export requirement in those slots to the firm level
 * plus x (exactly what the problem with one more firm request of x kW on top asks for), prices the shortfall near a
 * swap's value and re-plans the window's best proven plan so far (the current plan at first) by two sweeps of exact
 * per-bay best responses and a few group moves. The result proves the least extra net export it reaches over the
 * window, when it meets every hard rule of the problem and leaves no more swaps unserved than the current plan: often
 * most of x where x itself is out of reach. The most is bracketed by bisection between what is proven and
 * an upper bound from physics, probed first, until the bracket is within 1 % of its top. The figure is a lower bound on
 * the station's true flexibility, never above it: each one has its witness, which the caller checks.
 *
 * <p>A probe re-plans only the bays that can add most export over the window ({@link #candidates}), at most
 * {@value #MAX_CANDIDATES}: on a large station a window needs a few of its hundreds, and a probe asking more than the
 * bank can spare would otherwise re-plan them all to prove little.
 *
 * <p>Against a full solve per probe (the flow scheduler warm started for 300 ms, as the service did), a probe here is a
 * few milliseconds on structures built once; a station's day of hourly windows takes 0.4–1.3 s of CPU from 12 to 400
 * bays (issue 15, measured 2026-12-06 on a shared 2-core machine, {@code ./swapflex bench flexibility}). The search is
 * deterministic (a seed, fixed sweep and move counts, no clock).
 */
public final class ExportProbe {

    /** Sweeps of best responses per probe. */
    private static final int SWEEPS = 2;
    /**
     * Group moves per probe (large-neighbourhood: a group of bays of one type re-planned together). Measured on the
     * examples (3 bisection steps): without them the 12-bay, 21-bay and depot figures summed 93.5, 144.7 and 3,552 kW;
     * with 4 moves 95.3, 150.8, 3,704; with 12 moves 96.4, 159.4, 4,204, for 0.45–0.8 s of CPU a plan version.
     */
    private static final int GROUP_MOVES = 12;
    /**
     * A probe whose best responses left more than this many swaps unserved beyond the current plan's makes no group
     * moves: a dozen moves of a few bays rarely win back so many, and the probe proves nothing either way. Measured
     * ({@code ./swapflex bench flexibility}, 2026-12-06): CPU 0.50 / 1.43 / 1.26 / 1.69 / 1.56 s → 0.43 / 0.84 / 0.91 /
     * 1.26 / 1.21 s on the 21-bay example and 50–400 bays (on the 50-bay station every probe from 6 am on sacrificed 4
     * to 20 swaps); the figures summed −0.3 to +8.4 %, except the depot's −12 % (4,655 → 4,105 kW, its vans' and trucks'
     * swaps are won back by group moves; with 0 it lost 26 %) and the unit test's 21-bay day from a 400 ms plan, −9 %.
     */
    private static final int HOPELESS_SWAPS = 3;
    /**
     * The re-planned bays could add this many times the extra export a window needs (see {@link #candidates}). Measured
     * (examples and generated 21–400-bay stations, 3 bisection steps), against re-planning every bay: the day's figures
     * summed 96 / 135 / 4,204 kW on the 12-bay, 21-bay and depot examples (96 / 159 / 4,204 with every bay) and 91 /
     * 174 / 1,605 / 25,311 kW on the generated 21, 50, 100 and 400 bays (with every bay 83 / 196 / 1,190 / 14,375: the
     * bays left alone keep their plan, where their own best responses spent the window's headroom), for 0.5–1.7 s of
     * CPU up to 100 bays and 5.4 s at 400 (3.7 and 11.4 s with every bay).
     */
    private static final double CANDIDATE_MARGIN = 2.0;
    /**
     * Most bays a probe re-plans. A probe asking more than the bank can spare wanted every bay (400 at 400 bays, 0.1 s
     * of CPU a probe, most of them proving nothing). Measured ({@code ./swapflex bench flexibility}, 2026-12-06): with
     * at most 64 the 100-, 200- and 400-bay stations (seed 1) went from 2.0, 3.1 and 4.8 s of CPU to 1.5, 1.6 and 1.5 s,
     * their figures from 1,834, 4,007 and 26,170 kW to 1,787, 3,708 and 27,319 (seed 2: 1.6 s at most, every figure at
     * or above the uncapped probes' of before); at most 40 cost 11 and 19 % of the 200- and 400-bay figures, at most
     * 80 left 100 bays at 2.2 s.
     */
    private static final int MAX_CANDIDATES = 64;
    /**
     * Bisection stops when the bracket is within this fraction of its top: a window proven within 1 % of the bound does
     * not spend three more probes on the last fraction of a kW.
     */
    private static final double CLOSE_ENOUGH = 0.01;
    /**
     * The probe's extra export shortfall is priced at this share of the problem's own rules' price (near a swap's
     * value): the bank exports what it can spare without sacrificing swaps, while the problem's own firm requests keep
     * their full weight ({@link PrimalState#probeRequired}). With one price for both, a tenth proved more kW on generated
     * stations but broke the problem's own requests on the examples (−11 % and −44 %). Apart, measured ({@code
     * ./swapflex bench flexibility 3 1 thai-2w-12 van-truck-depot mixed-2w3w-21 50 100 200 400}, 2026-12-06, day's kW
     * summed, share 1 → 0.3 → 0.1 → 0.03): 99.2 → 83.8 → 85.2 → 47.5 (thai-2w-12), 4,105 → 5,108 → 5,353 → 5,596
     * (depot), 136.6 → 184.4 → 187.1 → 186.4 (mixed-2w3w-21), 174 → 310 → 332 → 320 (50 bays), 1,887 → 1,936 →
     * 1,875 → 2,512 (100), 3,697 → 4,205 → 4,413 → 5,896 (200), 29,620 → 30,766 → 31,914 → 29,906 (400), every figure
     * with a witness the checker passes, 0.4–1.5 s of CPU each. The figures move unevenly with the price (a local
     * search); a tenth gains on six of seven and loses 14 % on the two-wheeler example.
     */
    static final double PROBE_PRICE_SHARE = 0.1;
    /** Fewest bays a probe re-plans. */
    private static final int MIN_CANDIDATES = 12;
    /** Bisection stops when the bracket is this narrow (the figures are written to 0.01 kW). */
    private static final double RESOLUTION_KW = 0.01;

    private final StationModel model;
    private final PrimalSearch search;
    private final PrimalState base;
    private final int unservedLimit;

    /** A window's figure: the most kW proven, its witness (null when 0 kW), and the probes it took. */
    public record Window(int fromSlot, int toSlot, double upperBoundKw, double exportKw, Plan witness, int probes) {
    }

    /**
     * @param problem the station's problem
     * @param current the station's current plan of it (the start of every probe; its unserved swaps are the limit)
     * @param seed    seed of the best responses' bay orders
     */
    public ExportProbe(Problem problem, Plan current, long seed) {
        this.model = new StationModel(problem);
        this.search = new PrimalSearch(model, FlowScheduler.PRIMAL_STEPS, seed, SolveClock.virtual(1));
        boolean[] accepted = new boolean[model.offers.size()];
        for (StationModel.Offer o : model.offers) {
            accepted[o.index()] = current.acceptedDispatchRequests() != null
                    && current.acceptedDispatchRequests().contains(o.id());
        }
        this.base = search.project(current, accepted);
        if (!base.feasible()) {
            // a plan of another scheduler (continuous powers) may land off a rule on the levels: best responses repair it
            search.descend(base, Long.MAX_VALUE);
        }
        this.unservedLimit = current.unservedTotal();
    }

    /**
     * The most firm net export over [from, to) on top of the problem's firm requests, within {@code upperKw / 2^steps}
     * (or {@value #CLOSE_ENOUGH} of the bracket's top, whichever is wider) of the most these probes can prove.
     *
     * @param upperKw      an upper bound on the figure (from physics); probed first
     * @param steps        bisection steps when the upper bound fails
     * @param probeProblem the problem with one more firm request of x kW on top over [from, to): the witness is a plan
     *                     of it
     */
    public Window maxExport(int from, int to, double upperKw, int steps, DoubleFunction<Problem> probeProblem) {
        if (upperKw <= 1e-6) {
            return new Window(from, to, Math.max(0, upperKw), 0, null, 0);
        }
        Found found = new Found();
        Ranked ranked = rank(from, to);
        double hi = upperKw;
        int probes = 0;
        for (int i = 0; i <= steps && hi - found.kw > Math.max(RESOLUTION_KW, CLOSE_ENOUGH * hi); i++) {
            double x = i == 0 ? upperKw : (found.kw + hi) / 2;
            probe(from, to, x, ranked, found);
            probes++;
            if (found.kw < x - 1e-9) {
                hi = x;
            }
        }
        double kw = floor(Math.min(found.kw, upperKw));
        if (found.state == null || kw <= 0) {
            return new Window(from, to, upperKw, 0, null, probes);
        }
        return new Window(from, to, upperKw, kw, witness(found.state, probeProblem.apply(kw)), probes);
    }

    /** The best proven so far in a window: its kW and the plan that proves it. */
    private static final class Found {
        double kw;
        PrimalState state;

        void offer(PrimalState candidate, double achieved) {
            if (achieved > kw) {
                kw = achieved;
                state = candidate.copy();
            }
        }
    }

    /**
     * The window's best proven plan so far (the current plan before any: a warm start that already exports part of x)
     * re-planned to export x kW more over [from, to): the shortfall is priced near a swap's value (the first level of the
     * plan search's penalty continuation), so the bank exports what it can spare and keeps its swaps; best responses,
     * then group moves. The state is offered as a proof after the best responses and again after the group moves: a
     * group move may trade a swap for export, which the probe's objective allows and the proof does not. Measured on the
     * examples: continuing to the full rule price (and repairing the swaps it sacrificed) proved 3–6 % more kW at four to
     * seven times the CPU; a tenth of the price proved 6–23 % more kW on the 21-, 100- and 400-bay benchmark stations
     * and 11–44 % less on the 12-bay example and on the 21-bay one from a short plan: the problem's own firm requests
     * are priced alike, and the cheaper probes broke them.
     */
    private void probe(int from, int to, double x, Ranked ranked, Found found) {
        PrimalState state = found.state == null ? base.copy() : found.state.copy(); // own rules: base's, as copied
        state.probeRequired = base.required.clone();
        for (int t = from; t < to; t++) {
            state.probeRequired[t] = Math.max(base.required[t], firm(t) + x);
        }
        state.violationPrice = Math.min(state.fullViolationPrice, model.moneyScale());
        state.probePrice = PROBE_PRICE_SHARE * state.violationPrice;
        int[] bays = candidates(from, to, x, ranked);
        search.descend(state, Long.MAX_VALUE, SWEEPS, bays);
        double reached = achieved(state, from, to);
        found.offer(state, reached);
        if (reached == Double.NEGATIVE_INFINITY && unserved(state) > unservedLimit + HOPELESS_SWAPS) {
            return;
        }
        search.lns(state, null, GROUP_MOVES, 0.0, 0, Long.MAX_VALUE, byType(bays));
        found.offer(state, achieved(state, from, to));
    }

    /**
     * The bays a probe re-plans: those that can add the most export over the window in the current plan (the power they
     * charge with there, plus their discharge power where their pack holds energy above minSoc), most first, until they
     * could add {@value #CANDIDATE_MARGIN} times the extra export the window needs; at least {@value #MIN_CANDIDATES},
     * at most {@value #MAX_CANDIDATES}.
     * A large station's probe then re-plans the few bays that matter, not hundreds.
     */
    private int[] candidates(int from, int to, double x, Ranked ranked) {
        double need = 0;
        for (int t = from; t < to; t++) {
            need = Math.max(need, firm(t) + x + base.net[t]);
        }
        int n = ranked.order.length;
        int count = 0;
        double sum = 0;
        while (count < n && count < MAX_CANDIDATES && (count < MIN_CANDIDATES || sum < CANDIDATE_MARGIN * need)) {
            sum += ranked.potential[ranked.order[count]];
            count++;
        }
        int[] chosen = java.util.Arrays.copyOf(ranked.order, count);
        java.util.Arrays.sort(chosen);
        return chosen;
    }

    /** The bays by what they can add to the window's export in the current plan, most first (see {@link #candidates}). */
    private record Ranked(int[] order, double[] potential) {
    }

    private Ranked rank(int from, int to) {
        int n = model.bayCount();
        double[] potential = new double[n];
        for (int b = 0; b < n; b++) {
            int k = model.typeOfBay[b];
            PrimalNetwork net = search.networks[k];
            double most = 0;
            for (int t = from; t < to; t++) {
                int node = base.node[b][t];
                double soc = node < 0 ? model.initialSoc[b] : net.levels[node];
                double discharge = soc > model.types.get(k).minSoc() + 1e-9 ? model.types.get(k).maxDischargeKw() : 0;
                most = Math.max(most, Math.max(0, base.power[b][t]) + discharge);
            }
            potential[b] = most;
        }
        int[] order = java.util.stream.IntStream.range(0, n).boxed()
                .sorted((a, c) -> Double.compare(potential[c], potential[a])).mapToInt(Integer::intValue).toArray();
        return new Ranked(order, potential);
    }

    private int[][] byType(int[] bays) {
        int[][] pools = new int[model.typeCount()][];
        for (int k = 0; k < pools.length; k++) {
            int kk = k;
            pools[k] = java.util.Arrays.stream(bays).filter(b -> model.typeOfBay[b] == kk).toArray();
        }
        return pools;
    }

    /**
     * The most extra net export over [from, to) the state proves: the least of (net export − firm level) over the
     * window, when the state meets every rule of the problem itself (limits, requests, readiness) and serves as many
     * swaps as allowed; −∞ otherwise.
     */
    private double achieved(PrimalState state, int from, int to) {
        boolean ok = state.feasible() && unserved(state) <= unservedLimit; // the problem's own rules: state.required
        if (!ok) {
            return Double.NEGATIVE_INFINITY;
        }
        double x = Double.POSITIVE_INFINITY;
        for (int t = from; t < to; t++) {
            x = Math.min(x, -state.net[t] - firm(t));
        }
        return x;
    }

    /** The firm requests' net export in slot t (0 where none), as {@code firmLevel} of the service counts it. */
    private double firm(int t) {
        return Double.isInfinite(model.firmExportKw[t]) ? 0 : Math.max(0, model.firmExportKw[t]);
    }

    private int unserved(PrimalState state) {
        int sum = 0;
        for (int k = 0; k < model.typeCount(); k++) {
            for (int t = 0; t < model.slots; t++) {
                sum += Math.max(0, model.demand[k][t] - state.swaps[k][t]);
            }
        }
        return sum;
    }

    /** The state as a plan of the probe problem (accepted offers as in the state; the checker has the last word). */
    private Plan witness(PrimalState state, Problem probeProblem) {
        Set<String> accepted = new HashSet<>();
        for (StationModel.Offer o : model.offers) {
            if (state.accepted[o.index()]) {
                accepted.add(o.id());
            }
        }
        return PlanAssembler.assemble(probeProblem, state.power, state.swap, accepted, PlanStatus.FEASIBLE, null, 0,
                "flow-probe");
    }

    /** Figures to 0.01 kW, rounded down: the witness meets more. */
    static double floor(double kw) {
        return Math.floor(kw * 100 + 1e-9) / 100;
    }
}
