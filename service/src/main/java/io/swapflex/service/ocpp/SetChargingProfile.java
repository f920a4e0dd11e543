package io.swapflex.service.ocpp;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * The OCPP {@code SetChargingProfileRequest} as the service sends it (the subset of the 2.0.1 and 2.1 schemas it
 * uses; field names are the standard's). Absent fields are left out of the JSON, so a charge-only profile is valid
 * under both versions' schemas.
 */
public final class SetChargingProfile {

    private SetChargingProfile() {
    }

    /** {@code SetChargingProfileRequest}: the profile for one EVSE (a bay). */
    public record Request(int evseId, ChargingProfile chargingProfile) {
    }

    /**
     * {@code ChargingProfileType}.
     *
     * @param validFrom RFC 3339; the plan's start
     * @param validTo   RFC 3339; the plan's end
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ChargingProfile(int id, int stackLevel, String chargingProfilePurpose, String chargingProfileKind,
                                  String validFrom, String validTo, List<ChargingSchedule> chargingSchedule) {
    }

    /**
     * {@code ChargingScheduleType}.
     *
     * @param startSchedule RFC 3339; the plan's start
     * @param duration      seconds
     */
    public record ChargingSchedule(int id, String startSchedule, int duration, String chargingRateUnit,
                                   List<Period> chargingSchedulePeriod) {
    }

    /**
     * {@code ChargingSchedulePeriodType}; powers in W, the sum of all phases.
     *
     * @param startPeriod    seconds from {@code startSchedule}
     * @param limit          the charging limit (≥ 0); absent for a 2.1 discharge setpoint
     * @param operationMode  2.1 only: {@code Idle} or {@code CentralSetpoint}; absent means {@code ChargingOnly}
     * @param setpoint       2.1 only: the power to follow, negative discharging
     * @param dischargeLimit 2.1 only: the most the bay may discharge, ≤ 0
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Period(int startPeriod, Double limit, String operationMode, Double setpoint, Double dischargeLimit) {
    }
}
