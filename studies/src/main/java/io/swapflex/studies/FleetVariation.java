package io.swapflex.studies;

import io.swapflex.optimizer.contract.Problem;
import io.swapflex.optimizer.fleet.FleetProblem;
import io.swapflex.studies.whatif.Scenarios;
import io.swapflex.studies.whatif.WhatIfRequest;

import java.util.ArrayList;
import java.util.List;

/**
 * A scenario of a fleet study: the station vocabulary of {@link WhatIfRequest.Scenario} applied to every station (by
 * the service's own {@link Scenarios#apply}), and the fleet's own variations.
 *
 * @param feederLimitScale  every feeder's import and export limits times this (≥ 0)
 * @param fleetRequestScale every fleet request's {@code exportKw} times this (&gt; 0)
 */
public record FleetVariation(Double feederLimitScale, Double fleetRequestScale) {

    /** The fleet-only fields of a scenario, as the study file names them. */
    public static final List<String> FIELDS = List.of("feederLimitScale", "fleetRequestScale");

    /**
     * The fleet with the scenario's variations, or null when {@code errors} got any (each begins with {@code path}; a
     * station's error names the station).
     */
    FleetProblem apply(FleetProblem base, WhatIfRequest.Scenario station, String path, List<String> errors) {
        int before = errors.size();
        List<Problem> stations = new ArrayList<>(base.stations().size());
        for (Problem p : base.stations()) {
            Problem varied = Scenarios.apply(p, station, path + " (station " + p.stationId() + ")", errors);
            if (varied == null) {
                break; // the other stations would mostly repeat the same errors
            }
            stations.add(varied);
        }
        List<FleetProblem.Feeder> feeders = base.feeders();
        if (feederLimitScale != null && nonNegative(feederLimitScale, path + ".feederLimitScale", errors)
                && feeders != null) {
            feeders = feeders.stream().map(f -> new FleetProblem.Feeder(f.id(), f.stations(),
                    times(f.importLimitKw(), feederLimitScale), times(f.exportLimitKw(), feederLimitScale))).toList();
        }
        List<FleetProblem.FleetRequest> requests = base.dispatchRequests();
        if (fleetRequestScale != null) {
            if (!(fleetRequestScale > 0) || fleetRequestScale.isInfinite()) {
                errors.add(path + ".fleetRequestScale must be > 0, is " + fleetRequestScale);
            } else if (requests != null) {
                requests = requests.stream().map(r -> new FleetProblem.FleetRequest(r.id(), r.stations(),
                        r.fromSlot(), r.toSlot(), times(r.exportKw(), fleetRequestScale), r.rewardPerKwh())).toList();
            }
        }
        if (errors.size() > before) {
            return null;
        }
        return new FleetProblem(base.formatVersion(), base.fleetId(), stations, feeders, requests);
    }

    /** A fleet-only field used on a station base. */
    static void notAFleet(FleetVariation v, String path, List<String> errors) {
        if (v.feederLimitScale() != null) {
            errors.add(path + ".feederLimitScale applies to a fleet base only");
        }
        if (v.fleetRequestScale() != null) {
            errors.add(path + ".fleetRequestScale applies to a fleet base only");
        }
    }

    private static Double times(Double value, double factor) {
        return value == null ? null : value * factor;
    }

    private static boolean nonNegative(double value, String path, List<String> errors) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            errors.add(path + " must be ≥ 0, is " + value);
            return false;
        }
        return true;
    }
}
