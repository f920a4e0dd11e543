package io.swapflex.datasets.tariff;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ThaiTouTariffTest {

    private static final double EPS = 1e-12;
    private final ThaiTouTariff tariff = ThaiTouTariff.load();

    @Test
    void readsTheRatesOfTheDataset() {
        assertEquals(List.of("1.2/2.2 (TOU)", "5.2.1", "5.2.2", "5.2.3"), tariff.tariffCodes());
        assertEquals(5.7982, tariff.onPeakThbPerKwh(ThaiTouTariff.RESIDENTIAL_SMALL_BUSINESS), EPS);
        assertEquals(2.6369, tariff.offPeakThbPerKwh(ThaiTouTariff.RESIDENTIAL_SMALL_BUSINESS), EPS);
        ThaiTouTariff.Rate small = tariff.rate(ThaiTouTariff.RESIDENTIAL_SMALL_BUSINESS);
        assertNull(small.onPeakDemandThbPerKw());
        assertNull(small.serviceChargeThbPerMonth());
        assertEquals("capsolar", small.sourceId());

        ThaiTouTariff.Rate hotel = tariff.rate("5.2.2");
        assertEquals("MEA", hotel.utility());
        assertEquals("12-24 kV", hotel.voltageLevel());
        assertEquals(4.1839, hotel.onPeakEnergyThbPerKwh(), EPS);
        assertEquals(2.6037, hotel.offPeakEnergyThbPerKwh(), EPS);
        assertEquals(132.93, hotel.onPeakDemandThbPerKw(), EPS);
        assertEquals(0.0, hotel.offPeakDemandThbPerKw(), EPS);
        assertEquals(312.24, hotel.serviceChargeThbPerMonth(), EPS);
    }

    @Test
    void retailPriceAddsFtThenVat() {
        ThaiTouTariff.Rate small = tariff.rate(ThaiTouTariff.RESIDENTIAL_SMALL_BUSINESS);
        assertEquals((5.7982 + 0.1623) * 1.07, small.retailPerKwh(true), 1e-12);
        assertEquals((2.6369 + 0.1623) * 1.07, small.retailPerKwh(false), 1e-12);
        assertEquals(2.6369, small.retailPerKwh(false, 0.0, 0.0), 1e-12);
    }

    @Test
    void unknownTariffCodeNamesTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tariff.rate("4.2.1"));
        assertTrue(e.getMessage().contains("5.2.3"), e.getMessage());
    }

    @Test
    void onPeakIsNineToTwentyTwoOnWeekdays() {
        // 2026-11-26 is a Thursday
        assertFalse(ThaiTouTariff.isOnPeak(LocalDateTime.parse("2026-11-26T08:59:59")));
        assertTrue(ThaiTouTariff.isOnPeak(LocalDateTime.parse("2026-11-26T09:00")));
        assertTrue(ThaiTouTariff.isOnPeak(LocalDateTime.parse("2026-11-26T21:59:59")));
        assertFalse(ThaiTouTariff.isOnPeak(LocalDateTime.parse("2026-11-26T22:00")));
        assertFalse(ThaiTouTariff.isOnPeak(LocalDateTime.parse("2026-11-26T00:00")));
        // Saturday and Sunday are off-peak all day
        assertFalse(ThaiTouTariff.isOnPeak(LocalDateTime.parse("2026-11-28T12:00")));
        assertFalse(ThaiTouTariff.isOnPeak(LocalDateTime.parse("2026-11-29T12:00")));
        assertTrue(ThaiTouTariff.isOnPeak(LocalDateTime.parse("2026-11-30T12:00")));
    }

    @Test
    void holidaysPassedInAreOffPeak() {
        LocalDateTime labourDayNoon = LocalDateTime.parse("2026-05-01T12:00"); // a Friday
        assertTrue(ThaiTouTariff.isOnPeak(labourDayNoon));
        assertFalse(ThaiTouTariff.isOnPeak(labourDayNoon, Set.of(LocalDate.parse("2026-05-01"))));
        assertTrue(ThaiTouTariff.isOnPeak(labourDayNoon, Set.of(LocalDate.parse("2026-05-04"))));
        assertThrows(NullPointerException.class, () -> ThaiTouTariff.isOnPeak(labourDayNoon, null));
    }

    @Test
    void instantsAreJudgedInBangkokTime() {
        // 02:30 UTC = 09:30 in Bangkok
        assertTrue(ThaiTouTariff.isOnPeak(OffsetDateTime.parse("2026-11-26T02:30:00Z"), Set.of()));
        // 15:30 UTC = 22:30 in Bangkok
        assertFalse(ThaiTouTariff.isOnPeak(OffsetDateTime.parse("2026-11-26T15:30:00Z"), Set.of()));
        // Friday 23:30 UTC is Saturday 06:30 in Bangkok
        assertFalse(ThaiTouTariff.isOnPeak(
                OffsetDateTime.of(2026, 11, 27, 23, 30, 0, 0, ZoneOffset.UTC), Set.of()));
    }

    @Test
    void pricesPerSlotFollowTheSchedule() {
        OffsetDateTime start = OffsetDateTime.parse("2026-11-26T00:00:00+07:00");
        double[] prices = tariff.retailPricePerSlot(ThaiTouTariff.RESIDENTIAL_SMALL_BUSINESS, start, 15, 96,
                ThaiTouTariff.FT_2026_THB_PER_KWH, ThaiTouTariff.VAT, Set.of());
        double on = (5.7982 + 0.1623) * 1.07;
        double off = (2.6369 + 0.1623) * 1.07;
        for (int t = 0; t < 96; t++) {
            boolean onPeak = t >= 36 && t < 88; // 09:00 = slot 36, 22:00 = slot 88
            assertEquals(onPeak ? on : off, prices[t], EPS, "slot " + t);
        }
    }

    @Test
    void theCodeAgreesWithTouPeriodsCsv() throws IOException {
        List<List<String>> rows;
        try (InputStream in = ThaiTouTariff.class.getResourceAsStream(ThaiTouTariff.RESOURCE_DIR + "tou_periods.csv")) {
            rows = ThaiTouTariff.Csv.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        assertEquals(List.of("period", "applies_on", "start_local", "end_local"), rows.get(0));
        assertEquals(List.of("on_peak", "Monday-Friday (working days)", "09:00", "22:00"), rows.get(1));
        assertEquals("off_peak", rows.get(3).get(0));
        assertTrue(rows.get(3).get(1).startsWith("Saturday, Sunday"), rows.get(3).get(1)); // quoted field with commas
        assertEquals(ThaiTouTariff.ON_PEAK_START.toString(), rows.get(1).get(2));
        assertEquals(ThaiTouTariff.ON_PEAK_END.toString(), rows.get(1).get(3));
    }

    @Test
    void csvReaderHandlesQuotesAndCrLf() {
        List<List<String>> rows = ThaiTouTariff.Csv.parse("a,b\r\n\"x, \"\"y\"\"\",\r\n");
        assertEquals(List.of(List.of("a", "b"), List.of("x, \"y\"", "")), rows);
    }
}
