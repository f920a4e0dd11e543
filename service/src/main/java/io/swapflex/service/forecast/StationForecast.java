package io.swapflex.service.forecast;

import java.time.Instant;

/**
 * One stored forecast version of a station.
 *
 * @param version   grows by one with every forecast the station gets; never reused
 * @param revision  the station revision the forecast made (uploading one changes the station's state: its plan is
 *                  stale until re-planned)
 * @param source    {@code uploaded}, or {@code computed} by the service's forecasting
 * @param createdBy the token's subject
 */
public record StationForecast(String stationId, long version, long revision, String source, Instant createdAt,
                              String createdBy, ForecastProfile profile) {

    public static final String UPLOADED = "uploaded";
    public static final String COMPUTED = "computed";
}
