package io.swapflex.optimizer.check;

import io.swapflex.optimizer.contract.Bay;
import io.swapflex.optimizer.contract.BaySchedule;
import io.swapflex.optimizer.contract.DispatchRequest;
import io.swapflex.optimizer.contract.PackType;
import io.swapflex.optimizer.contract.Problem;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A valid problem and the parts of a plan that {@link ShapeCheck} found usable: each usable array has exactly the
 * contract's length and only finite values. The rule checks read only these.
 */
final class Resolved {

    final Problem problem;
    final int slots;
    /** Δ, the slot length in hours. */
    final double dt;
    final Map<String, PackType> types = new HashMap<>();
    /** Problem bay id → the plan's (first) schedule for it. */
    final Map<String, BaySchedule> schedules = new HashMap<>();
    final Set<String> powerOk = new HashSet<>();
    final Set<String> socOk = new HashSet<>();
    final Set<String> swapOk = new HashSet<>();
    /** Null when missing or malformed. */
    double[] importKw;
    double[] exportKw;
    /** Usable unservedSwaps rows by pack type; a type without a row has no unserved swaps. */
    final Map<String, int[]> unserved = new HashMap<>();
    /** Pack types whose unservedSwaps row is present but unusable (null or wrongly sized). */
    final Set<String> badUnserved = new HashSet<>();
    /** The requests the plan must meet and is paid for: firm ones, and known offers it accepts. */
    final List<DispatchRequest> met = new ArrayList<>();

    Resolved(Problem problem) {
        this.problem = problem;
        this.slots = problem.horizon().slots();
        this.dt = problem.horizon().slotMinutes() / 60.0;
        for (PackType type : problem.packTypes()) {
            types.put(type.id(), type);
        }
    }

    List<Bay> bays() {
        return problem.bays();
    }

    boolean allPowerOk() {
        for (Bay bay : bays()) {
            if (!powerOk.contains(bay.id())) {
                return false;
            }
        }
        return true;
    }

    boolean allSocOk() {
        for (Bay bay : bays()) {
            if (!socOk.contains(bay.id())) {
                return false;
            }
        }
        return true;
    }

    double baseLoad(int t) {
        double[] base = problem.site().baseLoadKw();
        return base == null ? 0.0 : base[t];
    }

    int demand(String type, int t) {
        int[] row = problem.swapDemand() == null ? null : problem.swapDemand().get(type);
        return row == null ? 0 : row[t];
    }

    List<DispatchRequest> requests() {
        return problem.dispatchRequests() == null ? List.of() : problem.dispatchRequests();
    }
}
