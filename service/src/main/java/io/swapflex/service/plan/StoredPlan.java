package io.swapflex.service.plan;

import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.contract.Problem;

import java.time.Instant;

/**
 * One committed plan version of a station, with the problem it solved.
 *
 * @param version   grows by one with every plan the station gets; never reused
 * @param revision  the station revision (registration or battery event) the problem was built from
 * @param reason    why the plan was made ("registered", "battery event", "start-up"...)
 * @param createdAt when the plan was committed
 */
public record StoredPlan(String stationId, long version, long revision, String reason, Instant createdAt,
                         Problem problem, Plan plan) {
}
