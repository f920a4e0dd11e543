package io.swapflex.optimizer.fleet;

import io.swapflex.optimizer.contract.Horizon;
import io.swapflex.optimizer.contract.InvalidProblemException;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.optimizer.contract.ProblemLimits;
import io.swapflex.optimizer.contract.ProblemValidator;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Every error of a fleet problem at once, each naming its JSON path (a station's own errors under its index). Sizes
 * are checked against the {@link ProblemLimits} in force (stations, feeders and requests, bays × slots summed) before
 * the stations are looked at one by one; at most {@link ProblemValidator#MAX_ERRORS} errors are listed.
 */
public final class FleetValidator {

    /** Beyond this many stations (by default) one document is the wrong tool (split the fleet, or use the cluster). */
    public static final int MAX_STATIONS = ProblemLimits.DEFAULT.maxFleetStations();

    private FleetValidator() {
    }

    /** Every error under the limits in force. */
    public static List<String> errors(FleetProblem fleet) {
        return errors(fleet, ProblemLimits.current());
    }

    /** Every error under these limits. */
    public static List<String> errors(FleetProblem fleet, ProblemLimits limits) {
        List<String> errors = collect(fleet, limits);
        if (errors.size() > ProblemValidator.MAX_ERRORS) {
            int more = errors.size() - ProblemValidator.MAX_ERRORS;
            errors = new ArrayList<>(errors.subList(0, ProblemValidator.MAX_ERRORS));
            errors.add("$ has " + more + " more errors (the first " + ProblemValidator.MAX_ERRORS + " are listed)");
        }
        return errors;
    }

    private static List<String> collect(FleetProblem fleet, ProblemLimits limits) {
        List<String> errors = new ArrayList<>();
        if (fleet == null) {
            return List.of("$ empty document");
        }
        if (!Objects.equals(fleet.formatVersion(), FleetProblem.FORMAT_VERSION)) {
            errors.add("formatVersion must be " + FleetProblem.FORMAT_VERSION + ", is " + fleet.formatVersion());
        }
        if (fleet.fleetId() == null || fleet.fleetId().isBlank()) {
            errors.add("fleetId is required");
        }
        List<Problem> stations = fleet.stations();
        if (stations == null || stations.isEmpty()) {
            errors.add("stations needs at least one station");
            return errors;
        }
        if (stations.size() > limits.maxFleetStations()) {
            errors.add(tooMany("stations", stations.size(), limits.maxFleetStations(), "max-fleet-stations"));
            return errors;
        }
        int constraints = fleet.feederList().size() + fleet.requestList().size();
        if (constraints > limits.maxFleetConstraints()) {
            errors.add(tooMany("feeders", constraints, limits.maxFleetConstraints(), "max-fleet-constraints")
                    .replace(" entries,", " feeders and dispatchRequests,"));
            return errors;
        }
        long baySlots = 0;
        for (Problem p : stations) {
            if (p != null && p.bays() != null && p.horizon() != null && p.horizon().slots() != null) {
                baySlots += (long) p.bays().size() * Math.max(0, p.horizon().slots());
            }
        }
        if (baySlots > limits.maxFleetBaySlots()) {
            errors.add("stations have " + baySlots + " bays × slots in all, at most " + limits.maxFleetBaySlots()
                    + " allowed (" + ProblemLimits.PREFIX + "max-fleet-bay-slots)");
            return errors;
        }
        Set<String> ids = new HashSet<>();
        Horizon first = null;
        for (int i = 0; i < stations.size() && errors.size() <= ProblemValidator.MAX_ERRORS; i++) {
            String at = "stations[" + i + "]";
            Problem p = stations.get(i);
            if (p == null) {
                errors.add(at + " is null");
                continue;
            }
            for (String e : ProblemValidator.errors(p, limits)) {
                errors.add(at + "." + e);
            }
            for (int r = 0; p.dispatchRequests() != null && r < p.dispatchRequests().size(); r++) {
                var request = p.dispatchRequests().get(r);
                if (request != null && request.id() != null && request.id().startsWith(Shares.SHARE_PREFIX)) {
                    errors.add(at + ".dispatchRequests[" + r + "].id '" + request.id() + "': ids starting with '"
                            + Shares.SHARE_PREFIX + "' are the fleet's own");
                }
            }
            if (p.stationId() != null && !ids.add(p.stationId())) {
                errors.add(at + ".stationId '" + p.stationId() + "' is used by another station");
            }
            if (p.horizon() != null) {
                if (first == null) {
                    first = p.horizon();
                } else if (!first.equals(p.horizon())) {
                    errors.add(at + ".horizon every station of a fleet plans the same horizon (stations[0] has "
                            + first.start() + ", " + first.slotMinutes() + " min × " + first.slots() + ")");
                }
            }
        }
        int slots = first == null || first.slots() == null ? -1 : first.slots();
        List<FleetProblem.Feeder> feeders = fleet.feederList();
        Set<String> constraintIds = new HashSet<>();
        for (int i = 0; i < feeders.size(); i++) {
            String at = "feeders[" + i + "]";
            FleetProblem.Feeder f = feeders.get(i);
            if (f == null) {
                errors.add(at + " is null");
                continue;
            }
            id(at, f.id(), constraintIds, errors);
            members(at, f.stations(), ids, errors);
            if (f.importLimitKw() == null && f.exportLimitKw() == null && f.importLimitKwBySlot() == null
                    && f.exportLimitKwBySlot() == null) {
                errors.add(at + " needs importLimitKw, exportLimitKw or a per-slot one");
            }
            perSlot(at + ".importLimitKwBySlot", f.importLimitKwBySlot(), slots, errors);
            perSlot(at + ".exportLimitKwBySlot", f.exportLimitKwBySlot(), slots, errors);
            nonNegative(at + ".importLimitKw", f.importLimitKw(), errors);
            nonNegative(at + ".exportLimitKw", f.exportLimitKw(), errors);
        }
        List<FleetProblem.FleetRequest> requests = fleet.requestList();
        for (int i = 0; i < requests.size(); i++) {
            String at = "dispatchRequests[" + i + "]";
            FleetProblem.FleetRequest r = requests.get(i);
            if (r == null) {
                errors.add(at + " is null");
                continue;
            }
            id(at, r.id(), constraintIds, errors);
            if (r.stations() != null) {
                members(at, r.stations(), ids, errors);
            }
            if (r.fromSlot() == null || r.toSlot() == null) {
                errors.add(at + " fromSlot and toSlot are required");
            } else if (r.fromSlot() < 0 || r.toSlot() <= r.fromSlot() || (slots > 0 && r.toSlot() > slots)) {
                errors.add(at + " window [" + r.fromSlot() + ", " + r.toSlot() + ") must be non-empty and inside [0, "
                        + slots + ")");
            }
            if (r.exportKw() == null || !Double.isFinite(r.exportKw()) || r.exportKw() <= 0) {
                errors.add(at + ".exportKw must be a number > 0, is " + r.exportKw());
            }
            if (r.rewardPerKwh() != null && !Double.isFinite(r.rewardPerKwh())) {
                errors.add(at + ".rewardPerKwh must be finite");
            }
        }
        return errors;
    }

    public static FleetProblem requireValid(FleetProblem fleet) {
        List<String> errors = errors(fleet);
        if (!errors.isEmpty()) {
            throw new InvalidProblemException(errors);
        }
        return fleet;
    }

    private static String tooMany(String path, long count, long limit, String setting) {
        return path + " has " + count + " entries, at most " + limit + " allowed (" + ProblemLimits.PREFIX + setting + ")";
    }

    private static void id(String at, String id, Set<String> seen, List<String> errors) {
        if (id == null || id.isBlank()) {
            errors.add(at + ".id is required");
        } else if (!seen.add(id)) {
            errors.add(at + ".id '" + id + "' is used by another feeder or request");
        }
    }

    private static void members(String at, List<String> members, Set<String> ids, List<String> errors) {
        if (members == null || members.isEmpty()) {
            errors.add(at + ".stations needs at least one station");
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int j = 0; j < members.size(); j++) {
            String s = members.get(j);
            if (!ids.contains(s)) {
                errors.add(at + ".stations[" + j + "] no station '" + s + "' in the fleet");
            } else if (!seen.add(s)) {
                errors.add(at + ".stations[" + j + "] '" + s + "' is named twice");
            }
        }
    }

    private static void perSlot(String at, double[] values, int slots, List<String> errors) {
        if (values == null) {
            return;
        }
        if (slots > 0 && values.length != slots) {
            errors.add(at + " has " + values.length + " values, the horizon has " + slots + " slots");
        }
        for (int t = 0; t < values.length; t++) {
            if (!Double.isFinite(values[t]) || values[t] < 0) {
                errors.add(at + "[" + t + "] must be a finite number ≥ 0, is " + values[t]);
            }
        }
    }

    private static void nonNegative(String at, Double v, List<String> errors) {
        if (v != null && (!Double.isFinite(v) || v < 0)) {
            errors.add(at + " must be a finite number ≥ 0, is " + v);
        }
    }
}
