package io.swapflex.forecasting.calendar;

import java.time.LocalDate;
import java.util.List;

/**
 * Thai Buddhist holidays follow the lunar calendar, so they come from a table: Makha Bucha, Visakha Bucha, Asanha
 * Bucha and Khao Phansa (the day after Asanha Bucha), 2017–2021, as announced by the Thai cabinet. Substitution
 * holidays are left out on purpose: the TOU tariff does not treat them as off-peak days. Other years: none listed.
 */
final class ThaiLunarHolidays {

    private ThaiLunarHolidays() {
    }

    static List<LocalDate> of(int year) {
        return switch (year) {
            case 2017 -> dates("2017-02-11", "2017-05-10", "2017-07-08", "2017-07-09");
            case 2018 -> dates("2018-03-01", "2018-05-29", "2018-07-27", "2018-07-28");
            case 2019 -> dates("2019-02-19", "2019-05-18", "2019-07-16", "2019-07-17");
            case 2020 -> dates("2020-02-08", "2020-05-06", "2020-07-05", "2020-07-06");
            case 2021 -> dates("2021-02-26", "2021-05-26", "2021-07-24", "2021-07-25");
            default -> List.of();
        };
    }

    private static List<LocalDate> dates(String... iso) {
        return java.util.Arrays.stream(iso).map(LocalDate::parse).toList();
    }
}
