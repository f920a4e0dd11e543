package io.swapflex.service.openadr;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/**
 * What SwapFlex made of an OpenADR event: per targeted station, per payload (per interval; a dispatch setpoint per run
 * of slots), applied or declined and why.
 *
 * @param status ACCEPTED (every payload applied or past), PARTIAL (some declined) or DECLINED (none applied: nothing
 *               is stored)
 */
public record MappingOutcome(String status, List<StationOutcome> stations) {

    public MappingOutcome {
        stations = List.copyOf(stations);
    }

    /** APPLIED: in the station's problem from now on; DECLINED: not, see the reason; PAST: over before it came. */
    public enum Result { APPLIED, DECLINED, PAST }

    public record StationOutcome(String stationId, List<PayloadOutcome> payloads) {
        public StationOutcome {
            payloads = List.copyOf(payloads);
        }
    }

    /**
     * One payload's fate.
     *
     * @param intervalIds       the event intervals it comes from (a dispatch run may join several)
     * @param from              the window as applied: the interval's, or for a dispatch setpoint the slots it holds in
     * @param value             kW for power, the currency per kWh for prices
     * @param units             {@code KW}, or the currency per kWh ({@code THB/kWh})
     * @param reason            why it was declined, or a note on how it was applied
     * @param dispatchRequestId the dispatch request an applied setpoint became ({@code GET /api/v1/dispatch-requests/{id}})
     * @param maxPossibleKw     for a declined setpoint, the most net export the station can commit over its slots
     * @param planVersion       for an applied setpoint, the station's plan version that meets it
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PayloadOutcome(String payloadType, List<Integer> intervalIds, Instant from, Instant to, double value,
                                 String units, Result result, String reason, String dispatchRequestId,
                                 Double maxPossibleKw, Long planVersion) {

        public PayloadOutcome {
            intervalIds = List.copyOf(intervalIds);
        }

        static PayloadOutcome of(String type, List<Integer> ids, Instant from, Instant to, double value, String units,
                                 Result result, String reason) {
            return new PayloadOutcome(type, ids, from, to, value, units, result, reason, null, null, null);
        }
    }

    /** The overall status from the payloads' results. */
    static String status(List<StationOutcome> stations) {
        boolean applied = false;
        boolean declined = false;
        for (StationOutcome s : stations) {
            for (PayloadOutcome p : s.payloads()) {
                applied |= p.result() == Result.APPLIED;
                declined |= p.result() == Result.DECLINED;
            }
        }
        return !applied ? "DECLINED" : declined ? "PARTIAL" : "ACCEPTED";
    }
}
