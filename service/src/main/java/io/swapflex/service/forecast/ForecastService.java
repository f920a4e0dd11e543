package io.swapflex.service.forecast;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swapflex.optimizer.contract.Horizon;
import io.swapflex.optimizer.contract.InvalidProblemException;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.optimizer.contract.ProblemValidator;
import io.swapflex.service.station.ConflictException;
import io.swapflex.service.station.NotFoundException;
import io.swapflex.service.station.Station;
import io.swapflex.service.station.StationService;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stations' forecasts: an uploaded (or computed) forecast is validated against the station's registration, stored as
 * the station's next forecast version (every version is kept), and changes the station's state, so its plan is stale
 * and a re-plan follows (the station service's change listener, as for a battery event). Planning then uses the
 * newest forecast's rows in place of the registered profile's, while the forecast fits the registration (same slot
 * count, known pack types); a registration changed since so that it no longer fits is planned with its own profile.
 */
public final class ForecastService {

    private final StationService stations;
    private final ForecastRepository forecasts;
    private final Clock clock;

    public ForecastService(StationService stations, ForecastRepository forecasts, Clock clock) {
        this.stations = stations;
        this.forecasts = forecasts;
        this.clock = clock;
    }

    /**
     * Stores a forecast for the station and asks for its re-plan.
     *
     * @throws NotFoundException        for an unknown station
     * @throws InvalidProblemException  every error of the forecast, each with its JSON path
     */
    public StationForecast store(String stationId, ForecastProfile profile, String source, String createdBy) {
        if (profile == null) {
            throw new InvalidProblemException(List.of("$ empty document: a forecast is {\"swapDemand\": {\"TYPE\": "
                    + "[...]}, \"importPricePerKwh\": [...], \"exportPricePerKwh\": [...], \"baseLoadKw\": [...]}"));
        }
        return stations.change(stationId, (station, revision) -> {
            List<String> errors = new ArrayList<>(profile.errors(station.registration()));
            if (errors.isEmpty()) {
                // What the forecast makes of the profile must still be a valid problem (it is, by the checks above;
                // this keeps the two in step should the contract's rules grow).
                errors.addAll(ProblemValidator.errors(profile.applyTo(station.registration())));
            }
            if (!errors.isEmpty()) {
                throw new InvalidProblemException(errors);
            }
            return forecasts.append(stationId, revision, source, clock.instant(), createdBy, profile);
        }, stored -> "forecast v" + stored.version() + " " + stored.source());
    }

    /**
     * Computes a swap-demand forecast from the station's own {@code PACK_OUT} history ({@link SwapHistoryForecast})
     * and stores it like an upload (source {@code computed}).
     *
     * @param serviceLevel in (0, 1), or null for 0.9
     * @throws ConflictException when the history does not allow a forecast (too short, no swap)
     */
    public StationForecast compute(String stationId, Double serviceLevel, String createdBy) {
        double level = serviceLevel == null ? 0.9 : serviceLevel;
        if (!(level > 0 && level < 1)) {
            throw new InvalidProblemException(List.of("serviceLevel must be in (0, 1), is " + serviceLevel));
        }
        Station station = stations.get(stationId);
        ForecastProfile profile = SwapHistoryForecast.compute(station, stations.events(stationId, Integer.MAX_VALUE),
                clock.instant(), level);
        return store(stationId, profile, StationForecast.COMPUTED, createdBy);
    }

    public Optional<StationForecast> latest(String stationId) {
        stations.get(stationId);
        return forecasts.latest(stationId);
    }

    public StationForecast version(String stationId, long version) {
        stations.get(stationId);
        return forecasts.find(stationId, version).orElseThrow(() -> new NotFoundException("station " + stationId
                + " has no forecast version " + version));
    }

    public List<Long> versions(String stationId) {
        stations.get(stationId);
        return forecasts.versions(stationId);
    }

    /** The profile the station is planned with: its registration with the newest fitting forecast's rows. */
    public Problem profile(Station station) {
        Optional<StationForecast> latest = forecasts.latest(station.id());
        if (latest.isEmpty() || latest.get().profile().misfit(station.registration()) != null) {
            return station.registration();
        }
        return latest.get().profile().applyTo(station.registration());
    }

    /**
     * The profile in use (or, with {@code version}, the profile that forecast version makes of the current
     * registration), saying where each row comes from.
     */
    public InUse inUse(String stationId, Long version) {
        Station station = stations.get(stationId);
        Optional<StationForecast> forecast = version == null ? forecasts.latest(stationId)
                : Optional.of(version(stationId, version));
        Problem registration = station.registration();
        if (forecast.isEmpty()) {
            return InUse.of(registration, registration, null, List.of(), null);
        }
        StationForecast f = forecast.get();
        String misfit = f.profile().misfit(registration);
        if (misfit != null) {
            return InUse.of(registration, registration, f, List.of(), "forecast v" + f.version()
                    + " no longer fits the registration: " + misfit);
        }
        return InUse.of(registration, f.profile().applyTo(registration), f, f.profile().fields(), null);
    }

    /**
     * A station's profile as planning uses it.
     *
     * @param source      {@code forecast} when a forecast's rows are in use, else {@code registration}
     * @param forecast    the forecast version shown (null: none uploaded)
     * @param fromForecast the rows taken from the forecast; every other row is the registration's
     * @param ignored     why the forecast shown is not used, or null
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record InUse(String stationId, String source, Long forecastVersion, String forecastSource,
                        Instant forecastCreatedAt, String forecastCreatedBy, String note, List<String> fromForecast,
                        String ignored, Horizon horizon, Map<String, int[]> swapDemand, double[] importPricePerKwh,
                        double[] exportPricePerKwh, double[] baseLoadKw) {

        static InUse of(Problem registration, Problem profile, StationForecast f, List<String> fields, String ignored) {
            return new InUse(registration.stationId(), fields.isEmpty() ? "registration" : "forecast",
                    f == null ? null : f.version(), f == null ? null : f.source(), f == null ? null : f.createdAt(),
                    f == null ? null : f.createdBy(), f == null ? null : f.profile().note(), fields, ignored,
                    profile.horizon(), profile.swapDemand(), profile.tariff().importPricePerKwh(),
                    profile.tariff().exportPricePerKwh(), profile.site().baseLoadKw());
        }
    }
}
