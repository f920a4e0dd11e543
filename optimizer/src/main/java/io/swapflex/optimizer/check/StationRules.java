package io.swapflex.optimizer.check;

import io.swapflex.optimizer.contract.Bay;
import io.swapflex.optimizer.contract.DispatchRequest;
import io.swapflex.optimizer.contract.PackType;
import io.swapflex.optimizer.contract.Site;

import java.util.ArrayList;
import java.util.List;

import static io.swapflex.optimizer.check.Findings.n;
import static io.swapflex.optimizer.check.PlanChecker.ABS_TOL;

/** Rules 4–7, slot by slot across the station: swap demand, active bays, grid, dispatch requests. */
final class StationRules {

    /** How many bay ids a message about active bays names before it says "…". */
    private static final int IDS_NAMED = 10;

    private StationRules() {
    }

    static void check(Resolved r, Findings f) {
        swaps(r, f);
        activeBays(r, f);
        grid(r, f);
        dispatch(r, f);
        endReadiness(r, f);
    }

    /** Rule 9: per type, the bays with soc[slots] ≥ swapReadySoc number at least minReadyAtEnd. */
    private static void endReadiness(Resolved r, Findings f) {
        for (PackType k : r.problem.packTypes()) {
            if (k.minReadyAtEnd() == null || k.minReadyAtEnd() <= 0) {
                continue;
            }
            int ready = 0;
            boolean usable = true;
            for (Bay bay : r.bays()) {
                if (!k.id().equals(bay.packType())) {
                    continue;
                }
                if (!r.socOk.contains(bay.id())) {
                    usable = false;
                    break;
                }
                if (r.schedules.get(bay.id()).soc()[r.slots] >= k.swapReadySoc() - ABS_TOL) {
                    ready++;
                }
            }
            if (!usable) {
                f.skipped("rule 9 (end readiness) for pack type " + k.id());
            } else if (ready < k.minReadyAtEnd()) {
                f.hard("end of horizon: " + ready + " bays of pack type " + k.id() + " swap-ready, minReadyAtEnd is "
                        + k.minReadyAtEnd() + " (short " + (k.minReadyAtEnd() - ready) + ")");
            }
        }
    }

    /** Rule 4: per type and slot, Σ_bays swapOut + unservedSwaps = swapDemand. */
    private static void swaps(Resolved r, Findings f) {
        for (PackType k : r.problem.packTypes()) {
            List<boolean[]> swaps = new ArrayList<>();
            boolean usable = !r.badUnserved.contains(k.id());
            for (Bay bay : r.bays()) {
                if (k.id().equals(bay.packType())) {
                    if (r.swapOk.contains(bay.id())) {
                        swaps.add(r.schedules.get(bay.id()).swapOut());
                    } else {
                        usable = false;
                    }
                }
            }
            if (!usable) {
                f.skipped("rule 4 (swap demand) for pack type " + k.id());
                continue;
            }
            int[] unserved = r.unserved.get(k.id());
            for (int t = 0; t < r.slots; t++) {
                int served = 0;
                for (boolean[] swap : swaps) {
                    served += swap[t] ? 1 : 0;
                }
                int missed = unserved == null ? 0 : unserved[t];
                int demand = r.demand(k.id(), t);
                if (served + missed != demand) {
                    f.hard("slot " + t + " pack type " + k.id() + ": " + served + " swaps served + " + missed
                            + " unserved, but the demand is " + demand);
                }
            }
        }
    }

    /** Rule 5: bays with |powerKw| > 1e-5 are active; at most maxActiveBays of them per slot (null: no limit). */
    private static void activeBays(Resolved r, Findings f) {
        Integer max = r.problem.site().maxActiveBays();
        if (max == null) {
            return;
        }
        if (!r.allPowerOk()) {
            f.skipped("rule 5 (active bays)");
            return;
        }
        for (int t = 0; t < r.slots; t++) {
            List<String> active = new ArrayList<>();
            for (Bay bay : r.bays()) {
                if (Math.abs(r.schedules.get(bay.id()).powerKw()[t]) > ABS_TOL) {
                    active.add(bay.id());
                }
            }
            if (active.size() > max) {
                String named = active.size() <= IDS_NAMED ? String.join(", ", active)
                        : String.join(", ", active.subList(0, IDS_NAMED)) + ", …";
                f.hard("slot " + t + ": " + active.size() + " bays active (" + named + "), maxActiveBays is " + max);
            }
        }
    }

    /** Rule 6: grid balance, limits, one meter direction per slot. */
    private static void grid(Resolved r, Findings f) {
        double[] in = r.importKw;
        double[] out = r.exportKw;
        if (in == null || out == null) {
            f.skipped("rule 6 (grid)");
            return;
        }
        Site site = r.problem.site();
        boolean balance = r.allPowerOk();
        if (!balance) {
            f.skipped("rule 6 (grid balance)");
        }
        for (int t = 0; t < r.slots; t++) {
            String at = "slot " + t + ": ";
            limit(at, "import", in[t], site.gridImportLimitKw(), "gridImportLimitKw", f);
            limit(at, "export", out[t], site.gridExportLimitKw(), "gridExportLimitKw", f);
            // the optional per-slot limits are checked on their own, so a finding names the one broken
            double[] inBySlot = site.gridImportLimitKwBySlot();
            double[] outBySlot = site.gridExportLimitKwBySlot();
            if (inBySlot != null && t < inBySlot.length && in[t] <= site.gridImportLimitKw() + ABS_TOL) {
                limit(at, "import", in[t], inBySlot[t], "gridImportLimitKwBySlot[" + t + "]", f);
            }
            if (outBySlot != null && t < outBySlot.length && out[t] <= site.gridExportLimitKw() + ABS_TOL) {
                limit(at, "export", out[t], outBySlot[t], "gridExportLimitKwBySlot[" + t + "]", f);
            }
            if (Math.min(in[t], out[t]) > ABS_TOL) {
                f.hard(at + "import " + n(in[t]) + " kW and export " + n(out[t])
                        + " kW in the same slot (one meter direction per slot)");
            }
            if (balance) {
                double bays = 0;
                for (Bay bay : r.bays()) {
                    bays += r.schedules.get(bay.id()).powerKw()[t];
                }
                double base = r.baseLoad(t);
                if (Math.abs(in[t] - out[t] - (base + bays)) > ABS_TOL) {
                    f.hard(at + "grid balance off: import " + n(in[t]) + " − export " + n(out[t]) + " = "
                            + n(in[t] - out[t]) + " kW, but base load " + n(base) + " + bay power " + n(bays) + " = "
                            + n(base + bays) + " kW");
                }
            }
        }
    }

    private static void limit(String at, String flow, double kw, double limit, String limitName, Findings f) {
        if (kw < -ABS_TOL) {
            f.hard(at + flow + "Kw " + n(kw) + " is negative");
        } else if (kw > limit + ABS_TOL) {
            f.hard(at + flow + " " + n(kw) + " kW exceeds " + limitName + " " + n(limit));
        }
    }

    /** Rule 7: firm and accepted requests, exportKw[t] − importKw[t] ≥ request.exportKw over the window. */
    private static void dispatch(Resolved r, Findings f) {
        if (r.importKw == null || r.exportKw == null) {
            if (!r.met.isEmpty()) {
                f.skipped("rule 7 (dispatch requests)");
            }
            return;
        }
        for (DispatchRequest request : r.met) {
            String kind = Boolean.TRUE.equals(request.firm()) ? "firm request " : "accepted offer ";
            for (int t = request.fromSlot(); t < request.toSlot(); t++) {
                double net = r.exportKw[t] - r.importKw[t];
                if (net < request.exportKw() - ABS_TOL) {
                    f.hard("slot " + t + ": net export " + n(net) + " kW below " + kind + request.id() + "'s "
                            + n(request.exportKw()) + " kW");
                }
            }
        }
    }
}
