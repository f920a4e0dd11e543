package io.swapflex.service.plan;

import java.time.Instant;

/**
 * A station's share of an accepted dispatch request, as its re-plans include it: net export of at least
 * {@code exportKw} in every slot of [from, to), paid {@code rewardPerKwh}. Planned as firm.
 */
public record ActiveDispatch(String requestId, Instant from, Instant to, double exportKw, double rewardPerKwh) {
}
