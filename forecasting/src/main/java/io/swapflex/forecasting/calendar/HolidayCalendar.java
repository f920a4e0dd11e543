package io.swapflex.forecasting.calendar;

import java.time.LocalDate;
import java.util.Map;

/**
 * Holiday weight of a local date: 1 for a public holiday observed nationwide, 0.5 for one observed in part of the
 * country or de facto (Christmas Eve, New Year's Eve, the days between Christmas and New Year in most of Europe),
 * 0 otherwise. A weight rather than a flag because load on a half-observed day sits between the two.
 */
public interface HolidayCalendar {

    double weight(LocalDate date);

    HolidayCalendar NONE = d -> 0.0;

    static HolidayCalendar of(Map<LocalDate, Double> weights) {
        Map<LocalDate, Double> copy = Map.copyOf(weights);
        return d -> copy.getOrDefault(d, 0.0);
    }

    /**
     * Country calendar for 2011–2022: {@code DE, ES, FR, FI, DK, NL, GB} (Scotland, where the session data are),
     * {@code US} (other years weigh 0); {@code TH} for 2011–2027 from the shipped Thai calendar file (other years
     * throw); anything else throws.
     */
    static HolidayCalendar country(String code) {
        return CountryHolidays.of(code);
    }
}
