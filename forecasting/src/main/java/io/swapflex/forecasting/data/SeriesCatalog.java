package io.swapflex.forecasting.data;

import io.swapflex.datasets.series.Datasets;
import io.swapflex.datasets.series.SeriesFrame;
import io.swapflex.datasets.series.TimeSeries;
import io.swapflex.forecasting.SeriesCalendar;
import io.swapflex.forecasting.backtest.Availability;
import io.swapflex.forecasting.backtest.SeriesSpec;
import io.swapflex.forecasting.calendar.HolidayCalendar;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Knows how each shipped dataset is published and where it lives, and turns "dataset + column" into a
 * {@link SeriesSpec}: local zone and holidays per bidding zone, publication rules (metered values once the hour has
 * ended; day-ahead prices at 12:45 Brussels time the day before delivery), and which inputs may be used as known
 * for the horizon.
 */
public final class SeriesCatalog {

    /** Exogenous input name for the grid operator's day-ahead load forecast. */
    public static final String OPERATOR_FORECAST = "operator_forecast_mw";
    /** Exogenous input name for temperature (AEMO). */
    public static final String TEMPERATURE = "temperature_c";

    private static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");
    private static final LocalTime NOON = LocalTime.NOON;
    private static final LocalTime AUCTION_RESULTS = LocalTime.of(12, 45);

    private SeriesCatalog() {
    }

    public static SeriesSpec spec(String dataset, String column) {
        SeriesFrame frame = Datasets.load(dataset);
        TimeSeries target = frame.column(column);
        return switch (dataset) {
            case Datasets.ENTSOE_LOAD -> load(frame, target);
            case Datasets.ENTSOE_PRICES -> prices(frame, target);
            case Datasets.AEMO_VIC -> aemo(frame, target);
            case Datasets.PERTH_KINROSS, Datasets.DUNDEE -> sessions(target, "GB", dataset);
            case Datasets.BOULDER -> sessions(target, "US", dataset);
            default -> throw new IllegalArgumentException("no forecasting spec for dataset " + dataset);
        };
    }

    /** Bidding zone of a column such as {@code DE_actual_mw} → {@code DE}. */
    static String zoneOf(String column) {
        return column.substring(0, column.indexOf('_'));
    }

    static ZoneId timeZone(String zone) {
        return switch (zone) {
            case "FI" -> ZoneId.of("Europe/Helsinki");
            case "ES" -> ZoneId.of("Europe/Madrid");
            case "FR" -> ZoneId.of("Europe/Paris");
            case "NL" -> ZoneId.of("Europe/Amsterdam");
            case "DK1" -> ZoneId.of("Europe/Copenhagen");
            case "NO1" -> ZoneId.of("Europe/Oslo");
            case "SE1" -> ZoneId.of("Europe/Stockholm");
            default -> ZoneId.of("Europe/Berlin");
        };
    }

    static HolidayCalendar holidays(String zone) {
        return switch (zone) {
            case "DE", "ES", "FR", "FI", "NL" -> HolidayCalendar.country(zone);
            case "DK1" -> HolidayCalendar.country("DK");
            // Norway and Sweden have no calendar here yet: calendar features fall back to weekdays only.
            default -> HolidayCalendar.NONE;
        };
    }

    private static SeriesSpec load(SeriesFrame frame, TimeSeries target) {
        String zone = zoneOf(target.name());
        SeriesCalendar cal = new SeriesCalendar(timeZone(zone), holidays(zone));
        Map<String, TimeSeries> exo = new HashMap<>();
        TimeSeries operator = frame.columns().get(zone + "_dayahead_forecast_mw");
        if (operator != null && !operator.name().equals(target.name())) {
            exo.put(OPERATOR_FORECAST, operator);
        }
        return new SeriesSpec("load " + zone, target, Availability.whenEnded(target.step()), Map.of(), exo, cal, NOON,
                false);
    }

    private static SeriesSpec prices(SeriesFrame frame, TimeSeries target) {
        String zone = zoneOf(target.name());
        // Delivery days and the auction are on Brussels time for every coupled zone, Finland included.
        SeriesCalendar cal = new SeriesCalendar(BRUSSELS, holidays(zone));
        Map<String, TimeSeries> cov = new LinkedHashMap<>();
        frame.columns().forEach((name, s) -> {
            if (!name.equals(target.name())) {
                cov.put(name, s);
            }
        });
        return new SeriesSpec("prices " + zone, target, Availability.dayAheadAuction(BRUSSELS, AUCTION_RESULTS), cov,
                Map.of(), cal, NOON, false);
    }

    private static SeriesSpec aemo(SeriesFrame frame, TimeSeries target) {
        ZoneId nem = Datasets.localZone(Datasets.AEMO_VIC);
        TimeSeries flag = frame.column("holiday");
        Map<LocalDate, Double> days = new HashMap<>();
        for (int i = 0; i < flag.size(); i++) {
            if (flag.values()[i] > 0) {
                days.put(flag.timeAt(i).atZone(nem).toLocalDate(), 1.0);
            }
        }
        SeriesCalendar cal = new SeriesCalendar(nem, HolidayCalendar.of(days));
        Map<String, TimeSeries> exo = new HashMap<>();
        if (!target.name().equals(TEMPERATURE)) {
            // Observed temperature stands in for a day-ahead weather forecast (none is shipped): an optimistic input.
            exo.put(TEMPERATURE, frame.column(TEMPERATURE));
        }
        return new SeriesSpec("AEMO VIC " + target.name(), target, Availability.whenEnded(target.step()), Map.of(), exo,
                cal, NOON, false);
    }

    private static SeriesSpec sessions(TimeSeries target, String country, String dataset) {
        SeriesCalendar cal = new SeriesCalendar(Datasets.localZone(dataset), HolidayCalendar.country(country));
        return new SeriesSpec(dataset + " arrivals/h", target, Availability.whenEnded(Duration.ofHours(1)), Map.of(),
                Map.of(), cal, NOON, true);
    }
}
