package io.swapflex.optimizer.fleet;

import io.swapflex.optimizer.contract.Bay;
import io.swapflex.optimizer.contract.BaySchedule;
import io.swapflex.optimizer.contract.DispatchRequest;
import io.swapflex.optimizer.contract.PackType;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.optimizer.contract.Site;
import io.swapflex.optimizer.contract.Tariff;
import io.swapflex.optimizer.fleet.CouplingRows.Kind;
import io.swapflex.optimizer.fleet.CouplingRows.Row;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Shares from a joint plan (see {@link FleetPlanner}'s "Plans: shares from a joint plan"): a feeder's stations merged
 * into one station, planned as one, and the merged plan read back station by station, as the net-export flows the
 * first share round is cut from.
 *
 * <p>The merged station: every bay keeps its own station's pack type (the type renamed per station, so no pack serves
 * another station's riders, and the type's swap penalty made explicit); the site's limits, base loads and active-bay
 * limits are the stations' summed, its import limit per slot the least of that sum and the feeder's headroom (its
 * export likewise); its tariff the stations' averaged; its firm request per slot the larger of the stations' own firm
 * requests summed and the feeder's part of the fleet requests that name its stations (in proportion to the discharge
 * power of the request's stations it holds). The larger, not the sum: a station's export under its own request counts
 * towards a fleet request too (the fleet's row is on the stations' summed net export, as {@code FleetChecker} checks
 * it), so summing asked the merged plan for export that no rule asks for. Offers are dropped. It is a guide, not a
 * relaxation: the stations' own import limits are dropped, but the tariffs are averaged and the fleet request split
 * beforehand.
 */
public final class JointPlans {

    /** Between a bay's or pack type's own id and its station's id in a merged problem. */
    static final String AT = "@";
    /** Ids of the merged station's per-slot firm requests. */
    private static final String FIRM_PREFIX = "joint-firm-";

    private JointPlans() {
    }

    /** A feeder's stations as one: its import row, the stations (fleet indices) and the merged problem. */
    record Group(Row feeder, int[] members, Problem merged) {
    }

    /**
     * The feeders to plan jointly: each active import row whose stations hang on no other feeder (a station under two
     * feeders keeps its own plan's flows as its target), with its merged problem.
     */
    static List<Group> groups(List<Row> rows, List<Row> active, List<Problem> problems) {
        int n = problems.size();
        // the feeder each station hangs on, and whether it hangs on another too
        String[] feederOf = new String[n];
        boolean[] shared = new boolean[n];
        Map<String, Row> exportOf = new HashMap<>();
        for (Row r : rows) {
            if (r.kind == Kind.FEEDER_EXPORT) {
                exportOf.put(feederId(r), r);
            }
            if (r.kind == Kind.FEEDER_IMPORT || r.kind == Kind.FEEDER_EXPORT) {
                String id = feederId(r);
                for (int s : r.members) {
                    shared[s] |= feederOf[s] != null && !feederOf[s].equals(id);
                    feederOf[s] = id;
                }
            }
        }
        double[] discharge = new double[n];
        for (int s = 0; s < n; s++) {
            discharge[s] = problems.get(s).dischargeKw();
        }
        List<Group> out = new ArrayList<>();
        for (Row r : active) {
            if (r.kind != Kind.FEEDER_IMPORT || r.members.length < 2) {
                continue;
            }
            boolean alone = true;
            for (int s : r.members) {
                alone &= !shared[s];
            }
            if (!alone) {
                continue;
            }
            String id = feederId(r);
            out.add(new Group(r, r.members, merged(id, r, exportOf.get(id), rows, problems, discharge)));
        }
        return out;
    }

    /**
     * Every feeder of the fleet whose stations hang on no other feeder, merged as the planner merges it (see the class
     * comment), by feeder id in the fleet's order; for measurements ({@code FeederJoint}).
     */
    public static Map<String, Problem> mergedFeeders(FleetProblem fleet) {
        List<Row> rows = CouplingRows.of(fleet);
        Map<String, Problem> out = new LinkedHashMap<>();
        for (Group g : groups(rows, rows, fleet.stations())) {
            out.put(g.merged().stationId(), g.merged());
        }
        return out;
    }

    /** The feeder's id from one of its rows' ("feeder/import", "feeder/export"). */
    private static String feederId(Row r) {
        return r.id.substring(0, r.id.lastIndexOf('/'));
    }

    /** The feeder's stations as one station (see the class comment). */
    static Problem merged(String feederId, Row importRow, Row exportRow, List<Row> rows, List<Problem> problems,
                          double[] discharge) {
        int[] members = importRow.members;
        Problem first = problems.get(members[0]);
        int slots = first.slots();
        List<PackType> types = new ArrayList<>();
        List<Bay> bays = new ArrayList<>();
        Map<String, int[]> demand = new LinkedHashMap<>();
        double[] imp = new double[slots];
        double[] exp = new double[slots];
        double[] base = new double[slots];
        double[] importBySlot = new double[slots];
        double[] exportBySlot = new double[slots];
        double[] firm = new double[slots];
        double importLimit = 0;
        double exportLimit = 0;
        int active = 0;
        for (int s : members) {
            Problem p = problems.get(s);
            String at = AT + p.stationId();
            for (PackType t : p.packTypes()) {
                types.add(new PackType(t.id() + at, t.capacityKwh(), t.maxChargeKw(), t.maxDischargeKw(),
                        t.chargeEfficiency(), t.dischargeEfficiency(), t.minSoc(), t.maxSoc(), t.swapReadySoc(),
                        t.returnSoc(), t.degradationCostPerKwh(), t.swapPenalty(p.unservedSwapPenalty()),
                        t.endValuePerKwh(), t.minReadyAtEnd()));
                int[] row = new int[slots];
                for (int k = 0; k < slots; k++) {
                    row[k] = p.demand(t.id(), k);
                }
                demand.put(t.id() + at, row);
            }
            for (Bay b : p.bays()) {
                bays.add(new Bay(b.id() + at, b.packType() + at, b.soc()));
            }
            for (int k = 0; k < slots; k++) {
                imp[k] += p.tariff().importPricePerKwh()[k] / members.length;
                exp[k] += p.tariff().exportPricePerKwh()[k] / members.length;
                base[k] += p.site().baseLoadKw(k);
                importBySlot[k] += p.site().importLimitKw(k);
                exportBySlot[k] += p.site().exportLimitKw(k);
            }
            importLimit += p.site().gridImportLimitKw();
            exportLimit += p.site().gridExportLimitKw();
            active += p.site().activeBayLimit(p.bays().size());
            // a station's firm requests in one slot ask for the largest of them, as the station's own rules read them
            double[] own = new double[slots];
            for (DispatchRequest r : p.requests()) {
                if (r.isFirm()) {
                    for (int k = r.fromSlot(); k < r.toSlot(); k++) {
                        own[k] = Math.max(own[k], r.exportKw());
                    }
                }
            }
            for (int k = 0; k < slots; k++) {
                firm[k] += own[k];
            }
        }
        for (int k = 0; k < slots; k++) {
            importBySlot[k] = Math.max(0, Math.min(importBySlot[k], importRow.limit(k)));
            if (exportRow != null) {
                exportBySlot[k] = Math.max(0, Math.min(exportBySlot[k], exportRow.limit(k)));
            }
        }
        // the feeder's part of each fleet request that names its stations, by discharge power
        boolean[] inFeeder = new boolean[problems.size()];
        for (int s : members) {
            inFeeder[s] = true;
        }
        double[] fleetPart = new double[slots];
        for (Row r : rows) {
            if (r.kind != Kind.REQUEST) {
                continue;
            }
            double all = 0;
            double ours = 0;
            for (int s : r.members) {
                all += discharge[s];
                ours += inFeeder[s] ? discharge[s] : 0;
            }
            if (ours <= 0 || all <= 0) {
                continue;
            }
            for (int k = r.from; k < r.to; k++) {
                fleetPart[k] += r.limit(k) * ours / all;
            }
        }
        for (int k = 0; k < slots; k++) {
            firm[k] = Math.max(firm[k], fleetPart[k]);
        }
        List<DispatchRequest> requests = new ArrayList<>();
        for (int k = 0; k < slots; k++) {
            if (firm[k] > 1e-9) {
                requests.add(new DispatchRequest(FIRM_PREFIX + k, k, k + 1, firm[k], 0.0, true));
            }
        }
        return new Problem(first.formatVersion(), feederId, first.horizon(),
                new Site(importLimit, exportLimit, active, base, importBySlot, exportBySlot), types, bays, demand,
                new Tariff(first.tariff().currency(), imp, exp), requests, first.unservedSwapPenalty());
    }

    /**
     * Each member station's net export (export − import) per slot in the merged plan: its bays' power and its own
     * base load. Written into {@code x[s]} for every member s.
     */
    static void flows(Group g, Plan joint, List<Problem> problems, double[][] x) {
        Map<String, double[]> byId = new HashMap<>();
        for (BaySchedule b : joint.bays()) {
            byId.put(b.id(), b.powerKw());
        }
        for (int s : g.members()) {
            Problem p = problems.get(s);
            int slots = p.slots();
            double[] f = new double[slots];
            for (int k = 0; k < slots; k++) {
                f[k] = -p.site().baseLoadKw(k);
            }
            for (Bay b : p.bays()) {
                double[] power = byId.get(b.id() + AT + p.stationId());
                if (power != null) {
                    for (int k = 0; k < slots; k++) {
                        f[k] -= power[k];
                    }
                }
            }
            x[s] = f;
        }
    }
}
