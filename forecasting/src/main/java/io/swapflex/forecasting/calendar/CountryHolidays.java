package io.swapflex.forecasting.calendar;

import io.swapflex.datasets.calendar.ThaiPublicHolidays;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.HashMap;
import java.util.Map;

/**
 * Public holidays by country, computed per year (fixed dates, Easter-based dates, n-th weekday rules) for
 * {@link #FIRST_YEAR}–{@link #LAST_YEAR}. Thailand's come from the shipped calendar file instead
 * ({@link ThaiPublicHolidays}: its lunar holidays follow no rule that code could hold).
 */
final class CountryHolidays {

    static final int FIRST_YEAR = 2011;
    static final int LAST_YEAR = 2022;
    private static final double FULL = 1.0;
    private static final double PART = 0.5;

    private CountryHolidays() {
    }

    static HolidayCalendar of(String code) {
        if (code.equals("TH")) {
            return thailand(ThaiPublicHolidays.load());
        }
        Map<LocalDate, Double> w = new HashMap<>();
        for (int y = FIRST_YEAR; y <= LAST_YEAR; y++) {
            LocalDate easter = easterSunday(y);
            switch (code) {
                case "DE" -> germany(w, y, easter);
                case "ES" -> spain(w, y, easter);
                case "FR" -> france(w, y, easter);
                case "FI" -> finland(w, y, easter);
                case "DK" -> denmark(w, y, easter);
                case "NL" -> netherlands(w, y, easter);
                case "GB" -> scotland(w, y, easter);
                case "US" -> unitedStates(w, y);
                default -> throw new IllegalArgumentException("no holiday calendar for country '" + code
                        + "'; known: DE, ES, FR, FI, DK, NL, GB, TH, US");
            }
        }
        return HolidayCalendar.of(w);
    }

    /** Gregorian Easter Sunday (anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
    static LocalDate easterSunday(int year) {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = ((h + l - 7 * m + 114) % 31) + 1;
        return LocalDate.of(year, month, day);
    }

    private static void put(Map<LocalDate, Double> w, LocalDate d, double weight) {
        w.merge(d, weight, Math::max);
    }

    /** Christmas Eve to New Year's Eve: offices and much industry close in continental Europe. */
    private static void christmasWeek(Map<LocalDate, Double> w, int y) {
        for (int day = 24; day <= 31; day++) {
            put(w, LocalDate.of(y, 12, day), PART);
        }
    }

    private static void germany(Map<LocalDate, Double> w, int y, LocalDate easter) {
        put(w, LocalDate.of(y, 1, 1), FULL);
        put(w, LocalDate.of(y, 1, 6), PART); // Epiphany: BW, BY, ST
        put(w, easter.minusDays(2), FULL);
        put(w, easter.plusDays(1), FULL);
        put(w, LocalDate.of(y, 5, 1), FULL);
        put(w, easter.plusDays(39), FULL);
        put(w, easter.plusDays(50), FULL);
        put(w, easter.plusDays(60), PART); // Corpus Christi: the south and west
        put(w, LocalDate.of(y, 10, 3), FULL);
        put(w, LocalDate.of(y, 10, 31), y == 2017 ? FULL : PART); // Reformation Day: nationwide only in 2017
        put(w, LocalDate.of(y, 11, 1), PART); // All Saints: the south and west
        christmasWeek(w, y);
        put(w, LocalDate.of(y, 12, 25), FULL);
        put(w, LocalDate.of(y, 12, 26), FULL);
    }

    private static void spain(Map<LocalDate, Double> w, int y, LocalDate easter) {
        for (int[] md : new int[][] {{1, 1}, {1, 6}, {5, 1}, {8, 15}, {10, 12}, {11, 1}, {12, 6}, {12, 8}, {12, 25}}) {
            put(w, LocalDate.of(y, md[0], md[1]), FULL);
        }
        put(w, easter.minusDays(3), PART); // Maundy Thursday: all regions but Catalonia and Valencia
        put(w, easter.minusDays(2), FULL);
        put(w, easter.plusDays(1), PART); // Easter Monday: Catalonia, Valencia, Basque Country, Navarre
        christmasWeek(w, y);
    }

    private static void france(Map<LocalDate, Double> w, int y, LocalDate easter) {
        for (int[] md : new int[][] {{1, 1}, {5, 1}, {5, 8}, {7, 14}, {8, 15}, {11, 1}, {11, 11}, {12, 25}}) {
            put(w, LocalDate.of(y, md[0], md[1]), FULL);
        }
        put(w, easter.plusDays(1), FULL);
        put(w, easter.plusDays(39), FULL);
        put(w, easter.plusDays(50), PART); // Whit Monday: "journée de solidarité", worked by many
        christmasWeek(w, y);
    }

    private static void finland(Map<LocalDate, Double> w, int y, LocalDate easter) {
        for (int[] md : new int[][] {{1, 1}, {1, 6}, {5, 1}, {12, 6}, {12, 24}, {12, 25}, {12, 26}}) {
            put(w, LocalDate.of(y, md[0], md[1]), FULL);
        }
        put(w, easter.minusDays(2), FULL);
        put(w, easter.plusDays(1), FULL);
        put(w, easter.plusDays(39), FULL);
        LocalDate midsummerEve = LocalDate.of(y, 6, 19).with(TemporalAdjusters.nextOrSame(DayOfWeek.FRIDAY));
        put(w, midsummerEve, FULL);
        put(w, midsummerEve.plusDays(1), FULL);
        put(w, LocalDate.of(y, 10, 31).with(TemporalAdjusters.nextOrSame(DayOfWeek.SATURDAY)), FULL); // All Saints
        christmasWeek(w, y);
    }

    private static void denmark(Map<LocalDate, Double> w, int y, LocalDate easter) {
        put(w, LocalDate.of(y, 1, 1), FULL);
        put(w, easter.minusDays(3), FULL);
        put(w, easter.minusDays(2), FULL);
        put(w, easter.plusDays(1), FULL);
        put(w, easter.plusDays(26), FULL); // Great Prayer Day (abolished from 2024)
        put(w, easter.plusDays(39), FULL);
        put(w, easter.plusDays(50), FULL);
        put(w, LocalDate.of(y, 6, 5), PART); // Constitution Day: half day for many
        christmasWeek(w, y);
        put(w, LocalDate.of(y, 12, 24), FULL);
        put(w, LocalDate.of(y, 12, 25), FULL);
        put(w, LocalDate.of(y, 12, 26), FULL);
    }

    private static void netherlands(Map<LocalDate, Double> w, int y, LocalDate easter) {
        put(w, LocalDate.of(y, 1, 1), FULL);
        put(w, easter.minusDays(2), PART);
        put(w, easter.plusDays(1), FULL);
        LocalDate kingsDay = LocalDate.of(y, 4, y <= 2013 ? 30 : 27); // Queen's Day until 2013
        put(w, kingsDay.getDayOfWeek() == DayOfWeek.SUNDAY ? kingsDay.minusDays(1) : kingsDay, FULL);
        put(w, LocalDate.of(y, 5, 5), y % 5 == 0 ? FULL : PART); // Liberation Day: a day off every fifth year
        put(w, easter.plusDays(39), FULL);
        put(w, easter.plusDays(50), FULL);
        christmasWeek(w, y);
        put(w, LocalDate.of(y, 12, 25), FULL);
        put(w, LocalDate.of(y, 12, 26), FULL);
    }

    /** Scottish bank holidays (the UK session data are from Scotland), with weekend substitutes. */
    private static void scotland(Map<LocalDate, Double> w, int y, LocalDate easter) {
        LocalDate jan1 = LocalDate.of(y, 1, 1);
        LocalDate jan2 = LocalDate.of(y, 1, 2);
        substitutedPair(w, jan1, jan2);
        put(w, easter.minusDays(2), FULL);
        LocalDate earlyMay = y == 2020 ? LocalDate.of(2020, 5, 8)
                : LocalDate.of(y, 5, 1).with(TemporalAdjusters.firstInMonth(DayOfWeek.MONDAY));
        put(w, earlyMay, FULL);
        put(w, LocalDate.of(y, 5, 1).with(TemporalAdjusters.lastInMonth(DayOfWeek.MONDAY)), FULL);
        put(w, LocalDate.of(y, 8, 1).with(TemporalAdjusters.firstInMonth(DayOfWeek.MONDAY)), FULL);
        put(w, LocalDate.of(y, 11, 30), PART); // St Andrew's Day: optional for employers
        substitutedPair(w, LocalDate.of(y, 12, 25), LocalDate.of(y, 12, 26));
    }

    /** Two consecutive holidays; one falling on a weekend moves to the next free weekday. */
    private static void substitutedPair(Map<LocalDate, Double> w, LocalDate first, LocalDate second) {
        put(w, first, FULL);
        put(w, second, FULL);
        int weekendHits = (isWeekend(first) ? 1 : 0) + (isWeekend(second) ? 1 : 0);
        LocalDate d = second.plusDays(1);
        while (weekendHits > 0) {
            if (!isWeekend(d)) {
                put(w, d, FULL);
                weekendHits--;
            }
            d = d.plusDays(1);
        }
    }

    private static boolean isWeekend(LocalDate d) {
        return d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
    }

    private static void unitedStates(Map<LocalDate, Double> w, int y) {
        put(w, LocalDate.of(y, 1, 1), FULL);
        put(w, LocalDate.of(y, 1, 1).with(TemporalAdjusters.dayOfWeekInMonth(3, DayOfWeek.MONDAY)), PART);
        put(w, LocalDate.of(y, 2, 1).with(TemporalAdjusters.dayOfWeekInMonth(3, DayOfWeek.MONDAY)), PART);
        put(w, LocalDate.of(y, 5, 1).with(TemporalAdjusters.lastInMonth(DayOfWeek.MONDAY)), FULL);
        put(w, LocalDate.of(y, 7, 4), FULL);
        put(w, LocalDate.of(y, 9, 1).with(TemporalAdjusters.firstInMonth(DayOfWeek.MONDAY)), FULL);
        LocalDate thanksgiving = LocalDate.of(y, 11, 1).with(TemporalAdjusters.dayOfWeekInMonth(4, DayOfWeek.THURSDAY));
        put(w, thanksgiving, FULL);
        put(w, thanksgiving.plusDays(1), PART);
        put(w, LocalDate.of(y, 12, 24), PART);
        put(w, LocalDate.of(y, 12, 25), FULL);
        put(w, LocalDate.of(y, 12, 31), PART);
    }

    /**
     * Thai holidays from the shipped file: the holiday and its substitution day (in lieu) weigh 1 (offices, schools
     * and most employers close on both), a cabinet's one-off day off weighs 0.5 (the public sector closes, much
     * private business does not), an observance (Children's Day, a Saturday) 0. A date in a year the file does not
     * cover is an {@link IllegalArgumentException}: its lunar holidays cannot be made up.
     */
    static HolidayCalendar thailand(ThaiPublicHolidays file) {
        Map<LocalDate, Double> w = new HashMap<>();
        for (ThaiPublicHolidays.Day d : file.all()) {
            switch (d.kind()) {
                case HOLIDAY, IN_LIEU -> put(w, d.date(), FULL);
                case SPECIAL -> put(w, d.date(), PART);
                case OBSERVANCE -> { }
            }
        }
        Map<LocalDate, Double> weights = Map.copyOf(w);
        return date -> {
            file.requireCovered(date.getYear());
            return weights.getOrDefault(date, 0.0);
        };
    }
}
