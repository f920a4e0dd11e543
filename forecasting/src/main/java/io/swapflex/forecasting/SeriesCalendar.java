package io.swapflex.forecasting;

import io.swapflex.forecasting.calendar.HolidayCalendar;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * Where a series lives: calendar features (slot of day, weekday, holidays) are taken in this local time, because
 * people follow the wall clock, not UTC.
 *
 * @param zone     local time zone
 * @param holidays holiday calendar of the zone's country
 */
public record SeriesCalendar(ZoneId zone, HolidayCalendar holidays) {

    public ZonedDateTime local(Instant t) {
        return t.atZone(zone);
    }

    public LocalDate localDate(Instant t) {
        return t.atZone(zone).toLocalDate();
    }

    /** Slot of the local day (0 … steps per day − 1); the repeated autumn hour shares its slot. */
    public int slotOfDay(Instant t, Duration step) {
        ZonedDateTime z = t.atZone(zone);
        return (int) ((z.getHour() * 60L + z.getMinute()) / step.toMinutes());
    }

    /** Monday = 0 … Sunday = 6, local. */
    public int weekday(Instant t) {
        return t.atZone(zone).getDayOfWeek().getValue() - 1;
    }

    /** Holiday weight of the local day of {@code t}: 1 public holiday, 0.5 regional or de-facto, 0 normal. */
    public double holiday(Instant t) {
        return holidays.weight(localDate(t));
    }
}
