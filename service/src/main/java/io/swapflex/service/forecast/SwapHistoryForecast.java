package io.swapflex.service.forecast;

import io.swapflex.datasets.series.TimeSeries;
import io.swapflex.forecasting.Forecast;
import io.swapflex.forecasting.ForecastRequest;
import io.swapflex.forecasting.SeriesCalendar;
import io.swapflex.forecasting.calendar.HolidayCalendar;
import io.swapflex.forecasting.methods.CountGlm;
import io.swapflex.optimizer.contract.PackType;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.planning.ForecastProblemBuilder;
import io.swapflex.service.station.BatteryEvent;
import io.swapflex.service.station.BayState;
import io.swapflex.service.station.ConflictException;
import io.swapflex.service.station.Station;
import io.swapflex.service.station.StoredEvent;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A swap-demand forecast from the station's own history: its {@code PACK_OUT} events (a pack taken from a bay is a
 * swap served) counted per pack type and profile slot, forecast by the forecasting module's count model
 * ({@link CountGlm}, {@code glm-negbin}: Poisson regression on the local slot of day × day type, weekday, trend, with a
 * negative-binomial predictive distribution) for the station's next horizon, and read at a service level (the
 * smallest count whose predictive CDF reaches it, as {@link ForecastProblemBuilder#demandQuantile} does).
 *
 * <p>The forecast covers the horizon the station would be planned with now (from the current profile slot) and is
 * stored on the profile's slots (rotated back), so it repeats like the registered profile until the next one. Only
 * served swaps are seen: riders who found no full pack leave no event, so the history understates demand where the
 * station ran dry. No holiday calendar is used (the station's country is not known). Needs at least
 * {@value #MIN_DAYS} days of history; the newest {@value #WINDOW_DAYS} days are used.
 */
public final class SwapHistoryForecast {

    public static final int MIN_DAYS = 28;
    public static final int WINDOW_DAYS = 182;

    private SwapHistoryForecast() {
    }

    /**
     * @param events       the station's battery events (any order)
     * @param serviceLevel in (0, 1): plan for this quantile of each slot's swaps
     * @throws ConflictException when the station's history or profile does not allow a forecast (too short, no swap,
     *                           slots that do not divide a day)
     */
    public static ForecastProfile compute(Station station, List<StoredEvent> events, Instant now, double serviceLevel) {
        Problem reg = station.registration();
        int n = reg.slots();
        int slotMinutes = reg.horizon().slotMinutes();
        if (1440 % slotMinutes != 0) {
            throw new ConflictException("station " + station.id() + " has " + slotMinutes + "-minute slots; a forecast "
                    + "from its history needs slots that divide a day");
        }
        Duration step = Duration.ofMinutes(slotMinutes);
        OffsetDateTime start = reg.horizon().startTime();
        long slotSeconds = step.toSeconds();
        long shift = Math.max(0, Math.floorDiv(now.getEpochSecond() - start.toEpochSecond(), slotSeconds));
        Instant forecastStart = start.toInstant().plusSeconds(shift * slotSeconds);
        Instant windowStart = forecastStart.minus(Duration.ofDays(WINDOW_DAYS));

        Map<String, String> typeOfBay = new LinkedHashMap<>();
        for (BayState bay : station.bays()) {
            typeOfBay.put(bay.bayId(), bay.packType());
        }
        Instant first = null;
        List<StoredEvent> swaps = new ArrayList<>();
        for (StoredEvent e : events) {
            Instant at = e.event().occurredAt();
            if (e.event().kind() == BatteryEvent.Kind.PACK_OUT && typeOfBay.containsKey(e.event().bayId())
                    && !at.isBefore(windowStart) && at.isBefore(forecastStart)) {
                swaps.add(e);
                first = first == null || at.isBefore(first) ? at : first;
            }
        }
        if (first == null) {
            throw new ConflictException("station " + station.id() + " has no PACK_OUT event before " + forecastStart
                    + " to forecast its swaps from");
        }
        // The history grid: the profile's slots, from the slot of the first swap to the forecast's start.
        long firstSlot = Math.floorDiv(first.getEpochSecond() - forecastStart.getEpochSecond(), slotSeconds);
        int length = (int) -firstSlot;
        Instant historyStart = forecastStart.plusSeconds(firstSlot * slotSeconds);
        double days = length * slotSeconds / 86_400.0;
        if (days < MIN_DAYS) {
            throw new ConflictException(String.format(Locale.ROOT, "station %s has %.1f days of PACK_OUT history "
                    + "(since %s); the glm-negbin forecaster needs %d", station.id(), days, first, MIN_DAYS));
        }
        Map<String, double[]> counts = new LinkedHashMap<>();
        for (StoredEvent e : swaps) {
            String type = typeOfBay.get(e.event().bayId());
            int slot = (int) Math.floorDiv(e.event().occurredAt().getEpochSecond() - historyStart.getEpochSecond(),
                    slotSeconds);
            counts.computeIfAbsent(type, k -> new double[length])[slot]++;
        }

        SeriesCalendar calendar = new SeriesCalendar(start.getOffset(), HolidayCalendar.NONE);
        CountGlm model = new CountGlm(WINDOW_DAYS);
        Map<String, int[]> demand = new LinkedHashMap<>();
        int total = 0;
        for (PackType type : reg.packTypes()) {
            double[] history = counts.get(type.id());
            if (history == null) {
                continue; // no swap of this type seen: its registered row stays
            }
            total += (int) java.util.Arrays.stream(history).sum();
            Forecast f = model.forecast(new ForecastRequest(new TimeSeries(type.id() + " swaps", "count", historyStart,
                    step, history), Map.of(), Map.of(), forecastStart, n, calendar));
            int[] row = new int[n];
            for (int i = 0; i < n; i++) {
                row[(int) ((shift + i) % n)] = ForecastProblemBuilder.demandQuantile(f, i, serviceLevel);
            }
            demand.put(type.id(), row);
        }
        String note = String.format(Locale.ROOT, "computed: %s on %.1f days of PACK_OUT events (%d swaps of %s) "
                        + "before %s, P%s per slot", model.name(), days, total, String.join(", ", demand.keySet()),
                forecastStart, trim(serviceLevel * 100));
        return new ForecastProfile(demand, null, null, null, note);
    }

    private static String trim(double percent) {
        return percent == Math.rint(percent) ? Long.toString((long) percent) : Double.toString(percent);
    }
}
