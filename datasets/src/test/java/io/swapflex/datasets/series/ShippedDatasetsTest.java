package io.swapflex.datasets.series;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Facts stated in each dataset's SOURCE.md, checked against what the loaders produce. */
class ShippedDatasetsTest {

    @Test
    void entsoeLoadIsOneUtcYearWithTheDocumentedGaps() {
        SeriesFrame f = Datasets.load(Datasets.ENTSOE_LOAD);
        assertEquals(Instant.parse("2019-01-01T00:00:00Z"), f.start());
        assertEquals(8760, f.column("DE_actual_mw").size());
        assertEquals(25, f.column("DE_actual_mw").countMissing());
        assertEquals(12, f.column("FR_dayahead_forecast_mw").countMissing());
        assertEquals(97, f.column("NO1_dayahead_forecast_mw").countMissing());
        assertEquals(0, f.column("ES_actual_mw").countMissing());
        // DE was divided by 4 at conversion: its mean must be the known ~55 GW, not ~220 GW.
        double sum = 0;
        int n = 0;
        for (double v : f.column("DE_actual_mw").values()) {
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        assertEquals(55_224, sum / n, 5);
    }

    @Test
    void pricesHave24UtcHoursOnDstChangeDays() {
        TimeSeries de = Datasets.load(Datasets.ENTSOE_PRICES).column("DE_eur_mwh");
        assertEquals(17_544, de.size());
        assertEquals(0, de.countMissing());
        // 2019-03-31 is 23 hours long in Brussels but 24 in UTC: all 24 UTC hours exist and differ from their neighbours.
        TimeSeries day = de.slice(Instant.parse("2019-03-31T00:00:00Z"), Instant.parse("2019-04-01T00:00:00Z"));
        assertEquals(0, day.countMissing());
        assertEquals(-4.08, de.valueAt(Instant.parse("2019-01-01T01:00:00Z")));
    }

    @Test
    void aemoIsHalfHourlyInNemTimeWithTemperatureAndHolidays() {
        SeriesFrame f = Datasets.load(Datasets.AEMO_VIC);
        assertEquals(Duration.ofMinutes(30), f.step());
        assertEquals(Instant.parse("2011-12-31T14:00:00Z"), f.start());
        assertEquals(52_608, f.column("demand_mw").size());
        assertEquals(0, f.column("temperature_c").countMissing());
        // 2012-01-02 (substitute New Year holiday) is flagged for all 48 NEM half-hours.
        Instant day = LocalDate.of(2012, 1, 2).atStartOfDay(ZoneId.of("+10:00")).toInstant();
        TimeSeries h = f.column("holiday").slice(day, day.plus(Duration.ofDays(1)));
        for (double v : h.values()) {
            assertEquals(1.0, v);
        }
    }

    @Test
    void sessionDatasetsExposeHourlyArrivals() {
        TimeSeries a = Datasets.load(Datasets.PERTH_KINROSS).column("arrivals");
        double total = 0;
        for (double v : a.values()) {
            total += v;
        }
        assertEquals(52_835, total, 0.0);
        assertEquals("count", a.unit());
        assertTrue(a.start().equals(Instant.parse("2017-09-01T05:00:00Z")), "06:39 BST is 05:39 UTC: " + a.start());
    }
}
