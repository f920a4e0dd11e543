package io.swapflex.service.dispatch;

import io.swapflex.optimizer.contract.InvalidProblemException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.swapflex.service.common.rest.Requests.collect;
import static io.swapflex.service.common.rest.Requests.instant;
import static io.swapflex.service.common.rest.Requests.read;

/** The body of a dispatch request, read strictly into a {@link DispatchService.Order}. */
final class DispatchRequests {

    /**
     * The body of {@code POST /api/v1/dispatch-requests}: a window (RFC 3339, on the stations' slot boundaries), the
     * net export to hold in every slot of it, the reward, whether it is firm, and one {@code stationId} or a list of
     * {@code stations} to spread it over.
     */
    public record DispatchBody(String stationId, List<String> stations, String from, String to, Double exportKw,
                               Double rewardPerKwh, Boolean firm) {
    }

    private DispatchRequests() {
    }

    /**
     * A dispatch request, checked field by field (every error at once, each with its path).
     *
     * @param requestedBy who sends it (the token's subject)
     */
    static DispatchService.Order dispatch(String body, String requestedBy) {
        DispatchBody d = read(body, DispatchBody.class, "a dispatch request is {\"stationId\": ..., \"from\": ..., "
                + "\"to\": ..., \"exportKw\": ..., \"rewardPerKwh\": ..., \"firm\": true}");
        List<String> errors = new ArrayList<>();
        List<String> stations = new ArrayList<>();
        if (d.stationId() != null && d.stations() != null) {
            errors.add("stations: give stationId or stations, not both");
        } else if (d.stationId() != null) {
            if (d.stationId().isBlank()) {
                errors.add("stationId must not be blank");
            }
            stations.add(d.stationId());
        } else if (d.stations() != null) {
            if (d.stations().isEmpty()) {
                errors.add("stations must name at least one station");
            }
            for (int i = 0; i < d.stations().size(); i++) {
                String id = d.stations().get(i);
                if (id == null || id.isBlank()) {
                    errors.add("stations[" + i + "] must be a station id");
                } else if (stations.contains(id)) {
                    errors.add("stations[" + i + "] '" + id + "' is named twice");
                } else {
                    stations.add(id);
                }
            }
        } else {
            errors.add("stationId is required (or stations, a list of station ids to spread the request over)");
        }
        Instant from = null;
        Instant to = null;
        if (d.from() == null || d.from().isBlank()) {
            errors.add("from is required (RFC 3339, on a slot boundary)");
        } else {
            from = collect(errors, () -> instant(d.from(), "from"));
        }
        if (d.to() == null || d.to().isBlank()) {
            errors.add("to is required (RFC 3339, on a slot boundary)");
        } else {
            to = collect(errors, () -> instant(d.to(), "to"));
        }
        if (from != null && to != null && !from.isBefore(to)) {
            errors.add("to must be after from (" + d.from() + " ≥ " + d.to() + ")");
        }
        if (d.exportKw() == null) {
            errors.add("exportKw is required: the net export (kW) to hold in every slot of the window");
        } else if (!(d.exportKw() > 0) || d.exportKw().isInfinite()) {
            errors.add("exportKw must be a positive number of kW, is " + d.exportKw());
        }
        if (d.rewardPerKwh() != null && (!(d.rewardPerKwh() >= 0) || d.rewardPerKwh().isInfinite())) {
            errors.add("rewardPerKwh must be ≥ 0, is " + d.rewardPerKwh());
        }
        if (d.firm() == null) {
            errors.add("firm is required: true (must be met) or false (an offer the plan may accept)");
        }
        if (!errors.isEmpty()) {
            throw new InvalidProblemException(errors);
        }
        return new DispatchService.Order(stations, from, to, d.exportKw(),
                d.rewardPerKwh() == null ? 0.0 : d.rewardPerKwh(), d.firm(), requestedBy);
    }
}
