package io.swapflex.optimizer.flow;

import io.swapflex.optimizer.contract.BaySchedule;
import io.swapflex.optimizer.contract.Plan;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Builds and improves per-bay plans on the {@link PrimalNetwork}s.
 * <ul>
 *   <li><b>construct</b>: all bays start idle; each bay in turn (random order) takes its best response with the
 *   Lagrangian prices blended in, so the early bays leave room for the later ones (a price-directed greedy);</li>
 *   <li><b>descend</b>: exact best-response sweeps in random order until a sweep gains nothing (monotone in J);</li>
 *   <li><b>project</b>: a previous plan mapped onto the levels (warm start) — every bay follows its old SOC path as far
 *   as exact arcs allow, then {@code descend} repairs what the new problem changed.</li>
 * </ul>
 */
final class PrimalSearch {

    /** A large-neighbourhood group is a fifth of a type's bays (2 to 24). */
    static final int LNS_DIV = 5;
    /** Sweeps per penalty level of the continuation (the last level descends to the end). */
    private static final int CONTINUATION_SWEEPS = 2;
    /** Relative worsening a large-neighbourhood move may cause and still be kept (0: plateau moves only). */
    static final double SIDEWAYS = 0.0;
    private final StationModel model;
    final PrimalNetwork[] networks;
    private final SplittableRandom random;
    /** Every bay's index, in order: what a station-wide repair saves and puts back. */
    private final int[] allBays;
    private final SolveClock clock;
    /** The day's highest import price and the least full charging power of a pack type ({@link #fillHoles}). */
    private final double topImportPrice;
    private final double minChargeKw;
    /** Per pack type: whether its pack holds at least {@link #WHOLE_POOL_MIN_KWH} (a van's or a truck's). */
    private final boolean[] largePack;
    /** Whether any type's does ({@link #hasLargePacks}). */
    private final boolean anyLargePack;
    /** Per pack type: whether a swap transfer offers each swap to every other bay of the type ({@link #transferSwaps}). */
    private final boolean[] wholePool;
    /**
     * A pack type of at most this many bays, or whose pack holds at least {@link #WHOLE_POOL_MIN_KWH}, gets transfers
     * from the whole pool ({@link #transferSwaps}).
     */
    static final int WHOLE_POOL_MAX_BAYS = 16;
    static final double WHOLE_POOL_MIN_KWH = 20.0;

    PrimalSearch(StationModel model, int stepsPerFullCharge, long seed) {
        this(model, stepsPerFullCharge, seed, SolveClock.WALL);
    }

    /** @param clock the solve's clock, read at every deadline check */
    PrimalSearch(StationModel model, int stepsPerFullCharge, long seed, SolveClock clock) {
        this.model = model;
        this.clock = clock;
        this.networks = new PrimalNetwork[model.typeCount()];
        for (int k = 0; k < networks.length; k++) {
            networks[k] = new PrimalNetwork(model, k, stepsPerFullCharge);
        }
        this.random = new SplittableRandom(seed);
        this.allBays = java.util.stream.IntStream.range(0, model.bayCount()).toArray();
        double top = 0;
        for (double price : model.importPrice) {
            top = Math.max(top, price);
        }
        this.topImportPrice = top;
        double least = Double.POSITIVE_INFINITY;
        for (var type : model.types) {
            least = Math.min(least, type.maxChargeKw());
        }
        this.minChargeKw = least;
        this.largePack = new boolean[model.typeCount()];
        this.wholePool = new boolean[model.typeCount()];
        boolean any = false;
        for (int k = 0; k < wholePool.length; k++) {
            largePack[k] = model.types.get(k).capacityKwh() >= WHOLE_POOL_MIN_KWH;
            wholePool[k] = largePack[k] || model.baysOfType[k].length <= WHOLE_POOL_MAX_BAYS;
            any |= largePack[k];
        }
        this.anyLargePack = any;
    }

    PrimalState construct(LagrangianDual dual, boolean[] accepted, double guide) {
        return construct(dual, accepted, guide, Long.MAX_VALUE);
    }

    /** The swap-first construction ({@link SwapSweep}): the bank's charging decided jointly, earliest deadline first. */
    PrimalState sweep(boolean[] accepted, long deadlineNanos) {
        return new SwapSweep(model, networks, clock).build(accepted, deadlineNanos);
    }

    /** A construction; bays not reached by the deadline stay idle (still a plan that meets every rule). */
    PrimalState construct(LagrangianDual dual, boolean[] accepted, double guide, long deadlineNanos) {
        PrimalState state = new PrimalState(model, networks, accepted);
        BayDp[] dps = dps(state);
        for (int b : order()) {
            if (clock.now() >= deadlineNanos) {
                break;
            }
            dps[model.typeOfBay[b]].improve(b, guide, dual);
        }
        return state;
    }

    /**
     * A construction under penalty continuation: the price of a broken grid limit or export request starts near the
     * value of a swap and rises tenfold per round of descent up to its full value. With the full price from the start
     * the first bays placed take on a firm request at a swap peak whatever it costs them (they see the whole shortfall)
     * and no single bay can hand the duty on later; a moderate price first lets the bays for which discharging is
     * cheapest take it.
     */
    PrimalState constructContinued(LagrangianDual dual, boolean[] accepted, double guide, long deadlineNanos) {
        PrimalState state = new PrimalState(model, networks, accepted);
        state.violationPrice = Math.min(state.fullViolationPrice, model.moneyScale());
        BayDp[] dps = dps(state);
        for (int b : order()) {
            if (clock.now() >= deadlineNanos) {
                break;
            }
            dps[model.typeOfBay[b]].improve(b, guide, dual);
        }
        while (true) {
            descend(state, deadlineNanos, CONTINUATION_SWEEPS);
            if (state.violationPrice >= state.fullViolationPrice || clock.now() >= deadlineNanos) {
                descend(state, deadlineNanos);
                break;
            }
            state.violationPrice = Math.min(state.fullViolationPrice, state.violationPrice * 10);
        }
        state.violationPrice = state.fullViolationPrice;
        return state;
    }

    /**
     * Best-response sweeps until one gains less than a relative 1e-9 or the deadline passes.
     *
     * @return the number of sweeps made
     */
    int descend(PrimalState state, long deadlineNanos) {
        return descend(state, deadlineNanos, Integer.MAX_VALUE);
    }

    /** As {@link #descend(PrimalState, long)}, with at most {@code maxSweeps} sweeps. */
    int descend(PrimalState state, long deadlineNanos, int maxSweeps) {
        return descend(state, deadlineNanos, maxSweeps, null);
    }

    /** As {@link #descend(PrimalState, long, int)}, over the bays {@code only} (all when null). */
    int descend(PrimalState state, long deadlineNanos, int maxSweeps, int[] only) {
        BayDp[] dps = dps(state);
        double j = state.objective();
        int sweeps = 0;
        while (clock.now() < deadlineNanos && sweeps < maxSweeps) {
            for (int b : only == null ? order() : shuffled(only)) {
                dps[model.typeOfBay[b]].improve(b, 0.0, null);
                if (clock.now() >= deadlineNanos) {
                    break;
                }
            }
            sweeps++;
            double after = state.objective();
            if (j - after <= 1e-9 * Math.max(1, Math.abs(j))) {
                break;
            }
            j = after;
        }
        return sweeps;
    }

    /**
     * Large-neighbourhood moves until the deadline or {@code moves} tries: take a random group of bays of one type out
     * (idle), put them back one by one by best response with the dual prices blended in at weight {@code guide},
     * polish the group with exact best responses, keep the result when J improved, restore the group otherwise.
     * Single-bay best responses cannot trade a swap from one bay to another; a group re-planned together can.
     *
     * @return the number of improving moves
     */
    int lns(PrimalState state, LagrangianDual dual, int moves, double guide, long deadlineNanos) {
        return lns(state, dual, moves, guide, 0, deadlineNanos);
    }

    /** As {@link #lns(PrimalState, LagrangianDual, int, double, long)} with groups of {@code groupSize} (0: default). */
    int lns(PrimalState state, LagrangianDual dual, int moves, double guide, int groupSize, long deadlineNanos) {
        return lns(state, dual, moves, guide, groupSize, deadlineNanos, model.baysOfType);
    }

    /** As {@link #lns(PrimalState, LagrangianDual, int, double, int, long)}, groups drawn from {@code pools[k]}. */
    int lns(PrimalState state, LagrangianDual dual, int moves, double guide, int groupSize, long deadlineNanos,
            int[][] pools) {
        BayDp[] dps = dps(state);
        int improved = 0;
        double j = state.objective();
        for (int move = 0; move < moves && clock.now() < deadlineNanos; move++) {
            int k = random.nextInt(model.typeCount());
            int[] pool = pools[k];
            if (pool.length == 0) {
                continue;
            }
            int size = Math.min(pool.length, groupSize > 0 ? groupSize
                    : Math.max(2, Math.min(24, pool.length / LNS_DIV)));
            int[] group = sample(pool, size);
            Object[][] saved = new Object[size][];
            for (int i = 0; i < size; i++) {
                saved[i] = state.save(group[i]);
                state.remove(group[i]);
                state.clear(group[i]);
            }
            for (int b : group) {
                dps[k].improve(b, guide, dual);
            }
            for (int b : group) {
                dps[k].improve(b, 0.0, null);
            }
            double after = state.objective();
            if (after <= j + SIDEWAYS * Math.max(1, Math.abs(j))) {
                // equal-cost moves are kept too: idle bays of a type are interchangeable, and walking the plateau
                // moves the plan to where a later group move can improve it
                improved += after < j - 1e-9 * Math.max(1, Math.abs(j)) ? 1 : 0;
                j = after;
            } else {
                for (int i = 0; i < size; i++) {
                    state.remove(group[i]);
                    state.restore(group[i], saved[i]);
                    state.add(group[i]);
                }
            }
        }
        return improved;
    }

    /**
     * Swap transfers over the slots {@code [fromSlot, toSlot)}: each swap a bay serves there is offered to another bay
     * of its type that does not swap in that slot and, on a type of many small packs, holds a swap-ready pack then. The
     * first bay is made idle, the second takes the swap ({@link BayDp#improve(int, double, LagrangianDual, int)}), then
     * both take their best responses twice; the move is kept when J falls, and undone otherwise. At most {@code
     * candidates} bays are tried per swap, from a random one of the type on; on a type of few bays or large packs
     * ({@link #WHOLE_POOL_MAX_BAYS}, {@link #WHOLE_POOL_MIN_KWH}: vans and trucks) every other bay is, ready or not (its
     * re-plan makes it ready if it can).
     *
     * <p>Which pack serves a swap decides which pack must be charged after it, and when. A single bay cannot give its
     * swap away (the swap would go unserved) and a group move re-places bays one after another; so on the 100-bay
     * ladder station of seed 2 (every swap served, energy and wear all of the cost) every bay was its own best
     * response. One pass of transfers took its 10 s plan from 8,500.7 to 8,393.8 THB, 93 of it wear (less energy
     * cycled) and 22 import (issue 15). The whole pool for vans: that station's 13 van bays, planned alone, came out
     * 5 % above HiGHS's optimum on a coarser lattice (3,461.6 against 3,285.1 THB at 10 s): a van with a pack charged
     * at night sat idle, or sold its energy to the site's load on peak, while another recharged on peak for the swap it
     * could have served, and a bay not ready at the swap's slot was never offered it. With every van offered every
     * swap, 3,320.7.
     *
     * @return the number of transfers kept
     */
    int transferSwaps(PrimalState state, int fromSlot, int toSlot, int candidates, long deadlineNanos) {
        return transferSwaps(state, fromSlot, toSlot, candidates, false, deadlineNanos);
    }

    /** Whether the station has a pack type of {@link #WHOLE_POOL_MIN_KWH} or more (a van's or a truck's). */
    boolean hasLargePacks() {
        return anyLargePack;
    }

    /**
     * As {@link #transferSwaps(PrimalState, int, int, int, long)}; with {@code largeOnly}, only the swaps of pack types
     * of {@link #WHOLE_POOL_MIN_KWH} or more.
     */
    int transferSwaps(PrimalState state, int fromSlot, int toSlot, int candidates, boolean largeOnly,
                      long deadlineNanos) {
        BayDp[] dps = dps(state);
        int kept = 0;
        double j = state.objective();
        for (int t = fromSlot; t < toSlot; t++) {
            for (int a = 0; a < model.bayCount(); a++) {
                if (!state.swap[a][t]) {
                    continue;
                }
                if (clock.now() >= deadlineNanos) {
                    return kept;
                }
                int k = model.typeOfBay[a];
                if (largeOnly && !largePack[k]) {
                    continue;
                }
                int[] pool = model.baysOfType[k];
                boolean whole = wholePool[k];
                int from = random.nextInt(pool.length);
                int tried = 0;
                for (int i = 0; i < pool.length && (whole || tried < candidates); i++) {
                    int b = pool[(from + i) % pool.length];
                    if (b == a || state.swap[b][t] || !whole && !state.swapReadyAt(b, t)) {
                        continue;
                    }
                    tried++;
                    Object[] savedA = state.save(a);
                    Object[] savedB = state.save(b);
                    state.remove(a);
                    state.clear(a);
                    dps[k].improve(b, 0.0, null, t);
                    dps[k].improve(a, 0.0, null);
                    dps[k].improve(b, 0.0, null);
                    dps[k].improve(a, 0.0, null);
                    double after = state.objective();
                    if (after < j - 1e-9 * Math.max(1, Math.abs(j))) {
                        j = after;
                        kept++;
                        break;
                    }
                    state.remove(a);
                    state.remove(b);
                    state.restore(a, savedA);
                    state.restore(b, savedB);
                    state.add(a);
                    state.add(b);
                }
            }
        }
        return kept;
    }

    /**
     * Discount on the import price of a hole slot in {@link #fillHoles}, as a share of the day's highest import price
     * per kWh. Measured on the 50-bay ladder stations at 2 s (solver seed 0): 0.1 and 0.2 alike (50 bays of seed 2:
     * 6,408 and 6,400 against 6,815 without), 0.5 and 1.0 pull too much charging forward (6,619 and 6,677).
     */
    static final double HOLE_BONUS = 0.2;

    /**
     * Hole filling, for a station whose meter is at its import limit through the hours before swaps it leaves unserved
     * but below it in a few slots between (the dearest of the hour: the plans skip them, each bay's charging fits in a
     * cheaper slot, and no single bay's move shows that the capacity left unused there is what the missed swaps lack).
     * Each bay is re-planned with the dual prices of every slot before the last unserved swap where the meter has room
     * for a pack's full charging power lowered by {@link #HOLE_BONUS} of the top import price (those slots, and the
     * off-peak night's), so that charging moves forward into them and frees the import capacity of later slots; then a swap repair hands
     * the unserved swaps to bays that can use the freed capacity, and best responses polish. The caller keeps the
     * result only when it is better. Measured on the 50-bay station of seed 2 (issue 15; its meter idles at 9–23 kW
     * of 37 in four of the afternoon's slots while the evening misses 23 swaps): 2 s plans 6,815 / 6,896 / 6,536 →
     * 6,400 / 6,618 / 6,392 over solver seeds 0–2 (see {@link SearchLoop#HOLE_ROUNDS}).
     *
     * @return the number of hole slots (0: nothing tried)
     */
    int fillHoles(PrimalState state, LagrangianDual dual, double guide, int groupSize, long deadlineNanos) {
        int last = -1;
        for (int k = 0; k < model.typeCount(); k++) {
            for (int t = 0; t < model.slots; t++) {
                if (state.swaps[k][t] < model.demand[k][t]) {
                    last = Math.max(last, t);
                }
            }
        }
        if (last <= 0 || dual == null || dual.bestLambda == null) {
            return 0;
        }
        double[] lam = dual.bestLambda.clone();
        int holes = 0;
        for (int t = 0; t < last; t++) {
            if (model.importLimit[t] - state.net[t] >= minChargeKw) {
                lam[t] -= HOLE_BONUS * topImportPrice / guide;
                holes++;
            }
        }
        if (holes == 0) {
            return 0;
        }
        LagrangianDual biased = dual.withPrices(lam);
        BayDp[] dps = dps(state);
        for (int b : order()) {
            if (clock.now() >= deadlineNanos) {
                return holes;
            }
            dps[model.typeOfBay[b]].improve(b, guide, biased);
        }
        repairSwaps(state, dual, groupSize, guide, false, deadlineNanos);
        descend(state, deadlineNanos, 2);
        return holes;
    }

    /** How a swap repair prices the meter's limits while it re-inserts its group (see {@link #repairSwaps}). */
    enum RepairLimits {
        /** At their full price throughout. */
        HARD(0.0, false),
        /** From 0.001 of the money scale per kWh over a limit; the group swept at each step back. */
        SOFT_GROUP(1e-3, false),
        /** From 0.01; the whole station swept at each step back. */
        SOFT_STATION(1e-2, true);

        final double price;
        final boolean station;

        RepairLimits(double price, boolean station) {
            this.price = price;
            this.station = station;
        }
    }

    /** The limits of the cycling repairs in turn (see {@link #repairSwaps}). */
    static final RepairLimits[] REPAIR_CYCLE = {RepairLimits.SOFT_GROUP, RepairLimits.HARD, RepairLimits.SOFT_STATION};
    /** Cycling repairs made by this search so far. */
    private int repairs;

    /**
     * Targeted group moves for unserved swaps: for a slot t where type k leaves swaps unserved, the group is one bay
     * that could be ready at t (handed the swap first, {@link BayDp#improve(int, double, LagrangianDual, int)}) and
     * the bays of the type that swap near t (up to {@code groupSize}), which are then re-planned around it; kept when
     * J improves. Single-bay best responses cannot make this trade: the ready bay is usually kept for a later swap or
     * for a firm request, and only a re-plan of the bays around it shows whether someone else can take that over.
     *
     * <p>With {@code cycleLimits} the calls of this search take {@link #REPAIR_CYCLE} in turn: the group may first be
     * re-inserted with the meter's limits priced low (soft), then the price rises back tenfold at a time with a sweep
     * of the group (or of the whole station) at each step, so the bays around the handed-over swap make the room it
     * took. A morning burst that asks for every pack of the bank at swap-ready SOC within an hour needs that: its
     * packs must be charged exactly in time under the import limit, some of them lending energy to the others (HiGHS's
     * plan of the first 48 slots of the 12-bay ladder station of seed 3 discharges packs just swapped in to make room;
     * {@code ./swapflex bench scheduler anatomy misses}). Measured (issue 15, 2 s work budgets, ladder seeds 1–3): the
     * 12-bay station of seed 3 582.6 → 444.6 (its last unserved swap served), the others within 0.4 % (12, 21, 50
     * bays: 1,156.0 / 4,430.1 → 1,158.1 / 4,431.3; 1,938.6 / 3,442.6 / 1,684.3 → 1,934.1 / 3,441.6 / 1,677.9;
     * 3,306.9 / 6,668.0 / 4,356.3 → 3,304.3 / 6,678.6 / 4,350.4; over solver seeds 1–6 the 12-bay station of seed 3
     * served every swap in five, the 50-bay one of seed 1 missed 1–3 swaps instead of 4, that of seed 2 23–24 instead
     * of 22–23). The search cycles only on stations up to {@link SearchLoop#SOFT_REPAIR_MAX_BAYS} bays, and short
     * solves keep hard limits: their one or two repairs served a swap fewer on two 50-bay stations at 100 ms with soft
     * ones.
     *
     * @param cycleLimits whether this call takes the next {@link RepairLimits} of the cycle (else hard limits)
     * @return the number of improving moves
     */
    int repairSwaps(PrimalState state, LagrangianDual dual, int groupSize, double guide, boolean cycleLimits,
                    long deadlineNanos) {
        BayDp[] dps = dps(state);
        int improved = 0;
        double j = state.objective();
        RepairLimits limits = cycleLimits ? REPAIR_CYCLE[repairs++ % REPAIR_CYCLE.length] : RepairLimits.HARD;
        double entryPrice = state.violationPrice;
        for (int k = 0; k < model.typeCount(); k++) {
            for (int t = 0; t < model.slots; t++) {
                if (state.swaps[k][t] >= model.demand[k][t]) {
                    continue;
                }
                // the clock is read where there is work: in a deterministic solve every read is virtual time
                if (clock.now() >= deadlineNanos) {
                    return improved;
                }
                int[] group = groupAround(state, k, t, groupSize);
                if (group.length == 0) {
                    continue;
                }
                // soft limits may leave a sliver of a limit or a firm request unmet that J prices below a swap: a
                // plan that meets every rule never trades that for one that does not
                boolean feasibleBefore = limits != RepairLimits.HARD && state.feasible();
                // the bays the move may change: the group, or every bay when the soft limits sweep the station; a
                // move that does not pay puts all of them back
                int[] touched = limits.station ? allBays : group;
                Object[][] saved = new Object[touched.length][];
                for (int i = 0; i < touched.length; i++) {
                    saved[i] = state.save(touched[i]);
                }
                for (int b : group) {
                    state.remove(b);
                    state.clear(b);
                }
                if (limits != RepairLimits.HARD) {
                    state.violationPrice = Math.min(entryPrice, limits.price * model.moneyScale());
                }
                dps[k].improve(group[0], guide, dual, t);
                for (int i = 1; i < group.length; i++) {
                    dps[k].improve(group[i], guide, dual);
                }
                // soft limits: the meter's limits back to their price by tenfold steps, a sweep at each, so that the
                // bays around the handed-over swap make the room it took (they shift or discharge)
                while (limits != RepairLimits.HARD) {
                    for (int b : limits.station ? order() : group) {
                        dps[model.typeOfBay[b]].improve(b, 0.0, null);
                    }
                    if (state.violationPrice >= entryPrice) {
                        break;
                    }
                    state.violationPrice = Math.min(entryPrice, state.violationPrice * 10);
                }
                state.violationPrice = entryPrice;
                for (int b : group) {
                    dps[k].improve(b, 0.0, null);
                }
                double after = state.objective();
                if (after < j - 1e-9 * Math.max(1, Math.abs(j)) && (!feasibleBefore || state.feasible())) {
                    j = after;
                    improved++;
                } else {
                    for (int i = 0; i < touched.length; i++) {
                        state.remove(touched[i]);
                        state.restore(touched[i], saved[i]);
                        state.add(touched[i]);
                    }
                }
            }
        }
        return improved;
    }

    /**
     * A bay of type k that could swap at t (ready, not swapping) first, then bays swapping or discharging near t, then
     * others.
     */
    private int[] groupAround(PrimalState state, int k, int t, int size) {
        int[] pool = model.baysOfType[k];
        java.util.List<Integer> ready = new java.util.ArrayList<>();
        java.util.List<Integer> near = new java.util.ArrayList<>();
        java.util.List<Integer> rest = new java.util.ArrayList<>();
        for (int b : pool) {
            boolean canSwap = state.swapReadyAt(b, t);
            boolean swapsNear = false;
            for (int u = Math.max(0, t - 8); u < Math.min(model.slots, t + 9); u++) {
                // bays discharging near t count too: a firm request at a swap peak is met by packs that riders
                // wanted, and handing that duty to another bay is the trade that frees them
                swapsNear |= state.swap[b][u] || state.power[b][u] < 0;
            }
            if (canSwap && !state.swap[b][t]) {
                ready.add(b);
            } else if (swapsNear) {
                near.add(b);
            } else {
                rest.add(b);
            }
        }
        java.util.List<Integer> group = new java.util.ArrayList<>();
        if (!ready.isEmpty()) {
            group.add(ready.remove(random.nextInt(ready.size())));
        } else {
            // No pack is ready at t: hand the swap to one of the fullest packs there, which must then charge earlier
            // (before a firm request's window, say) — the move a plan needs when a peak follows a discharge duty.
            java.util.List<Integer> candidates = new java.util.ArrayList<>(near);
            candidates.addAll(rest);
            candidates.removeIf(b -> state.swap[b][t]);
            if (candidates.isEmpty()) {
                return new int[0];
            }
            candidates.sort(java.util.Comparator.comparingDouble(b -> -socAt(state, b, t)));
            Integer first = candidates.get(random.nextInt(Math.min(3, candidates.size())));
            group.add(first);
            near.remove(first);
            rest.remove(first);
        }
        for (java.util.List<Integer> list : java.util.List.of(near, ready, rest)) {
            while (!list.isEmpty() && group.size() < size) {
                group.add(list.remove(random.nextInt(list.size())));
            }
        }
        return group.stream().mapToInt(Integer::intValue).toArray();
    }

    private double socAt(PrimalState state, int b, int t) {
        int n = state.node[b][t];
        return n < 0 ? model.initialSoc[b] : networks[model.typeOfBay[b]].levels[n];
    }

    private int[] sample(int[] pool, int size) {
        int[] copy = pool.clone();
        for (int i = 0; i < size; i++) {
            int j = i + random.nextInt(copy.length - i);
            int tmp = copy[i];
            copy[i] = copy[j];
            copy[j] = tmp;
        }
        return java.util.Arrays.copyOf(copy, size);
    }

    /** Maps a previous plan's bays (by id, same slot count) onto the levels; other bays start idle. */
    /**
     * The last projected warm start's nodes and swaps per bay and slot: every best response of this search then breaks
     * ties towards it ({@link BayDp#KEEP_BONUS}), so a re-plan without news keeps the schedule it had.
     */
    private int[][] anchorNode;
    private boolean[][] anchorSwap;

    PrimalState project(Plan warm, boolean[] accepted) {
        PrimalState state = new PrimalState(model, networks, accepted);
        Map<String, BaySchedule> byId = new HashMap<>();
        for (BaySchedule s : warm.bays()) {
            byId.put(s.id(), s);
        }
        for (int b = 0; b < model.bayCount(); b++) {
            BaySchedule old = byId.get(model.problem.bays().get(b).id());
            if (old == null || old.soc().length != model.slots + 1) {
                continue;
            }
            state.remove(b); // idle so far
            follow(state, b, old.swapOut(), old.soc());
            state.add(b);
        }
        anchorNode = new int[model.bayCount()][];
        anchorSwap = new boolean[model.bayCount()][];
        for (int b = 0; b < model.bayCount(); b++) {
            anchorNode[b] = state.node[b].clone();
            anchorSwap[b] = state.swap[b].clone();
        }
        return state;
    }

    /**
     * A plan of another search on this one's levels (the plan search's coarse-to-fine move, {@link SearchLoop}): each
     * bay follows the other plan's SOC path and swaps. Where this search's levels contain the other's (twice as many,
     * the same anchor) the plan is the same plan, at the same objective. No anchor is set: it is not a re-plan.
     */
    PrimalState adopt(PrimalState other) {
        PrimalState state = new PrimalState(model, networks, other.accepted.clone());
        for (int b = 0; b < model.bayCount(); b++) {
            PrimalNetwork from = other.networks[model.typeOfBay[b]];
            double[] soc = new double[model.slots + 1];
            for (int t = 0; t <= model.slots; t++) {
                int node = other.node[b][t];
                soc[t] = node < 0 ? model.initialSoc[b] : from.levels[node];
            }
            state.remove(b); // idle so far
            follow(state, b, other.swap[b], soc);
            state.add(b);
        }
        return state;
    }

    private void follow(PrimalState state, int b, boolean[] swapOut, double[] socPath) {
        int k = model.typeOfBay[b];
        PrimalNetwork net = networks[k];
        int i = state.node[b][0];
        double soc = model.initialSoc[b];
        for (int t = 0; t < model.slots; t++) {
            state.node[b][t] = i;
            double now = i < 0 ? soc : net.levels[i];
            if (swapOut[t] && (i < 0 ? net.canSwapFrom(soc) : net.canSwap[i])) {
                state.swap[b][t] = true;
                i = net.returnLevel;
                continue;
            }
            double want = socPath[t + 1];
            int bestLevel = -2;
            double bestDist = Math.abs(want - now);
            double bestPower = 0;
            for (int j = 0; j < net.levels.length; j++) {
                double d = Math.abs(want - net.levels[j]);
                if (d < bestDist - 1e-12) {
                    double p = net.power(now, net.levels[j]);
                    if (!Double.isNaN(p)) {
                        bestDist = d;
                        bestLevel = j;
                        bestPower = p;
                    }
                }
            }
            if (bestLevel >= 0) {
                state.power[b][t] = bestPower;
                i = bestLevel;
            }
        }
        state.node[b][model.slots] = i;
    }

    private BayDp[] dps(PrimalState state) {
        BayDp[] dps = new BayDp[networks.length];
        for (int k = 0; k < dps.length; k++) {
            dps[k] = new BayDp(state, k, anchorNode, anchorSwap, clock);
        }
        return dps;
    }

    private int[] shuffled(int[] bays) {
        int[] order = bays.clone();
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
        return order;
    }

    private int[] order() {
        int n = model.bayCount();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
        return order;
    }
}
