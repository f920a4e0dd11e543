package io.swapflex.datasets.series;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimeSeriesTest {

    private final TimeSeries s = new TimeSeries("x", "MW", Instant.parse("2019-01-01T00:00:00Z"), Duration.ofHours(1),
            new double[] {1, 2, Double.NaN, 4});

    @Test
    void indexesOnTheGridAndRejectsOffGridInstants() {
        assertEquals(2, s.indexOf(Instant.parse("2019-01-01T02:00:00Z")));
        assertEquals(-1, s.indexOf(Instant.parse("2018-12-31T23:00:00Z")));
        assertThrows(IllegalArgumentException.class, () -> s.indexOf(Instant.parse("2019-01-01T02:30:00Z")));
    }

    @Test
    void sliceOutsideGivesNaNAndBeforeCutsAtTheCutoff() {
        TimeSeries sl = s.slice(Instant.parse("2019-01-01T03:00:00Z"), Instant.parse("2019-01-01T05:00:00Z"));
        assertEquals(4.0, sl.values()[0]);
        assertTrue(Double.isNaN(sl.values()[1]));
        assertArrayEquals(new double[] {1, 2}, s.before(Instant.parse("2019-01-01T02:00:00Z")).values());
        // an interval that started before the cutoff is kept (before() cuts on interval starts)
        assertEquals(3, s.before(Instant.parse("2019-01-01T02:30:00Z")).size());
        assertEquals(0, s.before(Instant.parse("2018-01-01T00:00:00Z")).size());
        assertEquals(1, s.countMissing());
    }
}
