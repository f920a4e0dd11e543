package io.swapflex.service.ocpp;

import io.swapflex.optimizer.contract.BaySchedule;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.service.plan.StoredPlan;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * Translates a station's plan into one OCPP {@code SetChargingProfileRequest} per bay.
 *
 * <p>Mapping rules:
 * <pre>
 *   evseId                  = the bay's 1-based position in the station's registered bays (bay list order)
 *   chargingProfilePurpose  = TxDefaultProfile, stackLevel 0, chargingProfileKind Absolute
 *   profile id              = stable per station and bay (CRC-32 of "stationId/bayId", 31 bits; the next free value
 *                             on a clash within the station), the same for every plan version: each new plan's
 *                             profile replaces the previous one on the charger (a profile with a known id replaces
 *                             it; a second TxDefaultProfile at the same stack level and EVSE would be refused)
 *   chargingSchedule id     = the plan version
 *   startSchedule, validFrom = the plan's start (UTC); validTo = its end; duration = slots · slotMinutes · 60 s
 *   chargingRateUnit        = W (kW · 1000, rounded to 0.1 W, sum of all phases)
 *   one chargingSchedulePeriod per change: consecutive slots commanding the same are merged
 *
 *   plan power p of a slot    OCPP 2.1                                        OCPP 2.0.1 (no discharge)
 *   p &gt; 0 (charge)            limit = p                                       limit = p
 *   p = 0 (wait, swap-out)    operationMode Idle, limit = 0                   limit = 0
 *   p &lt; 0 (discharge)         operationMode CentralSetpoint,                  limit = 0 (the discharge is
 *                             setpoint = p, dischargeLimit = p (≤ 0)          omitted, and said so)
 * </pre>
 * A bay the plan leaves out (it held no pack when the plan was made) gets a profile that keeps it idle over the plan,
 * so no earlier plan's profile charges the next pack put there before that pack is planned.
 *
 * <p>Why TxDefaultProfile: it is the profile a CSMS sets per EVSE to govern every charging session there without
 * knowing its transaction (a swap bay charging the pack it holds has none the CSMS sees, so TxProfile does not fit),
 * and 2.1 allows the V2X operation modes in it. ChargingStationMaxProfile is a ceiling for the whole station
 * (evseId 0), not a per-bay schedule, and cannot carry setpoints.
 */
public final class ChargingProfiles {

    static final String PURPOSE = "TxDefaultProfile";
    static final String EVSE_MAPPING = "evseId = the bay's 1-based position in the station's registered bays";

    private ChargingProfiles() {
    }

    /**
     * The profiles of a plan, one per registered bay.
     *
     * @param bayIds the station's bays in registration order (their positions are the evseIds)
     */
    public static ChargingProfileSet of(StoredPlan stored, List<String> bayIds, OcppVersion version) {
        Problem problem = stored.problem();
        Instant start = problem.horizon().startTime().toInstant();
        int slotSeconds = problem.horizon().slotMinutes() * 60;
        int duration = slotSeconds * problem.slots();
        String from = start.toString();
        String to = start.plusSeconds(duration).toString();
        Map<String, BaySchedule> planned = new HashMap<>();
        for (BaySchedule bay : stored.plan().bays()) {
            planned.put(bay.id(), bay);
        }
        List<Integer> ids = profileIds(stored.stationId(), bayIds);
        List<ChargingProfileSet.Evse> evses = new ArrayList<>();
        List<SetChargingProfile.Request> profiles = new ArrayList<>();
        double omittedKwh = 0;
        for (int i = 0; i < bayIds.size(); i++) {
            int evseId = i + 1;
            BaySchedule bay = planned.get(bayIds.get(i));
            List<SetChargingProfile.Period> periods = bay == null
                    ? List.of(period(0, 0, version))
                    : periods(bay.powerKw(), slotSeconds, version);
            if (bay != null && !version.canDischarge()) {
                for (double p : bay.powerKw()) {
                    omittedKwh += Math.max(0, -p) * problem.slotHours();
                }
            }
            SetChargingProfile.ChargingSchedule schedule = new SetChargingProfile.ChargingSchedule(
                    (int) Math.min(stored.version(), Integer.MAX_VALUE), from, duration, "W", periods);
            SetChargingProfile.ChargingProfile profile = new SetChargingProfile.ChargingProfile(ids.get(i), 0, PURPOSE,
                    "Absolute", from, to, List.of(schedule));
            profiles.add(new SetChargingProfile.Request(evseId, profile));
            evses.add(new ChargingProfileSet.Evse(evseId, bayIds.get(i), bay != null, ids.get(i)));
        }
        double omitted = Math.round(omittedKwh * 1e6) / 1e6;
        return new ChargingProfileSet(stored.stationId(), version.label(), stored.version(),
                stored.plan().status().name(), from, duration, PURPOSE, EVSE_MAPPING,
                !version.canDischarge() && omitted > 0, omitted, evses, profiles);
    }

    /** One period per change of what the slots command; {@code powerKw} has one value per slot. */
    static List<SetChargingProfile.Period> periods(double[] powerKw, int slotSeconds, OcppVersion version) {
        List<SetChargingProfile.Period> out = new ArrayList<>();
        SetChargingProfile.Period last = null;
        for (int t = 0; t < powerKw.length; t++) {
            SetChargingProfile.Period next = period(t * slotSeconds, powerKw[t], version);
            if (last == null || !sameCommand(last, next)) {
                out.add(next);
                last = next;
            }
        }
        return out;
    }

    /** The period commanding {@code powerKw} (+ charge, − discharge) from {@code startPeriod} seconds. */
    static SetChargingProfile.Period period(int startPeriod, double powerKw, OcppVersion version) {
        double watts = Math.round(powerKw * 10_000) / 10.0; // kW → W, 0.1 W: OCPP's one decimal
        if (watts > 0) {
            return new SetChargingProfile.Period(startPeriod, watts, null, null, null);
        }
        if (watts == 0 || !version.canDischarge()) {
            return version.canDischarge()
                    ? new SetChargingProfile.Period(startPeriod, 0.0, "Idle", null, null)
                    : new SetChargingProfile.Period(startPeriod, 0.0, null, null, null);
        }
        return new SetChargingProfile.Period(startPeriod, null, "CentralSetpoint", watts, watts);
    }

    private static boolean sameCommand(SetChargingProfile.Period a, SetChargingProfile.Period b) {
        return Objects.equals(a.limit(), b.limit()) && Objects.equals(a.operationMode(), b.operationMode())
                && Objects.equals(a.setpoint(), b.setpoint()) && Objects.equals(a.dischargeLimit(), b.dischargeLimit());
    }

    /** Profile ids per bay: stable per station and bay, distinct within the station. */
    static List<Integer> profileIds(String stationId, List<String> bayIds) {
        Set<Integer> used = new HashSet<>();
        List<Integer> ids = new ArrayList<>();
        for (String bayId : bayIds) {
            CRC32 crc = new CRC32();
            crc.update((stationId + "/" + bayId).getBytes(StandardCharsets.UTF_8));
            int id = (int) (crc.getValue() & 0x7fffffffL);
            while (!used.add(id)) {
                id = (id + 1) & 0x7fffffff;
            }
            ids.add(id);
        }
        return ids;
    }
}
