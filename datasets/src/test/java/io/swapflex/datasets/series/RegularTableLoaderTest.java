package io.swapflex.datasets.series;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegularTableLoaderTest {

    private static List<String[]> rows(String... lines) {
        return java.util.Arrays.stream(lines).map(Csv::split).toList();
    }

    @Test
    void missingRowsAndEmptyCellsBecomeGaps() {
        SeriesFrame f = RegularTableLoader.parse("t", "test", rows(
                "timestamp_utc,A_actual_mw,A_eur_mwh",
                "2019-01-01T00:00:00Z,1,10",
                "2019-01-01T01:00:00Z,,11",
                "2019-01-01T03:00:00Z,4,13"));
        TimeSeries a = f.column("A_actual_mw");
        assertEquals(4, a.size());
        assertEquals(Duration.ofHours(1), a.step());
        assertTrue(Double.isNaN(a.values()[1]), "empty cell");
        assertTrue(Double.isNaN(a.values()[2]), "missing row");
        assertEquals(4.0, a.values()[3]);
        assertEquals("MW", a.unit());
        assertEquals("EUR/MWh", f.column("A_eur_mwh").unit());
    }

    @Test
    void fixedOffsetTimestampsAreConvertedToUtc() {
        SeriesFrame f = RegularTableLoader.parse("t", "test", rows(
                "period_start_nem,demand_mw",
                "2012-01-01T00:00:00+10:00,1",
                "2012-01-01T00:30:00+10:00,2"));
        assertEquals(Instant.parse("2011-12-31T14:00:00Z"), f.start());
        assertEquals(Duration.ofMinutes(30), f.step());
    }

    @Test
    void rejectsDuplicatedOrOffGridTimestamps() {
        assertThrows(IllegalArgumentException.class, () -> RegularTableLoader.parse("t", "test", rows(
                "ts,v", "2019-01-01T00:00:00Z,1", "2019-01-01T01:00:00Z,2", "2019-01-01T01:00:00Z,3")));
        assertThrows(IllegalArgumentException.class, () -> RegularTableLoader.parse("t", "test", rows(
                "ts,v", "2019-01-01T00:00:00Z,1", "2019-01-01T01:00:00Z,2", "2019-01-01T02:30:00Z,3")));
    }

    @Test
    void unknownColumnMessageListsTheColumns() {
        SeriesFrame f = RegularTableLoader.parse("t", "test", rows("ts,v_mw", "2019-01-01T00:00:00Z,1", "2019-01-01T01:00:00Z,2"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f.column("w"));
        assertTrue(e.getMessage().contains("v_mw"), e.getMessage());
    }
}
