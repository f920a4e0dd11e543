package io.swapflex.service.dispatch;

import java.time.Instant;
import java.util.List;

/**
 * An accepted dispatch request as stored: the operator's window and kW, and the share each station delivers.
 *
 * @param firm        as the operator sent it; an accepted offer ({@code firm = false}) is a commitment from then on and
 *                    is planned as firm
 * @param requestedBy the token subject that sent it
 * @param allocations one per station, by station id
 */
public record StoredDispatch(String id, Instant from, Instant to, double exportKw, double rewardPerKwh, boolean firm,
                             String requestedBy, Instant createdAt, List<Allocation> allocations) {

    public StoredDispatch {
        allocations = List.copyOf(allocations);
    }

    /**
     * A station's share.
     *
     * @param planVersion  the station's plan version committed with the request
     * @param costIncrease how much that plan's objective total rose over the plan before it, in the tariff currency
     */
    public record Allocation(String stationId, double exportKw, long planVersion, double costIncrease) {
    }

    /** UPCOMING before the window, ACTIVE during it, PAST after it. */
    public String phase(Instant now) {
        if (now.isBefore(from)) {
            return "UPCOMING";
        }
        return now.isBefore(to) ? "ACTIVE" : "PAST";
    }
}
