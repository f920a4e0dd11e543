package io.swapflex.optimizer.fleet;

import io.swapflex.optimizer.contract.DispatchRequest;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.optimizer.contract.Site;
import io.swapflex.optimizer.fleet.CouplingRows.Kind;
import io.swapflex.optimizer.fleet.CouplingRows.Row;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.swapflex.optimizer.fleet.CouplingRows.TOL_KW;

/**
 * A row shared out as one bound per station and slot (see {@link FleetPlanner}'s "Plans: shares"), and the station's
 * problem with its shares as contract constraints.
 */
final class Shares {

    /** Ids of the firm requests that carry a station's fleet shares (never a station's own). */
    static final String SHARE_PREFIX = "fleet-share-";

    private Shares() {
    }

    static boolean breaksShares(Plan p, double[] lo, double[] hi, int slots) {
        double[] f = StationPlans.flow(p, slots);
        for (int t = 0; t < slots; t++) {
            if (f[t] < lo[t] - TOL_KW || f[t] > hi[t] + TOL_KW) {
                return true;
            }
        }
        return false;
    }

    /**
     * How the first round splits a feeder's import headroom in a slot among its stations (see {@link FleetPlanner}'s
     * "Plans: shares").
     */
    enum Split {
        /** In proportion to the stations' own import limits, whatever each needs in that slot. */
        PROPORTIONAL,
        /**
         * By need: each station its own plan's net import in that slot (within its import limit), scaled down to the
         * headroom when they sum to more; headroom left over goes in proportion to the room each has above its need.
         */
        NEED
    }

    /**
     * One row in one slot shared out from the target flows: met rows leave every station at or below its own flow,
     * a shortfall or an excess goes to the stations with room, in proportion to it. In the first round
     * ({@code split} not null) a feeder's import limit is split afresh by {@link #feederParts}.
     */
    static void shareRow(Row r, int t, double[][] x, double[][] room, double[][] importLimit, double[][] lo,
                         double[][] hi, Split split) {
        int m = r.members.length;
        double sum = 0;
        for (int s : r.members) {
            sum += x[s][t];
        }
        switch (r.kind) {
            case REQUEST -> {
                // floors a_s with Σ a_s = R
                double shortfall = r.limit(t) - sum;
                double[] extra = new double[m];
                if (shortfall > 0) {
                    toRoom(extra, r, t, x, room, shortfall);
                } else {
                    Arrays.fill(extra, shortfall / m); // every station a little below its own flow
                }
                for (int i = 0; i < m; i++) {
                    int s = r.members[i];
                    lo[s][t] = Math.max(lo[s][t], x[s][t] + extra[i]);
                }
            }
            case FEEDER_IMPORT -> {
                // net-import caps l_s with Σ l_s = I, i.e. floors −l_s on the net export
                if (split != null) {
                    double[] part = feederParts(r, t, x, importLimit, split);
                    for (int i = 0; i < m; i++) {
                        int s = r.members[i];
                        lo[s][t] = Math.max(lo[s][t], -part[i]);
                    }
                    return;
                }
                double excess = -sum - r.limit(t);
                double[] cut = new double[m];
                if (excess > 0) {
                    // a station can lower its net import as far as it can export (room): the same room as above
                    toRoom(cut, r, t, x, room, excess);
                } else {
                    // the feeder's headroom goes to the stations in proportion to their own room to import more,
                    // so that a station cut elsewhere can move its charging here
                    double[] headroom = new double[m];
                    for (int i = 0; i < m; i++) {
                        int s = r.members[i];
                        headroom[i] = Math.max(0, importLimit[s][t] + x[s][t]);
                    }
                    fill(cut, headroom, -excess);
                    for (int i = 0; i < m; i++) {
                        cut[i] = -cut[i];
                    }
                }
                for (int i = 0; i < m; i++) {
                    int s = r.members[i];
                    lo[s][t] = Math.max(lo[s][t], x[s][t] + cut[i]);
                }
            }
            case FEEDER_EXPORT -> {
                double excess = sum - r.limit(t);
                double[] cut = new double[m];
                if (excess > 0) {
                    double[] weight = new double[m];
                    for (int i = 0; i < m; i++) {
                        weight[i] = Math.max(0, x[r.members[i]][t]);
                    }
                    fill(cut, weight, excess);
                } else {
                    Arrays.fill(cut, excess / m);
                }
                for (int i = 0; i < m; i++) {
                    int s = r.members[i];
                    hi[s][t] = Math.min(hi[s][t], Math.max(0, x[s][t] - cut[i]));
                }
            }
        }
    }

    /**
     * A feeder's import limit I in slot t split into the stations' caps l_s, Σ l_s = I. {@link Split#PROPORTIONAL}:
     * l_s = I · L_s / Σ L (L_s the station's own import limit). {@link Split#NEED}: with n_s = min(L_s, max(0, −x_s))
     * the station's net import in its own plan x, l_s = I · n_s / Σ n when Σ n ≥ I, else
     * l_s = n_s + (I − Σ n) · (L_s − n_s) / Σ (L − n) (so l_s = L_s wherever I ≥ Σ L: no cap).
     */
    static double[] feederParts(Row r, int t, double[][] x, double[][] importLimit, Split split) {
        int m = r.members.length;
        double limit = r.limit(t);
        double[] part = new double[m];
        double total = 0;
        for (int s : r.members) {
            total += importLimit[s][t];
        }
        if (split == Split.PROPORTIONAL) {
            // measured on 30 stations: +76 missed swaps over the stations alone, against +500 for caps cut from one
            // snapshot of the flows
            for (int i = 0; i < m; i++) {
                part[i] = total <= 0 ? limit / m : limit * importLimit[r.members[i]][t] / total;
            }
            return part;
        }
        double[] need = new double[m];
        double[] above = new double[m];
        double needSum = 0;
        double aboveSum = 0;
        for (int i = 0; i < m; i++) {
            int s = r.members[i];
            need[i] = Math.min(importLimit[s][t], Math.max(0, -x[s][t]));
            above[i] = Math.max(0, importLimit[s][t] - need[i]);
            needSum += need[i];
            aboveSum += above[i];
        }
        if (needSum >= limit) {
            for (int i = 0; i < m; i++) {
                part[i] = needSum <= 0 ? limit / m : limit * need[i] / needSum;
            }
            return part;
        }
        double spare = limit - needSum;
        for (int i = 0; i < m; i++) {
            part[i] = need[i] + (aboveSum <= 1e-12 ? spare / m : spare * above[i] / aboveSum);
        }
        return part;
    }

    /** Slots ahead of a slot whose unserved swaps weigh a station's claim to headroom in it. */
    static final int AHEAD_SLOTS = 16;

    /**
     * Hands the headroom the stations leave unused under their feeders to the stations that miss swaps, and returns
     * them (to be re-planned with {@code lo}, {@code hi}); the others keep their plans. Safe by construction: in a
     * feeder's slot t the free headroom is F = I − Σ_{kept} y_s − Σ_{recipients} max(0, y_s) (y = −x the plans' net
     * imports); each recipient may import max(0, y_s(t)) + e_s(t) with Σ e_s ≤ F, so whatever the re-plans of any of
     * them do, the row holds. e_s is F water-filled in proportion to the swaps s misses in [t, t + {@value
     * #AHEAD_SLOTS}), each at most its own import limit's room (the least over its feeders). In a request's window a
     * recipient keeps at least its net export; under an export row it exports at most what it does (or nothing).
     * Stations marked {@code stuck} (a re-plan with more headroom did not improve them) get nothing.
     */
    static List<Integer> redistribute(List<Row> active, Plan[] plans, double[][] x, double[][] importLimit,
                                      boolean[] stuck, double[][] lo, double[][] hi, int slots) {
        int n = plans.length;
        double[][] ahead = new double[n][];
        boolean[] recipient = new boolean[n];
        boolean[] inFeeder = new boolean[n];
        for (Row r : active) {
            if (r.kind == Kind.FEEDER_IMPORT) {
                for (int s : r.members) {
                    inFeeder[s] = true;
                }
            }
        }
        for (int s = 0; s < n; s++) {
            if (!inFeeder[s] || stuck[s]) {
                continue;
            }
            double[] missed = new double[slots];
            for (int[] row : plans[s].unservedSwaps().values()) {
                for (int t = 0; t < slots; t++) {
                    missed[t] += row[t];
                }
            }
            // swaps missed in [t, t + AHEAD_SLOTS), by a running sum from the end
            double[] w = new double[slots];
            double run = 0;
            for (int t = slots - 1; t >= 0; t--) {
                run += missed[t];
                if (t + AHEAD_SLOTS < slots) {
                    run -= missed[t + AHEAD_SLOTS];
                }
                w[t] = run;
            }
            if (Arrays.stream(w).anyMatch(v -> v > 0)) {
                ahead[s] = w;
                recipient[s] = true;
            }
        }
        double[][] extra = new double[n][slots];
        for (int s = 0; s < n; s++) {
            if (recipient[s]) {
                Arrays.fill(extra[s], Double.POSITIVE_INFINITY);
            }
        }
        for (Row r : active) {
            if (r.kind != Kind.FEEDER_IMPORT) {
                continue;
            }
            int m = r.members.length;
            for (int t = r.from; t < r.to; t++) {
                double free = r.limit(t);
                double[] weight = new double[m];
                double[] cap = new double[m];
                for (int i = 0; i < m; i++) {
                    int s = r.members[i];
                    double imports = -x[s][t];
                    if (recipient[s]) {
                        free -= Math.max(0, imports);
                        weight[i] = ahead[s][t];
                        cap[i] = Math.max(0, importLimit[s][t] - Math.max(0, imports));
                    } else {
                        free -= imports;
                    }
                }
                double[] part = new double[m];
                if (free > TOL_KW * m) {
                    fillWeighted(part, weight, cap, free * (1 - 1e-9));
                }
                for (int i = 0; i < m; i++) {
                    int s = r.members[i];
                    if (recipient[s]) {
                        extra[s][t] = Math.min(extra[s][t], part[i]);
                    }
                }
            }
        }
        for (Row r : active) {
            if (r.kind == Kind.REQUEST) {
                for (int s : r.members) {
                    for (int t = r.from; t < r.to; t++) {
                        if (recipient[s]) {
                            extra[s][t] = 0;
                        }
                    }
                }
            }
        }
        List<Integer> out = new ArrayList<>();
        boolean[] given = new boolean[n];
        for (int s = 0; s < n; s++) {
            if (!recipient[s]) {
                continue;
            }
            double sum = 0;
            for (int t = 0; t < slots; t++) {
                if (Double.isFinite(extra[s][t])) {
                    sum += extra[s][t];
                }
            }
            if (sum <= TOL_KW * slots) {
                continue; // nothing to give it
            }
            out.add(s);
            given[s] = true;
            for (int t = 0; t < slots; t++) {
                lo[s][t] = Double.isFinite(extra[s][t]) ? Math.min(x[s][t], 0) - extra[s][t]
                        : Double.NEGATIVE_INFINITY;
                hi[s][t] = Double.POSITIVE_INFINITY;
            }
        }
        for (Row r : active) {
            for (int s : r.members) {
                if (!given[s]) {
                    continue;
                }
                for (int t = r.from; t < r.to; t++) {
                    if (r.kind == Kind.REQUEST) {
                        lo[s][t] = Math.max(lo[s][t], x[s][t]);
                    } else if (r.kind == Kind.FEEDER_EXPORT) {
                        hi[s][t] = Math.min(hi[s][t], Math.max(0, x[s][t]));
                    }
                }
            }
        }
        return out;
    }

    /** amount spread over the entries in proportion to weight, each at most its cap (what the caps leave is not given). */
    private static void fillWeighted(double[] out, double[] weight, double[] cap, double amount) {
        boolean[] full = new boolean[out.length];
        double left = amount;
        for (int pass = 0; pass < out.length && left > 1e-9; pass++) {
            double wSum = 0;
            for (int i = 0; i < out.length; i++) {
                if (!full[i] && weight[i] > 0) {
                    wSum += weight[i];
                }
            }
            if (wSum <= 0) {
                return;
            }
            double given = 0;
            for (int i = 0; i < out.length; i++) {
                if (full[i] || weight[i] <= 0) {
                    continue;
                }
                double add = Math.min(left * weight[i] / wSum, cap[i] - out[i]);
                out[i] += add;
                given += add;
                if (out[i] >= cap[i] - 1e-12) {
                    full[i] = true;
                }
            }
            left -= given;
        }
    }

    /**
     * A shortfall of a row in a slot (more net export wanted) shared out in proportion to each station's room to export
     * more than it does, each at most its room; what is left beyond every room evenly (the re-plans will say who cannot).
     */
    private static void toRoom(double[] out, Row r, int t, double[][] x, double[][] room, double amount) {
        double[] spare = new double[r.members.length];
        for (int i = 0; i < spare.length; i++) {
            int s = r.members[i];
            spare[i] = Math.max(0, room[s][t] - x[s][t]);
        }
        fill(out, spare, amount);
    }

    /** Spreads amount over the entries in proportion to their caps (water-filling), each at most its cap. */
    private static void fill(double[] out, double[] cap, double amount) {
        double capSum = 0;
        for (double c : cap) {
            capSum += c;
        }
        if (capSum <= 1e-12) {
            Arrays.fill(out, amount / out.length); // nobody has room: an even share, the re-plans will tell
            return;
        }
        double share = Math.min(1.0, amount / capSum);
        for (int i = 0; i < out.length; i++) {
            out[i] = share * cap[i];
        }
        double left = amount - share * capSum;
        if (left > 1e-9) {
            for (int i = 0; i < out.length; i++) {
                out[i] += left / out.length; // beyond every station's room: spread, and reported if missed
            }
        }
    }

    /**
     * The station with its shares as contract constraints: a net-export floor above 0 is a firm request for that slot,
     * one at or below 0 an import cap, a net-export ceiling an export cap.
     */
    static Problem withShares(Problem p, double[] lo, double[] hi) {
        int slots = p.slots();
        Site site = p.site();
        double[] imp = new double[slots];
        double[] exp = new double[slots];
        boolean anyImp = false;
        boolean anyExp = false;
        List<DispatchRequest> requests = new ArrayList<>(p.requests());
        for (int t = 0; t < slots; t++) {
            imp[t] = site.importLimitKw(t);
            exp[t] = site.exportLimitKw(t);
            if (lo[t] > 1e-9) {
                requests.add(new DispatchRequest(SHARE_PREFIX + t, t, t + 1, lo[t], 0.0, true));
            } else if (lo[t] > Double.NEGATIVE_INFINITY && -lo[t] < imp[t]) {
                imp[t] = Math.max(0, -lo[t]);
                anyImp = true;
            }
            if (hi[t] < exp[t]) {
                exp[t] = Math.max(0, hi[t]);
                anyExp = true;
            }
        }
        Site constrained = new Site(site.gridImportLimitKw(), site.gridExportLimitKw(), site.maxActiveBays(),
                site.baseLoadKw(), anyImp ? imp : site.gridImportLimitKwBySlot(),
                anyExp ? exp : site.gridExportLimitKwBySlot());
        return new Problem(p.formatVersion(), p.stationId(), p.horizon(), constrained, p.packTypes(), p.bays(),
                p.swapDemand(), p.tariff(), requests, p.unservedSwapPenalty());
    }
}
