package io.swapflex.forecasting.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class AvailabilityTest {

    private final Availability auction = Availability.dayAheadAuction(ZoneId.of("Europe/Brussels"), LocalTime.of(12, 45));

    @Test
    void dayAheadPricesOfTomorrowAppearAfterTheAuction() {
        // 12:00 CET on 4 Nov: tomorrow's auction not published → known through the end of 4 Nov (23:00Z)
        assertEquals(Instant.parse("2019-11-04T23:00:00Z"), auction.cutoff(Instant.parse("2019-11-04T11:00:00Z")));
        // 13:00 CET: tomorrow's prices are out → known through the end of 5 Nov
        assertEquals(Instant.parse("2019-11-05T23:00:00Z"), auction.cutoff(Instant.parse("2019-11-04T12:00:00Z")));
        // summer (CEST): the local day ends at 22:00Z
        assertEquals(Instant.parse("2020-07-01T22:00:00Z"), auction.cutoff(Instant.parse("2020-07-01T10:00:00Z")));
    }

    @Test
    void meteredValuesAreKnownOnceTheIntervalHasEnded() {
        Availability metered = Availability.whenEnded(Duration.ofHours(1));
        assertEquals(Instant.parse("2019-11-04T12:00:00Z"), metered.cutoff(Instant.parse("2019-11-04T12:00:00Z")));
        assertEquals(Instant.parse("2019-11-04T12:00:00Z"), metered.cutoff(Instant.parse("2019-11-04T12:59:00Z")));
    }
}
