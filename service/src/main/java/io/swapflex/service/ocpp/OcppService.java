package io.swapflex.service.ocpp;

import com.fasterxml.jackson.databind.JsonNode;
import io.swapflex.service.plan.PlanningService;
import io.swapflex.service.plan.StoredPlan;
import io.swapflex.service.station.BatteryEvent;
import io.swapflex.service.station.BayState;
import io.swapflex.service.station.NotReadyException;
import io.swapflex.service.station.Station;
import io.swapflex.service.station.StationService;
import io.swapflex.service.station.StoredEvent;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * What the OCPP edges (REST and OCPP-J) ask of the service: a station's plan as charging profiles, and a battery swap
 * applied through the station's own event path (so the re-plan follows as after any battery event).
 */
public final class OcppService implements CsmsSession.Csms {

    private static final Logger LOG = Logger.getLogger(OcppService.class.getName());

    private final StationService stations;
    private final PlanningService planning;
    private final Clock clock;
    private final OcppReports reports;
    private final Pattern acceptedTokens;

    /**
     * @param reports        where routine reports and energy registers are kept
     * @param acceptedTokens the riders' idTokens {@code Authorize} accepts (the whole token must match)
     */
    public OcppService(StationService stations, PlanningService planning, Clock clock, OcppReports reports,
                       Pattern acceptedTokens) {
        this.stations = stations;
        this.planning = planning;
        this.clock = clock;
        this.reports = reports;
        this.acceptedTokens = acceptedTokens;
    }

    /**
     * The station's current plan as charging profiles.
     *
     * @throws io.swapflex.service.station.NotFoundException for an unknown station
     * @throws NotReadyException while its first plan is being made
     */
    public ChargingProfileSet profiles(String stationId, OcppVersion version) {
        return currentProfiles(stationId, version).orElseThrow(() -> new NotReadyException("station " + stationId
                + " has no plan yet: its first plan is being made"));
    }

    /** The station's current plan as charging profiles; empty while it has none. */
    @Override
    public Optional<ChargingProfileSet> currentProfiles(String stationId, OcppVersion version) {
        Station station = stations.get(stationId);
        return planning.current(stationId).map(plan -> ChargingProfiles.of(plan, bayIds(station), version));
    }

    /** A committed plan as charging profiles, its bays numbered as the station registers them now. */
    public ChargingProfileSet profiles(StoredPlan plan, OcppVersion version) {
        return ChargingProfiles.of(plan, bayIds(stations.get(plan.stationId())), version);
    }

    /** Whether the station's state changed since its plan was made (a re-plan is pending). */
    public boolean stale(String stationId, long planVersion) {
        Station station = stations.get(stationId);
        return planning.current(stationId).map(p -> p.version() != planVersion || planning.stale(station, p))
                .orElse(true);
    }

    /**
     * Applies an OCPP 2.1 {@code BatterySwapRequest}: every battery becomes the station's own event (see
     * {@link BatterySwap}), all checked before any is applied.
     *
     * @return the events stored, in order (none for {@code BatteryOutTimeout})
     * @throws OcppPayloadException a malformed payload or an evseId that is no bay of the station
     * @throws io.swapflex.service.station.ConflictException a pack into an occupied bay, or out of an empty one
     */
    @Override
    public List<StoredEvent> batterySwap(String stationId, JsonNode payload) {
        Station station = stations.get(stationId);
        BatterySwap.Request request = BatterySwap.read(payload);
        List<StoredEvent> stored = new ArrayList<>();
        for (BatteryEvent event : BatterySwap.events(request, station.bays(), clock.instant())) {
            stored.add(stations.apply(stationId, event));
        }
        return stored;
    }

    /**
     * A {@code MeterValuesRequest}: its energy registers and the message are stored; a bay's SoC (evseId ≥ 1) becomes
     * the bay's {@code SOC} event when a pack is in it and the value differs from the one the station has (a reading
     * that changes nothing does not cause a re-plan).
     *
     * @throws OcppPayloadException a malformed payload, or an evseId that is no bay of the station
     */
    @Override
    public void meterValues(String stationId, JsonNode payload) {
        Station station = stations.get(stationId);
        MeterValues.Read read = MeterValues.read(payload);
        if (read.evseId() > station.bays().size()) {
            throw new OcppPayloadException(OcppPayloadException.PROPERTY_CONSTRAINT_VIOLATION, List.of("evseId "
                    + read.evseId() + " is no bay of the station (it has " + station.bays().size() + ")"));
        }
        reports.store(stationId, "MeterValues", payload.toString(), read.energy(), clock.instant());
        if (read.lastSocPercent() != null && read.evseId() >= 1) {
            BayState bay = station.bays().get(read.evseId() - 1);
            double soc = read.lastSocPercent() / 100;
            if (bay.packPresent() && (bay.socFraction() == null || bay.socFraction() != soc)) {
                stations.apply(stationId, new BatteryEvent(BatteryEvent.Kind.SOC, bay.bayId(), soc, read.socAt()));
            } else if (!bay.packPresent()) {
                LOG.fine(() -> "station " + stationId + " sent a SoC for empty bay " + bay.bayId() + ": kept only");
            }
        }
    }

    @Override
    public void report(String stationId, String action, JsonNode payload) {
        reports.store(stationId, action, payload.toString(), List.of(), clock.instant());
    }

    @Override
    public boolean authorize(JsonNode idToken) {
        return acceptedTokens.matcher(idToken.path("idToken").asText()).matches();
    }

    private static List<String> bayIds(Station station) {
        return station.bays().stream().map(BayState::bayId).toList();
    }
}
