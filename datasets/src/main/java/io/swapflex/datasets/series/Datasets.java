package io.swapflex.datasets.series;

import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The shipped time-series datasets by folder name, loaded once and cached. Session datasets are exposed as one
 * column {@code arrivals}: session starts per hour (UTC grid).
 */
public final class Datasets {

    public static final String ENTSOE_LOAD = "entsoe-load";
    public static final String ENTSOE_PRICES = "entsoe-dayahead-prices";
    public static final String AEMO_VIC = "aemo-vic-demand";
    public static final String PERTH_KINROSS = "ev-sessions-perth-kinross";
    public static final String DUNDEE = "ev-sessions-dundee";
    public static final String BOULDER = "ev-sessions-boulder";

    public static final List<String> NAMES = List.of(ENTSOE_LOAD, ENTSOE_PRICES, AEMO_VIC, PERTH_KINROSS, DUNDEE, BOULDER);

    private static final Map<String, SeriesFrame> CACHE = new ConcurrentHashMap<>();

    private Datasets() {
    }

    /** @throws IllegalArgumentException naming the known datasets when {@code name} is unknown */
    public static SeriesFrame load(String name) {
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("unknown dataset '" + name + "'; known: " + String.join(", ", NAMES));
        }
        return CACHE.computeIfAbsent(name, Datasets::read);
    }

    public static SessionLog sessions(String name) {
        return switch (name) {
            case PERTH_KINROSS -> SessionLog.perthKinross();
            case DUNDEE -> SessionLog.dundee();
            case BOULDER -> SessionLog.boulder();
            default -> throw new IllegalArgumentException(name + " is not a session dataset");
        };
    }

    /** Local time zone of the place the data describe (calendar features use it). */
    public static ZoneId localZone(String name) {
        return switch (name) {
            case ENTSOE_LOAD, ENTSOE_PRICES -> ZoneId.of("Europe/Brussels");
            // NEM time is AEST all year: a fixed offset, not Australia/Melbourne.
            case AEMO_VIC -> ZoneId.of("+10:00");
            case PERTH_KINROSS, DUNDEE -> ZoneId.of("Europe/London");
            case BOULDER -> ZoneId.of("America/Denver");
            default -> throw new IllegalArgumentException("unknown dataset '" + name + "'");
        };
    }

    private static SeriesFrame read(String name) {
        return switch (name) {
            case ENTSOE_LOAD -> RegularTableLoader.load(name, "/datasets/entsoe-load/load_2019_hourly_utc.csv");
            case ENTSOE_PRICES -> RegularTableLoader.load(name,
                    "/datasets/entsoe-dayahead-prices/dayahead_prices_2019-2020_hourly_utc.csv");
            case AEMO_VIC -> RegularTableLoader.load(name,
                    "/datasets/aemo-vic-demand/vic_demand_temperature_2012-2014_30min.csv");
            default -> {
                Map<String, TimeSeries> cols = new LinkedHashMap<>();
                cols.put("arrivals", sessions(name).arrivals(Duration.ofHours(1)));
                yield new SeriesFrame(name, cols);
            }
        };
    }
}
