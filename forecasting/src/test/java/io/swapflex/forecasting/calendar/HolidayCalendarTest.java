package io.swapflex.forecasting.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class HolidayCalendarTest {

    @Test
    void easterSundaysMatchPublishedDates() {
        assertEquals(LocalDate.of(2017, 4, 16), CountryHolidays.easterSunday(2017));
        assertEquals(LocalDate.of(2018, 4, 1), CountryHolidays.easterSunday(2018));
        assertEquals(LocalDate.of(2019, 4, 21), CountryHolidays.easterSunday(2019));
        assertEquals(LocalDate.of(2020, 4, 12), CountryHolidays.easterSunday(2020));
        assertEquals(LocalDate.of(2021, 4, 4), CountryHolidays.easterSunday(2021));
    }

    @Test
    void easterBasedAndRuleBasedHolidays() {
        HolidayCalendar de = HolidayCalendar.country("DE");
        assertEquals(1.0, de.weight(LocalDate.of(2019, 6, 10)), "Whit Monday 2019");
        assertEquals(1.0, de.weight(LocalDate.of(2019, 5, 30)), "Ascension 2019");
        assertEquals(0.5, de.weight(LocalDate.of(2019, 6, 20)), "Corpus Christi is regional");
        assertEquals(1.0, de.weight(LocalDate.of(2019, 10, 3)));
        assertEquals(0.0, de.weight(LocalDate.of(2019, 10, 4)));
        assertEquals(1.0, HolidayCalendar.country("FI").weight(LocalDate.of(2019, 6, 21)), "Midsummer Eve 2019");
        assertEquals(1.0, HolidayCalendar.country("DK").weight(LocalDate.of(2019, 5, 17)), "Great Prayer Day 2019");
        assertEquals(1.0, HolidayCalendar.country("NL").weight(LocalDate.of(2014, 4, 26)), "King's Day on Sunday moves to Saturday");
        assertEquals(1.0, HolidayCalendar.country("ES").weight(LocalDate.of(2020, 10, 12)));
        assertEquals(1.0, HolidayCalendar.country("FR").weight(LocalDate.of(2020, 5, 8)));
    }

    @Test
    void thaiHolidaysComeFromTheShippedCalendarFile() {
        HolidayCalendar th = HolidayCalendar.country("TH");
        assertEquals(1.0, th.weight(LocalDate.of(2019, 5, 18)), "Visakha Bucha 2019 (Saturday)");
        assertEquals(1.0, th.weight(LocalDate.of(2019, 5, 20)), "its substitution day");
        assertEquals(1.0, th.weight(LocalDate.of(2024, 5, 22)), "Visakha Bucha 2024");
        assertEquals(1.0, th.weight(LocalDate.of(2024, 2, 26)), "Makha Bucha 2024 in lieu of Saturday 24 February");
        assertEquals(1.0, th.weight(LocalDate.of(2020, 7, 5)), "Asarnha Bucha 2020");
        assertEquals(0.0, th.weight(LocalDate.of(2020, 4, 14)), "Songkran 2020 was postponed");
        assertEquals(0.5, th.weight(LocalDate.of(2026, 1, 2)), "a cabinet bridge day");
        assertEquals(0.0, th.weight(LocalDate.of(2026, 1, 10)), "Children's Day is no day off");
        assertEquals(1.0, th.weight(LocalDate.of(2027, 5, 20)), "Visakha Bucha 2027");
        assertEquals(0.0, th.weight(LocalDate.of(2026, 11, 26)), "the example station's day");
        assertThrows(IllegalArgumentException.class, () -> th.weight(LocalDate.of(2028, 1, 1)));
    }

    @Test
    void scottishHolidaysOnWeekendsGetSubstitutes() {
        HolidayCalendar gb = HolidayCalendar.country("GB");
        // 25 and 26 Dec 2021 were Saturday and Sunday → Monday 27 and Tuesday 28 off
        assertEquals(1.0, gb.weight(LocalDate.of(2021, 12, 27)));
        assertEquals(1.0, gb.weight(LocalDate.of(2021, 12, 28)));
        assertEquals(0.0, gb.weight(LocalDate.of(2021, 12, 29)));
        assertEquals(1.0, gb.weight(LocalDate.of(2019, 8, 5)), "Scottish summer bank holiday: first Monday of August");
        assertEquals(1.0, gb.weight(LocalDate.of(2020, 5, 8)), "VE-day move of the early May holiday");
        assertThrows(IllegalArgumentException.class, () -> HolidayCalendar.country("XX"));
    }
}
