package io.swapflex.service.station;

import java.time.Instant;

/**
 * A battery event reported by a station's bank controller.
 *
 * @param kind        what happened
 * @param bayId       the bay it happened in
 * @param socFraction the pack's SOC (fraction of capacity) for {@code PACK_IN} and {@code SOC}; null for {@code PACK_OUT}
 * @param occurredAt  when it happened at the station
 */
public record BatteryEvent(Kind kind, String bayId, Double socFraction, Instant occurredAt) {

    public enum Kind {
        /** A pack was put into an empty bay (a returned pack, or a pack brought in). */
        PACK_IN,
        /** The bay's pack was taken out (handed to a rider, or removed). */
        PACK_OUT,
        /** A new SOC reading of the pack in the bay. */
        SOC
    }
}
