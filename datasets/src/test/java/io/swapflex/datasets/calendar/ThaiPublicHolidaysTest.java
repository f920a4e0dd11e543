package io.swapflex.datasets.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swapflex.datasets.calendar.ThaiPublicHolidays.Day;
import io.swapflex.datasets.calendar.ThaiPublicHolidays.Kind;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Dates stated in the shipped file's SOURCE.md, checked against what the loader reads. */
class ThaiPublicHolidaysTest {

    private static final List<String> LUNAR =
            List.of("Makha Bucha", "Visakha Bucha", "Asarnha Bucha", "Buddhist Lent Day");

    private final ThaiPublicHolidays thai = ThaiPublicHolidays.load();

    private Map<LocalDate, Day> byDate(int year) {
        return thai.year(year).stream().collect(Collectors.toMap(Day::date, d -> d));
    }

    private void assertDay(String iso, Kind kind, String name) {
        LocalDate date = LocalDate.parse(iso);
        Day day = byDate(date.getYear()).get(date);
        assertTrue(day != null, iso + " should be listed as " + name);
        assertEquals(kind, day.kind(), iso);
        assertTrue(day.name().contains(name), iso + " is " + day.name() + ", expected " + name);
    }

    @Test
    void coversTheYearsOfTheDataAndTheSimulation() {
        assertEquals(2011, thai.firstYear());
        assertEquals(2027, thai.lastYear());
        assertEquals(422, thai.all().size());
    }

    @Test
    void buddhistLunarHolidaysOnThePublishedDates() {
        assertDay("2024-05-22", Kind.HOLIDAY, "Visakha Bucha");
        assertDay("2021-05-26", Kind.HOLIDAY, "Visakha Bucha");
        assertDay("2020-05-06", Kind.HOLIDAY, "Visakha Bucha");
        assertDay("2019-05-18", Kind.HOLIDAY, "Visakha Bucha");
        assertDay("2023-06-03", Kind.HOLIDAY, "Visakha Bucha"); // a leap-month year: June, with the Queen's birthday
        assertDay("2020-02-08", Kind.HOLIDAY, "Makha Bucha");
        assertDay("2024-02-24", Kind.HOLIDAY, "Makha Bucha");
        assertDay("2025-02-12", Kind.HOLIDAY, "Makha Bucha");
        assertDay("2020-07-05", Kind.HOLIDAY, "Asarnha Bucha");
        assertDay("2020-07-06", Kind.HOLIDAY, "Buddhist Lent Day");
        assertDay("2026-05-31", Kind.HOLIDAY, "Visakha Bucha");
    }

    @Test
    void weekendHolidaysHaveTheirSubstitutionDay() {
        assertDay("2024-02-26", Kind.IN_LIEU, "Makha Bucha (in lieu)"); // for Saturday 24 February
        assertDay("2024-07-22", Kind.IN_LIEU, "Asarnha Bucha (in lieu)"); // for Saturday 20 July
        assertDay("2020-07-07", Kind.IN_LIEU, "Asarnha Bucha (in lieu)"); // Sunday 5 July, Monday taken by Lent Day
        assertDay("2026-06-01", Kind.IN_LIEU, "Visakha Bucha (in lieu)"); // for Sunday 31 May
        // Songkran 2020 was postponed (Covid-19): no 13–15 April, substitution days later in the year
        Map<LocalDate, Day> y2020 = byDate(2020);
        for (int d = 13; d <= 15; d++) {
            assertTrue(!y2020.containsKey(LocalDate.of(2020, 4, d)), "no Songkran on 2020-04-" + d);
        }
        assertDay("2020-07-27", Kind.IN_LIEU, "Songkran Festival (in lieu)");
        assertDay("2020-09-04", Kind.IN_LIEU, "Songkran Festival (in lieu)");
        assertDay("2020-09-07", Kind.IN_LIEU, "Songkran Festival (in lieu)");
        assertDay("2024-04-12", Kind.SPECIAL, "Bridge Public Holiday");
    }

    @Test
    void everyYearHasEachLunarHolidayOnceAndLentDayFollowsAsarnhaBucha() {
        for (int y = thai.firstYear(); y <= thai.lastYear(); y++) {
            for (String name : LUNAR) {
                assertEquals(1, holidaysNamed(y, name).size(), y + " " + name + ": " + holidaysNamed(y, name));
            }
            LocalDate asarnha = holidaysNamed(y, "Asarnha Bucha").get(0);
            assertEquals(asarnha.plusDays(1), holidaysNamed(y, "Buddhist Lent Day").get(0),
                    "Lent Day is the day after, " + y);
        }
    }

    @Test
    void substitutionDaysAreWorkingWeekdaysAfterTheirHoliday() {
        for (Day d : thai.all()) {
            if (d.kind() == Kind.IN_LIEU) {
                DayOfWeek w = d.date().getDayOfWeek();
                assertTrue(w != DayOfWeek.SATURDAY && w != DayOfWeek.SUNDAY, d + " falls on a weekend");
            }
        }
    }

    @Test
    void yearsOutsideTheFileAreRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> thai.year(2028));
        assertTrue(e.getMessage().contains("2011–2027"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> thai.requireCovered(2010));
    }

    @Test
    void malformedFilesAreRefused() {
        String[] header = {"date", "kind", "name"};
        assertThrows(IllegalArgumentException.class, () -> ThaiPublicHolidays.parse(
                List.of(header, new String[] {"2024-05-22", "feast", "Visakha Bucha"}), "test"));
        assertThrows(IllegalArgumentException.class, () -> ThaiPublicHolidays.parse(List.of(header,
                new String[] {"2024-05-22", "holiday", "Visakha Bucha"},
                new String[] {"2024-02-24", "holiday", "Makha Bucha"}), "test"));
        assertThrows(IllegalArgumentException.class, () -> ThaiPublicHolidays.parse(
                List.<String[]>of(new String[] {"day", "kind", "name"}), "test"));
    }

    /** Dates of the year's {@code holiday} rows that carry the name (two holidays on one day are joined by "; "). */
    private List<LocalDate> holidaysNamed(int year, String name) {
        return thai.year(year).stream()
                .filter(d -> d.kind() == Kind.HOLIDAY && List.of(d.name().split("; ")).contains(name))
                .map(Day::date).toList();
    }
}
