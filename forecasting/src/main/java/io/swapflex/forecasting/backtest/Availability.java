package io.swapflex.forecasting.backtest;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * When the values of a series become known. {@link #cutoff} gives, for an issue time, the start of the first interval
 * that is not yet published; everything before it may be used.
 */
public interface Availability {

    Instant cutoff(Instant issueTime);

    /** Metered values (load, arrivals): an interval is known once it has ended. */
    static Availability whenEnded(Duration step) {
        return issue -> Instant.ofEpochMilli(Math.floorDiv(issue.toEpochMilli(), step.toMillis()) * step.toMillis());
    }

    /**
     * Day-ahead auction results: all prices of local day X are published at {@code publishLocal} on day X−1 (EPEX
     * SDAC results appear around 12:45 CET).
     */
    static Availability dayAheadAuction(ZoneId zone, LocalTime publishLocal) {
        return issue -> {
            ZonedDateTime local = issue.atZone(zone);
            LocalDate lastKnownDay = local.toLocalTime().isBefore(publishLocal) ? local.toLocalDate()
                    : local.toLocalDate().plusDays(1);
            return lastKnownDay.plusDays(1).atStartOfDay(zone).toInstant();
        };
    }
}
