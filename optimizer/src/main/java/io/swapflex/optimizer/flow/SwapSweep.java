package io.swapflex.optimizer.flow;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A swap-first construction of a whole plan, slot by slot: earliest-deadline-first charging on the shared chargers
 * and grid connection. Best responses of single bays cannot serve a swap that needs <em>other</em> bays to give up
 * their charging slots; this construction decides the bank's charging jointly, the way a dispatcher would. In each
 * slot:
 * <ol>
 *   <li>serve every swap a ready pack allows, with the fullest packs (serving a swap as early as possible never serves
 *   fewer: the empty pack comes back, and starts charging, sooner);</li>
 *   <li>give every pack a deadline: the packs of a type, ordered by the slots they still need to reach swap-ready SOC,
 *   are matched in that order to the type's coming swaps (the closest-to-ready pack to the next swap); its slack is
 *   deadline − now − slots needed;</li>
 *   <li>meet the slot's export duty (firm and accepted requests) by discharging packs that can spare it, those that
 *   discharge the most kW first (each takes one of the scarce charger slots);</li>
 *   <li>charge at full power, within the free chargers and the import headroom, the packs with a swap ahead of them,
 *   least slack first (earliest deadline first), skipping a pack whose swap is not worth its energy (its cheapest
 *   charging slots before the deadline cost more than the unserved-swap penalty: a truck pack at a peak tariff);</li>
 *   <li>when a pack with (almost) no slack finds no room, make room by discharging packs that can spare the energy
 *   (no swap ahead of them today, or time to recharge before their own): the bank charges itself past the import
 *   limit, and a swap is worth far more than the round trip;</li>
 *   <li>before an export duty (up to four hours ahead), charge packs with no swap ahead as its energy reserve, up to
 *   four times the duty's energy: through the window the packs with a swap ahead charge on it.</li>
 * </ol>
 * Every move is an arc of the {@link PrimalNetwork}, so the result is an exact plan. It charges as early as it can and
 * so pays peak prices where it need not: best responses then move the charging to cheaper slots. Measured with
 * {@code ./swapflex bench scheduler} (seed 1, the time limits, the same search with and without this start):
 * 21 bays 2 356 against 2 544, 50 bays 3 484 against 4 410, 100 bays 13 664–13 673 over four runs against
 * 13 668–16 884, 200 bays 18 859–18 878 against 18 872–19 987; 12 bays the same (1 399–1 400, when it may use at most
 * 15 % of the time); 400 bays 1.7 % worse (28 072–28 107 against 27 590–27 632). On the mixed 21-bay example it is
 * what serves every swap through the firm evening request.
 */
final class SwapSweep {

    private static final int INF = Integer.MAX_VALUE / 4;
    /**
     * Packs that may discharge to make room for one pack, and the slack up to which a pack may ask for them. Measured
     * on the sweep's own plans (seeds 1–3; total before polishing, 1 donor for packs without slack → 4 donors for
     * slack ≤ 2): 100 bays 15 666 / 9 840 / 12 544 → 15 226 / 9 144 / 11 754, 400 bays 66 091 / 60 574 / 70 722 →
     * 64 628 / 58 978 / 68 660; 12 bays unchanged. Without any donors: 100 bays 19 481 / 13 892 / 13 320.
     */
    private static final int MAX_DONORS = 4;
    private static final int CROSS_SLACK = 2;

    private final StationModel model;
    private final PrimalNetwork[] networks;

    /** Slots before an export duty within which packs without a swap ahead charge as its energy reserve. */
    private static final int DUTY_LOOKAHEAD = 16;
    /** nextDuty[t]: the first slot ≥ t that must export (net of base load), INF if none. */
    private int[] nextDuty;
    /** dutyEnergy[t]: kWh the bank must export from slot t to the end of its duty window (0 outside one). */
    private double[] dutyEnergy;
    /**
     * Reserve kept for a duty window, as a multiple of the window's export: the packs with a swap ahead charge through
     * the window on the reserve's energy too. Measured (sweep, then best responses) on the mixed 21-bay example (firm
     * 3 kW over the evening peak): 3 509 without a reserve, 2 427 at 2, 1 849 at 4, 8 and unlimited; on the ladder
     * (12–100 bays, seeds 1–3) the totals move by at most 0.9 % either way (best responses drop the unused reserve).
     */
    private static final double RESERVE_FACTOR = 4.0;

    /** Full-power slots from each level to swap-ready SOC on the plan levels, per type. */
    private final int[][] needFrom;
    /** arcs[k][level]: the moves from a level, pairs (target level, kW). */
    private final double[][][] arcs;
    /** Sum of the n cheapest import prices in slots (t, end), by (t, end, n): the same windows recur for every pack. */
    private final Map<Long, Double> cheapest = new HashMap<>();

    private final SolveClock clock;
    /**
     * Reference CPU time of the sweep per bay and slot, charged to the solve's clock: measured 0.27–0.35 µs on the
     * 50–400-bay ladder stations (warm JVM; 10.5 ms for 400 bays × 96 slots), 0.6 µs on 12 bays.
     */
    static final long NANOS_PER_BAY_SLOT = 350;

    SwapSweep(StationModel model, PrimalNetwork[] networks, SolveClock clock) {
        this.model = model;
        this.clock = clock;
        this.networks = networks;
        this.needFrom = new int[networks.length][];
        this.arcs = new double[networks.length][][];
        for (int k = 0; k < networks.length; k++) {
            PrimalNetwork net = networks[k];
            arcs[k] = new double[net.levels.length][];
            for (int i = 0; i < net.levels.length; i++) {
                arcs[k][i] = new double[2 * (net.first[i + 1] - net.first[i])];
                for (int a = net.first[i]; a < net.first[i + 1]; a++) {
                    arcs[k][i][2 * (a - net.first[i])] = net.target[a];
                    arcs[k][i][2 * (a - net.first[i]) + 1] = net.classKw[net.klass[a]];
                }
            }
        }
        for (int k = 0; k < networks.length; k++) {
            PrimalNetwork net = networks[k];
            needFrom[k] = new int[net.levels.length];
            for (int i = 0; i < net.levels.length; i++) {
                int n = 0;
                int at = i;
                int[] arc = new int[1];
                while (!net.canSwap[at] && n <= model.slots) {
                    if (strongestCharge(arcs[k][at], Double.MAX_VALUE, arc) <= 0) {
                        n = INF;
                        break;
                    }
                    at = arc[0];
                    n++;
                }
                needFrom[k][i] = n;
            }
        }
    }

    /** Slots a pack at this node (or off-level SOC) needs at full power to be swap-ready, on the plan levels. */
    private int need(int k, int node, double soc) {
        if (node >= 0) {
            return needFrom[k][node];
        }
        PrimalNetwork net = networks[k];
        if (net.canSwapFrom(soc)) {
            return 0;
        }
        int[] arc = new int[1];
        if (strongestCharge(movesFrom(k, -1, soc), Double.MAX_VALUE, arc) <= 0) {
            return INF;
        }
        return Math.min(INF, 1 + needFrom[k][arc[0]]);
    }

    /** The moves from a pack's node (its level, or −1 for its off-level initial SOC): pairs (target level, kW). */
    private double[] movesFrom(int k, int node, double soc) {
        if (node >= 0) {
            return arcs[k][node];
        }
        List<double[]> list = networks[k].arcsFrom(soc);
        double[] out = new double[2 * list.size()];
        for (int i = 0; i < list.size(); i++) {
            out[2 * i] = list.get(i)[0];
            out[2 * i + 1] = list.get(i)[1];
        }
        return out;
    }

    /** The largest charging move of at most {@code room} kW: its power, its target in arc[0]. */
    private static double strongestCharge(double[] moves, double room, int[] arc) {
        double best = 0;
        for (int m = 0; m < moves.length; m += 2) {
            double p = moves[m + 1];
            if (p > best && p <= room + 1e-9) {
                best = p;
                arc[0] = (int) moves[m];
            }
        }
        return best;
    }

    /**
     * Builds the plan with the given offers accepted; at the deadline the packs stay where they are for the rest of
     * the horizon (still an exact plan).
     */
    PrimalState build(boolean[] accepted, long deadlineNanos) {
        PrimalState state = new PrimalState(model, networks, accepted);
        int bays = model.bayCount();
        for (int b = 0; b < bays; b++) {
            state.remove(b); // the idle bays leave the aggregates; each is added back with its sweep schedule below
        }
        nextDuty = new int[model.slots + 1];
        nextDuty[model.slots] = INF;
        dutyEnergy = new double[model.slots + 1];
        for (int t = model.slots - 1; t >= 0; t--) {
            double export = state.required[t] == Double.NEGATIVE_INFINITY ? 0 : state.required[t] + model.baseKw[t];
            nextDuty[t] = export > 0 ? t : nextDuty[t + 1];
            // the energy the duty window starting at t takes from the bank, kWh at the meter
            dutyEnergy[t] = export > 0 ? export * model.dt + dutyEnergy[t + 1] : 0;
        }
        int slots = model.slots;
        double[] soc = model.initialSoc.clone();
        int[] node = new int[bays];
        for (int b = 0; b < bays; b++) {
            node[b] = state.node[b][0];
        }
        int[] deadline = new int[bays];
        int[] need = new int[bays];
        boolean[] busy = new boolean[bays];
        for (int t = 0; t < slots; t++) {
            final int now = t;
            Arrays.fill(busy, false);
            for (int b = 0; b < bays; b++) {
                state.node[b][t] = node[b];
            }
            // a whole sweep (no deadline) does not read the clock: in a deterministic solve every read is virtual time
            if (deadlineNanos != Long.MAX_VALUE && clock.now() >= deadlineNanos) {
                continue;
            }
            // 1. swaps: the fullest ready packs
            for (int k = 0; k < model.typeCount(); k++) {
                int demand = model.demand[k][t];
                if (demand == 0) {
                    continue;
                }
                List<Integer> ready = new ArrayList<>();
                for (int b : model.baysOfType[k]) {
                    if (soc[b] >= model.types.get(k).swapReadySoc() - 1e-9) {
                        ready.add(b);
                    }
                }
                ready.sort((x, y) -> Double.compare(soc[y], soc[x]));
                for (int i = 0; i < Math.min(demand, ready.size()); i++) {
                    int b = ready.get(i);
                    state.swap[b][t] = true;
                    busy[b] = true;
                }
            }
            // 2. deadlines and slack per pack
            for (int k = 0; k < model.typeCount(); k++) {
                assignDeadlines(k, t, node, soc, state, deadline, need);
            }
            double headroom = model.importLimit[t] - model.baseKw[t];
            if (state.required[t] != Double.NEGATIVE_INFINITY) {
                headroom = Math.min(headroom, -state.required[t] - model.baseKw[t]);
            }
            int chargers = model.activeLimit;
            double floor = -model.exportLimit[t] - model.baseKw[t];
            double sum = 0;
            // 3. export duty: the packs that can spare a slot's discharge, strongest first (each takes a charger slot),
            // then the packs with the most slack
            if (headroom < -1e-9) {
                Integer[] order = candidates(bays, busy);
                double[] strongest = new double[bays];
                for (int b : order) {
                    strongest[b] = discharge(b, node[b], soc[b], Double.NEGATIVE_INFINITY, floor, new int[1]);
                }
                Arrays.sort(order, (x, y) -> {
                    boolean sx = slack(x, now, deadline, need) > 0;
                    boolean sy = slack(y, now, deadline, need) > 0;
                    if (sx != sy) {
                        return sx ? -1 : 1;
                    }
                    int c = sx ? Double.compare(strongest[x], strongest[y]) : 0;
                    if (c != 0) {
                        return c;
                    }
                    c = Long.compare(slack(y, now, deadline, need), slack(x, now, deadline, need));
                    return c != 0 ? c : Double.compare(soc[y], soc[x]);
                });
                for (int b : order) {
                    if (sum <= headroom + 1e-9 || chargers == 0) {
                        break;
                    }
                    int[] arc = new int[1];
                    double p = discharge(b, node[b], soc[b], headroom - sum, floor - sum, arc);
                    if (p < 0) {
                        move(state, b, t, p, arc[0], node, soc, busy);
                        sum += p;
                        chargers--;
                    }
                }
            }
            // 4. charging: no slack first (least slack first), then the cheap slots of the packs with slack
            List<Integer> urgent = new ArrayList<>();
            List<Integer> optional = new ArrayList<>();
            List<Integer> reserve = new ArrayList<>();
            boolean dutyAhead = nextDuty[t] - t <= DUTY_LOOKAHEAD
                    && reserveEnergy(soc, deadline) < RESERVE_FACTOR * dutyEnergy[nextDuty[t]];
            for (int b = 0; b < bays; b++) {
                if (busy[b]) {
                    continue;
                }
                if (deadline[b] >= INF) {
                    // no swap ahead: energy for an export duty ahead, which lets the packs with a swap ahead charge
                    // through it
                    if (dutyAhead && soc[b] < model.types.get(model.typeOfBay[b]).maxSoc() - 1e-9) {
                        reserve.add(b);
                    }
                    continue;
                }
                if (need[b] <= 0) {
                    continue;
                }
                if (!worthIt(b, t, deadline[b], need[b])) {
                    continue;
                }
                long s = slack(b, t, deadline, need);
                if (s <= 0) {
                    urgent.add(b);
                } else {
                    optional.add(b);
                }
            }
            // the swaps at stake that take the least of the shared grid first (a van pack's recharge holds the kW of
            // thirty scooter packs'), then earliest deadline first
            urgent.sort((x, y) -> {
                int c = Double.compare(gridUse(x, need), gridUse(y, need));
                return c != 0 ? c : Long.compare(slack(x, now, deadline, need), slack(y, now, deadline, need));
            });
            optional.sort((x, y) -> Long.compare(slack(x, now, deadline, need), slack(y, now, deadline, need)));
            int urgentCount = urgent.size();
            urgent.addAll(optional);
            reserve.sort((x, y) -> Double.compare(model.types.get(model.typeOfBay[y]).maxDischargeKw(),
                    model.types.get(model.typeOfBay[x]).maxDischargeKw()));
            int reserveFrom = urgent.size();
            urgent.addAll(reserve);
            for (int idx = 0; idx < urgent.size(); idx++) {
                int b = urgent.get(idx);
                if (busy[b]) {
                    continue; // taken as a donor for a pack before it
                }
                double full = model.types.get(model.typeOfBay[b]).maxChargeKw();
                // a swap is (nearly) at stake: make room by discharging packs that can spare the energy
                int donors = 0;
                while (idx < reserveFrom && (idx < urgentCount || slack(b, t, deadline, need) <= CROSS_SLACK)
                        && donors < MAX_DONORS
                        && chargers >= 2 && headroom - sum < full - 1e-9) {
                    int donor = donor(t, b, node, soc, busy, deadline);
                    if (donor < 0) {
                        break;
                    }
                    int[] arc = new int[1];
                    double p = discharge(donor, node[donor], soc[donor], headroom - sum - full, floor - sum, arc);
                    if (p >= 0) {
                        break;
                    }
                    move(state, donor, t, p, arc[0], node, soc, busy);
                    sum += p;
                    chargers--;
                    donors++;
                }
                double room = headroom - sum;
                if (chargers == 0 || room <= 1e-9) {
                    continue;
                }
                int[] arc = new int[1];
                double p = charge(b, node[b], soc[b], room, arc);
                if (p > 0) {
                    move(state, b, t, p, arc[0], node, soc, busy);
                    sum += p;
                    chargers--;
                }
            }
            // the swapped packs come back empty
            for (int b = 0; b < bays; b++) {
                if (state.swap[b][t]) {
                    PrimalNetwork net = networks[model.typeOfBay[b]];
                    node[b] = net.returnLevel;
                    soc[b] = net.levels[net.returnLevel];
                }
            }
        }
        for (int b = 0; b < bays; b++) {
            state.node[b][slots] = node[b];
            state.add(b);
        }
        clock.charge(NANOS_PER_BAY_SLOT * bays * slots);
        return state;
    }

    /**
     * Whether the swap a pack would be charged for now is worth its energy: this slot and the cheapest {@code need − 1}
     * slots left before its deadline (import price plus degradation, at full power) cost less than the penalty of
     * leaving the swap unserved.
     */
    private boolean worthIt(int b, int t, int deadline, int need) {
        if (deadline == model.slots) {
            return true; // the end readiness rule is hard
        }
        int k = model.typeOfBay[b];
        double kwh = model.types.get(k).maxChargeKw() * model.dt;
        double deg = model.types.get(k).degradationCost();
        int end = Math.min(deadline, model.slots);
        int rest = Math.max(0, Math.min(need - 1, end - t - 1));
        // charging now, at this slot's price, and the rest in the cheapest slots left before the deadline
        double cost = (model.importPrice[t] + deg + rest * deg) * kwh + cheapestSum(t, end, rest) * kwh;
        return cost < model.swapPenalty[k];
    }

    /** Sum of the n cheapest import prices in slots t+1 .. end−1 (n at most their number), memoised. */
    private double cheapestSum(int t, int end, int n) {
        long key = ((long) t * (model.slots + 1) + end) * (model.slots + 1) + n;
        return cheapest.computeIfAbsent(key, x -> {
            double[] window = Arrays.copyOfRange(model.importPrice, t + 1, Math.max(t + 1, end));
            Arrays.sort(window);
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += window[i];
            }
            return sum;
        });
    }

    /**
     * A pack that may discharge this slot without missing its own swap: no swap ahead of it today, or enough slots
     * left to recharge what one full-power discharge takes; of those the one that discharges the most kW (a charger
     * slot is scarce when the bank feeds itself), then the one with the most spare slots; −1 if none.
     */
    private int donor(int t, int charging, int[] node, double[] soc, boolean[] busy, int[] deadline) {
        int best = -1;
        long bestSpare = -1;
        double bestPower = 0;
        for (int b = 0; b < soc.length; b++) {
            int k = model.typeOfBay[b];
            if (b == charging || busy[b] || soc[b] <= model.types.get(k).minSoc() + 1e-6) {
                continue;
            }
            int[] arc = new int[1];
            double p = discharge(b, node[b], soc[b], Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, arc);
            if (p >= 0) {
                continue;
            }
            long spare = deadline[b] >= INF ? INF : (long) deadline[b] - (t + 1) - needFrom[k][arc[0]];
            // the strongest discharge first (a charger slot lends the most kW), then the most spare slots
            if (spare >= 0 && (p < bestPower - 1e-9 || p < bestPower + 1e-9 && spare > bestSpare)) {
                bestPower = p;
                bestSpare = spare;
                best = b;
            }
        }
        return best;
    }

    /** kWh at the meter the packs without a swap ahead could discharge (above minSoc). */
    private double reserveEnergy(double[] soc, int[] deadline) {
        double e = 0;
        for (int b = 0; b < soc.length; b++) {
            if (deadline[b] >= INF) {
                var type = model.types.get(model.typeOfBay[b]);
                e += Math.max(0, soc[b] - type.minSoc()) * type.capacityKwh() * type.dischargeEfficiency();
            }
        }
        return e;
    }

    private static Integer[] candidates(int bays, boolean[] busy) {
        List<Integer> out = new ArrayList<>();
        for (int b = 0; b < bays; b++) {
            if (!busy[b]) {
                out.add(b);
            }
        }
        return out.toArray(new Integer[0]);
    }

    /** kWh from the grid, at full power, for the slots the pack still needs. */
    private double gridUse(int b, int[] need) {
        return model.types.get(model.typeOfBay[b]).maxChargeKw() * model.dt * need[b];
    }

    private static long slack(int b, int t, int[] deadline, int[] need) {
        return deadline[b] >= INF ? INF : (long) deadline[b] - t - need[b];
    }

    /**
     * Matches the type's packs, in order of the slots they still need, to its swaps after slot t; packs that swap in
     * slot t come back at the return SOC one slot later.
     */
    private void assignDeadlines(int k, int t, int[] node, double[] soc, PrimalState state, int[] deadline,
                                 int[] need) {
        int[] pool = model.baysOfType[k];
        long[] keyed = new long[pool.length];
        for (int i = 0; i < pool.length; i++) {
            int b = pool[i];
            int n = state.swap[b][t] ? 1 + needFrom[k][networks[k].returnLevel] : need(k, node[b], soc[b]);
            need[b] = state.swap[b][t] ? 0 : n;
            keyed[i] = ((long) n << 32) | i;
        }
        Arrays.sort(keyed);
        int u = t + 1;
        int left = u < model.slots ? model.demand[k][u] : 0;
        // the end readiness rule is a swap of R_k packs at the horizon's end: after the day's riders, the next R_k
        // packs are due ready by slot T
        int atEnd = model.minReadyAtEnd[k];
        for (long key : keyed) {
            int b = pool[(int) key];
            while (u < model.slots && left == 0) {
                u++;
                left = u < model.slots ? model.demand[k][u] : 0;
            }
            if (u < model.slots) {
                deadline[b] = u;
                left--;
            } else if (atEnd > 0) {
                deadline[b] = model.slots;
                atEnd--;
            } else {
                deadline[b] = INF;
            }
        }
    }

    /** The largest charging arc of at most {@code room} kW from the pack's node: its power, its target in arc[0]. */
    private double charge(int b, int node, double soc, double room, int[] arc) {
        return strongestCharge(movesFrom(model.typeOfBay[b], node, soc), room, arc);
    }

    /**
     * The discharging arc from the pack's node that covers {@code deficit} (a negative kW) with the least power, or
     * the strongest one when none covers it.
     */
    private double discharge(int b, int node, double soc, double deficit, double floor, int[] arc) {
        double[] moves = movesFrom(model.typeOfBay[b], node, soc);
        double strongest = 0;
        int strongestArc = -1;
        double cover = Double.NEGATIVE_INFINITY;
        int coverArc = -1;
        for (int m = 0; m < moves.length; m += 2) {
            double p = moves[m + 1];
            if (p >= 0 || p < floor - 1e-9) {
                continue;
            }
            if (p < strongest) {
                strongest = p;
                strongestArc = (int) moves[m];
            }
            if (p <= deficit + 1e-9 && p > cover) {
                cover = p;
                coverArc = (int) moves[m];
            }
        }
        if (coverArc >= 0) {
            arc[0] = coverArc;
            return cover;
        }
        if (strongestArc >= 0) {
            arc[0] = strongestArc;
        }
        return strongest;
    }

    private void move(PrimalState state, int b, int t, double p, int target, int[] node, double[] soc,
                      boolean[] busy) {
        PrimalNetwork net = networks[model.typeOfBay[b]];
        state.power[b][t] = p;
        node[b] = target;
        soc[b] = net.levels[target];
        busy[b] = true;
    }
}
