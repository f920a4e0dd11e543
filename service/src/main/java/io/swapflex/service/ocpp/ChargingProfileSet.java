package io.swapflex.service.ocpp;

import java.util.List;

/**
 * A plan as OCPP charging profiles, with what a reader needs beside the standard's messages.
 *
 * @param ocppVersion            {@code 2.1} or {@code 2.0.1}
 * @param planVersion            the plan version the profiles come from (also each schedule's id)
 * @param startSchedule          the plan's start, UTC
 * @param duration               seconds the profiles cover (the plan's horizon)
 * @param dischargeOmitted       2.0.1 only: the plan discharges, and the profiles do not (2.0.1 has no discharge);
 *                               false for 2.1
 * @param omittedDischargeKwh    energy the plan discharges (at the bays) that the profiles leave out; 0 for 2.1
 * @param evses                  per EVSE, the bay it is and its profile id
 * @param profiles               one {@code SetChargingProfileRequest} per bay, in evseId order
 */
public record ChargingProfileSet(String stationId, String ocppVersion, long planVersion, String planStatus,
                                 String startSchedule, int duration, String chargingProfilePurpose, String evseMapping,
                                 boolean dischargeOmitted, double omittedDischargeKwh, List<Evse> evses,
                                 List<SetChargingProfile.Request> profiles) {

    /**
     * @param planned whether the plan schedules the bay (false: it held no pack when the plan was made; its profile
     *                keeps it idle)
     */
    public record Evse(int evseId, String bayId, boolean planned, int profileId) {
    }
}
