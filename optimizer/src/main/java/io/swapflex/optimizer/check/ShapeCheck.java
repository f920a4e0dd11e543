package io.swapflex.optimizer.check;

import io.swapflex.optimizer.contract.Bay;
import io.swapflex.optimizer.contract.BaySchedule;
import io.swapflex.optimizer.contract.DispatchRequest;
import io.swapflex.optimizer.contract.GridFlow;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.contract.Problem;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static io.swapflex.optimizer.check.Findings.n;
import static io.swapflex.optimizer.check.Findings.quote;

/**
 * The plan's shape and bookkeeping: format version, station id, one schedule per problem bay and no other, array
 * lengths, finite numbers, soc[0], unservedSwaps rows, accepted dispatch requests. Fills a {@link Resolved} with the
 * parts that the rule checks may read.
 */
final class ShapeCheck {

    private ShapeCheck() {
    }

    static Resolved resolve(Problem problem, Plan plan, Findings f) {
        Resolved r = new Resolved(problem);
        if (plan.formatVersion() != Problem.FORMAT_VERSION) {
            f.shape("formatVersion is " + plan.formatVersion() + ", expected " + Problem.FORMAT_VERSION);
        }
        if (!Objects.equals(plan.stationId(), problem.stationId())) {
            f.shape("stationId " + quote(plan.stationId()) + " is not the problem's " + quote(problem.stationId()));
        }
        grid(plan.grid(), r, f);
        bays(plan.bays(), r, f);
        unserved(plan.unservedSwaps(), r, f);
        requests(plan.acceptedDispatchRequests(), r, f);
        return r;
    }

    private static void grid(GridFlow grid, Resolved r, Findings f) {
        if (grid == null) {
            f.shape("grid is missing");
            return;
        }
        r.importKw = perSlot("grid.importKw", grid.importKw(), r.slots, null, false, f);
        r.exportKw = perSlot("grid.exportKw", grid.exportKw(), r.slots, null, false, f);
    }

    private static void bays(List<BaySchedule> list, Resolved r, Findings f) {
        Set<String> known = new HashSet<>();
        for (Bay bay : r.bays()) {
            known.add(bay.id());
        }
        if (list == null) {
            f.shape("bays is missing: the problem has " + known.size() + " bays");
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            BaySchedule s = list.get(i);
            if (s == null) {
                f.shape("bays[" + i + "] is null");
            } else if (s.id() == null) {
                f.shape("bays[" + i + "] has no id");
            } else if (!known.contains(s.id())) {
                f.shape("bay " + s.id() + " is not a bay of the problem");
            } else if (r.schedules.putIfAbsent(s.id(), s) != null) {
                f.shape("bay " + s.id() + " appears more than once (bays[" + i + "] is a repeat)");
            }
        }
        for (Bay bay : r.bays()) {
            BaySchedule s = r.schedules.get(bay.id());
            if (s == null) {
                f.shape("bay " + bay.id() + " is missing from the plan");
                continue;
            }
            if (perSlot("powerKw", s.powerKw(), r.slots, bay.id(), false, f) != null) {
                r.powerOk.add(bay.id());
            }
            double[] soc = perSlot("soc", s.soc(), r.slots + 1, bay.id(), true, f);
            if (soc != null) {
                r.socOk.add(bay.id());
                if (Math.abs(soc[0] - bay.soc()) > PlanChecker.ABS_TOL) {
                    f.hard("bay " + bay.id() + ": soc[0] " + n(soc[0]) + " is not the bay's initial SOC "
                            + n(bay.soc()));
                }
            }
            boolean[] swap = s.swapOut();
            if (swap == null) {
                f.shape("bay " + bay.id() + ": swapOut is missing");
            } else if (swap.length != r.slots) {
                f.shape("bay " + bay.id() + ": swapOut has " + swap.length + " values, expected " + r.slots
                        + " (one per slot)");
            } else {
                r.swapOk.add(bay.id());
            }
        }
    }

    /**
     * The array when it has {@code expected} finite values, else null after reporting what is wrong.
     *
     * @param bay        the bay the array belongs to, or null for the grid
     * @param boundaries true for SOC (values at slot boundaries, slots + 1 of them)
     */
    private static double[] perSlot(String field, double[] values, int expected, String bay, boolean boundaries,
                                    Findings f) {
        String owner = bay == null ? "" : "bay " + bay + ": ";
        if (values == null) {
            f.shape(owner + field + " is missing");
            return null;
        }
        if (values.length != expected) {
            f.shape(owner + field + " has " + values.length + " values, expected " + expected
                    + (boundaries ? " (slots + 1)" : " (one per slot)"));
            return null;
        }
        boolean finite = true;
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                finite = false;
                if (boundaries) {
                    f.shape(owner + field + "[" + i + "] is " + values[i] + ", must be a finite number");
                } else {
                    f.shape("slot " + i + (bay == null ? "" : " bay " + bay) + ": " + field + " is " + values[i]
                            + ", must be a finite number");
                }
            }
        }
        return finite ? values : null;
    }

    private static void unserved(Map<String, int[]> rows, Resolved r, Findings f) {
        if (rows == null) {
            return; // no rows: no unserved swaps of any type
        }
        for (Map.Entry<String, int[]> e : rows.entrySet()) {
            String type = e.getKey();
            int[] row = e.getValue();
            if (type == null || !r.types.containsKey(type)) {
                f.shape("unservedSwaps has a row for " + quote(type) + ", which is not a pack type of the problem");
            } else if (row == null) {
                f.shape("unservedSwaps." + type + " is missing its values");
                r.badUnserved.add(type);
            } else if (row.length != r.slots) {
                f.shape("unservedSwaps." + type + " has " + row.length + " values, expected " + r.slots
                        + " (one per slot)");
                r.badUnserved.add(type);
            } else {
                for (int t = 0; t < row.length; t++) {
                    if (row[t] < 0) {
                        f.shape("slot " + t + ": unservedSwaps." + type + " is " + row[t] + ", must be ≥ 0");
                    }
                }
                r.unserved.put(type, row);
            }
        }
    }

    private static void requests(List<String> accepted, Resolved r, Findings f) {
        Set<String> known = new HashSet<>();
        for (DispatchRequest request : r.requests()) {
            known.add(request.id());
        }
        Set<String> listed = new HashSet<>();
        if (accepted != null) {
            for (String id : accepted) {
                if (id == null || !known.contains(id)) {
                    f.bookkeeping("acceptedDispatchRequests names " + quote(id)
                            + ", which is not a dispatch request of the problem");
                } else if (!listed.add(id)) {
                    f.bookkeeping("acceptedDispatchRequests lists " + id + " more than once");
                }
            }
        }
        for (DispatchRequest request : r.requests()) {
            boolean firm = Boolean.TRUE.equals(request.firm());
            if (firm && !listed.contains(request.id())) {
                f.bookkeeping("firm request " + request.id() + " is missing from acceptedDispatchRequests"
                        + " (a firm request must be met, so it is always listed)");
            }
            if (firm || listed.contains(request.id())) {
                r.met.add(request);
            }
        }
    }
}
