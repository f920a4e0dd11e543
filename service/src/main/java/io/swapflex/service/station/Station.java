package io.swapflex.service.station;

import io.swapflex.optimizer.contract.Problem;

import java.time.Instant;
import java.util.List;

/**
 * A registered station.
 *
 * @param id           the station id (the registration's {@code stationId})
 * @param version      counts registrations; a registration update may name the version it replaces (If-Match)
 * @param revision     counts every change of the station's state (registration or battery event); a plan made from an
 *                     older revision is stale
 * @param registration the contract-v1 problem the station registered: its site, pack types and bays, and the profile
 *                     (horizon, swap demand, tariff, base load) it is planned with
 * @param bays         what each bay holds now, in registration order
 */
public record Station(String id, long version, long revision, Problem registration, List<BayState> bays,
                      Instant createdAt, Instant updatedAt) {

    public Station {
        bays = List.copyOf(bays);
    }

    public BayState bay(String bayId) {
        for (BayState bay : bays) {
            if (bay.bayId().equals(bayId)) {
                return bay;
            }
        }
        return null;
    }
}
