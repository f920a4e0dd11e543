package io.swapflex.datasets.series;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionLogTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    @Test
    void londonWallClockFollowsGmtAndBst() {
        assertEquals(Instant.parse("2019-01-15T12:00:00Z"), SessionLog.localToInstant("2019-01-15 12:00", LONDON));
        assertEquals(Instant.parse("2019-07-15T11:00:00Z"), SessionLog.localToInstant("2019-07-15 12:00", LONDON));
    }

    @Test
    void springGapAndAutumnOverlapAreResolvedAsDocumented() {
        // 01:30 does not exist on 2019-03-31 in London: moved forward by the hour gap → 02:30 BST = 01:30 UTC
        assertEquals(Instant.parse("2019-03-31T01:30:00Z"), SessionLog.localToInstant("2019-03-31 01:30", LONDON));
        // 01:30 happens twice on 2018-10-28: the earlier (BST) reading
        assertEquals(Instant.parse("2018-10-28T00:30:00Z"), SessionLog.localToInstant("2018-10-28 01:30", LONDON));
        // Denver: MST in January (UTC−7), MDT in July (UTC−6)
        ZoneId denver = ZoneId.of("America/Denver");
        assertEquals(Instant.parse("2019-01-15T19:00:00Z"), SessionLog.localToInstant("2019-01-15 12:00", denver));
        assertEquals(Instant.parse("2019-07-15T18:00:00Z"), SessionLog.localToInstant("2019-07-15 12:00", denver));
    }

    @Test
    void arrivalsCountPerStepAndGapsAreNaN() {
        Instant[] starts = {
            Instant.parse("2019-01-01T00:10:00Z"), Instant.parse("2019-01-01T00:50:00Z"),
            Instant.parse("2019-01-01T02:00:00Z"), Instant.parse("2019-01-01T05:59:00Z")};
        SessionLog log = new SessionLog("t", ZoneId.of("UTC"), starts,
                List.<Instant[]>of(new Instant[] {Instant.parse("2019-01-01T03:30:00Z"), Instant.parse("2019-01-01T04:00:00Z")}));
        TimeSeries a = log.arrivals(Instant.parse("2019-01-01T00:00:00Z"), Duration.ofHours(1), 6);
        assertEquals(2, a.values()[0]);
        assertEquals(0, a.values()[1]);
        assertEquals(1, a.values()[2]);
        assertTrue(Double.isNaN(a.values()[3]), "hour overlapping the recording gap");
        assertEquals(0, a.values()[4]);
        assertEquals(1, a.values()[5]);
    }

    @Test
    void perthKinrossLocalDayOfSpringChangeHas23Hours() {
        SessionLog log = SessionLog.perthKinross();
        ZonedDateTime dayStart = LocalDate.of(2019, 3, 31).atStartOfDay(LONDON);
        Instant from = dayStart.toInstant();
        Instant to = dayStart.plusDays(1).toInstant();
        int hours = (int) Duration.between(from, to).toHours();
        assertEquals(23, hours);
        TimeSeries a = log.arrivals(from, Duration.ofHours(1), hours);
        long inDay = java.util.Arrays.stream(log.startsUtc()).filter(t -> !t.isBefore(from) && t.isBefore(to)).count();
        assertEquals(inDay, java.util.Arrays.stream(a.values()).sum(), 0.0);
        assertTrue(inDay > 0);
    }

    @Test
    void dundeeRecordingGapIsNaNNotZero() {
        TimeSeries a = SessionLog.dundee().arrivals(Duration.ofHours(1));
        assertTrue(Double.isNaN(a.valueAt(Instant.parse("2018-01-15T12:00:00Z"))));
        assertTrue(!Double.isNaN(a.valueAt(Instant.parse("2018-04-10T12:00:00Z"))), "Apr 2018 is recorded");
        assertTrue(a.countMissing() > 80 * 24 - 1);
    }

    @Test
    void boulderStampsAreUtcSoLocalMorningsAreQuiet() {
        SessionLog log = SessionLog.boulder();
        int[] byLocalHour = new int[24];
        for (Instant t : log.startsUtc()) {
            byLocalHour[t.atZone(log.localZone()).getHour()]++;
        }
        // If the UTC stamps were misread as local, the quiet night hours would land in the local working day.
        assertTrue(byLocalHour[3] < byLocalHour[12] / 5, "03h " + byLocalHour[3] + " vs 12h " + byLocalHour[12]);
        assertEquals(24_081, log.startsUtc().length);
    }
}
