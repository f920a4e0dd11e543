package io.swapflex.optimizer.fleet;

import io.swapflex.optimizer.contract.DispatchRequest;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.optimizer.contract.Site;
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
     * One row in one slot shared out from the target flows: met rows leave every station at or below its own flow,
     * a shortfall or an excess goes to the stations with room, in proportion to it.
     */
    static void shareRow(Row r, int t, double[][] x, double[][] room,
                                 double[][] importLimit, double[][] lo, double[][] hi, boolean proportional) {
        int m = r.members.length;
        double sum = 0;
        for (int s : r.members) {
            sum += x[s][t];
        }
        switch (r.kind) {
            case REQUEST -> {
                // floors a_s with Σ a_s = R
                double need = r.limit(t) - sum;
                double[] extra = new double[m];
                if (need > 0) {
                    toRoom(extra, r, t, x, room, need);
                } else {
                    Arrays.fill(extra, need / m); // every station a little below its own flow
                }
                for (int i = 0; i < m; i++) {
                    int s = r.members[i];
                    lo[s][t] = Math.max(lo[s][t], x[s][t] + extra[i]);
                }
            }
            case FEEDER_IMPORT -> {
                // net-import caps l_s with Σ l_s = I, i.e. floors −l_s on the net export
                if (proportional) {
                    // first round: the feeder's limit in proportion to the stations' own import limits, in every
                    // slot: each station plans its whole day around its part (measured on 30 stations: +76 missed
                    // swaps over the stations alone, against +500 for caps cut from one snapshot of the flows)
                    double total = 0;
                    for (int s : r.members) {
                        total += importLimit[s][t];
                    }
                    for (int s : r.members) {
                        double part = total <= 0 ? r.limit(t) / m : r.limit(t) * importLimit[s][t] / total;
                        lo[s][t] = Math.max(lo[s][t], -part);
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
