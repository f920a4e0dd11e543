package io.swapflex.datasets.calendar;

import io.swapflex.datasets.series.Csv;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Thai public holidays, 2011–2027, from the shipped file {@code /datasets/thailand-public-holidays/} (extracted from
 * the python-holidays library; see its {@code SOURCE.md} for the source, version, licence and how the dates were
 * checked). The Buddhist lunar holidays (Makha Bucha, Visakha Bucha, Asarnha Bucha, Buddhist Lent Day) and the
 * substitution ("in lieu") days come from there, not from rules in code.
 *
 * <p>A year outside the file is an {@link IllegalArgumentException} naming the years covered: the lunar holidays move
 * from year to year, so no rule can stand in for a missing year. Immutable and thread-safe.
 */
public final class ThaiPublicHolidays {

    /** Classpath location of the file. */
    public static final String RESOURCE = "/datasets/thailand-public-holidays/public_holidays_2011-2027.csv";

    /** What a listed day is, as the {@code kind} column says. */
    public enum Kind {
        /** The public holiday itself (fixed-date, lunar or royal), on its date. */
        HOLIDAY,
        /** A substitution day for a holiday that fell on a weekend (or on another holiday). */
        IN_LIEU,
        /** A one-off day off by cabinet resolution: bridge days, the 2011 flood lockdown, royal mourning, cremation. */
        SPECIAL,
        /** Listed by the source but not a day off (National Children's Day, always a Saturday). */
        OBSERVANCE
    }

    /** One row of the file. */
    public record Day(LocalDate date, Kind kind, String name) {
    }

    private static final ThaiPublicHolidays SHIPPED = parse(Csv.readResource(RESOURCE), RESOURCE);

    private final List<Day> days;
    private final int firstYear;
    private final int lastYear;

    private ThaiPublicHolidays(List<Day> days) {
        this.days = List.copyOf(days);
        this.firstYear = days.get(0).date().getYear();
        this.lastYear = days.get(days.size() - 1).date().getYear();
    }

    /** The shipped file, read once. */
    public static ThaiPublicHolidays load() {
        return SHIPPED;
    }

    /** Parses rows of the file's layout (header {@code date,kind,name} first), which must be in date order. */
    static ThaiPublicHolidays parse(List<String[]> rows, String where) {
        if (rows.isEmpty() || !Arrays.equals(rows.get(0), new String[] {"date", "kind", "name"})) {
            throw new IllegalArgumentException(where + ": header must be date,kind,name");
        }
        List<Day> days = new ArrayList<>();
        for (int r = 1; r < rows.size(); r++) {
            String[] row = rows.get(r);
            if (row.length != 3) {
                throw new IllegalArgumentException(where + " line " + (r + 1) + ": " + row.length + " fields, want 3");
            }
            Day day;
            try {
                day = new Day(LocalDate.parse(row[0]), Kind.valueOf(row[1].toUpperCase(Locale.ROOT)), row[2]);
            } catch (DateTimeParseException | IllegalArgumentException e) {
                throw new IllegalArgumentException(where + " line " + (r + 1) + ": " + e.getMessage(), e);
            }
            if (!days.isEmpty() && day.date().isBefore(days.get(days.size() - 1).date())) {
                throw new IllegalArgumentException(where + " line " + (r + 1) + ": " + day.date() + " out of order");
            }
            days.add(day);
        }
        if (days.isEmpty()) {
            throw new IllegalArgumentException(where + ": no rows");
        }
        return new ThaiPublicHolidays(days);
    }

    public int firstYear() {
        return firstYear;
    }

    public int lastYear() {
        return lastYear;
    }

    /** Refuses a year the file does not cover, with an {@link IllegalArgumentException} naming the years it does. */
    public void requireCovered(int year) {
        if (year < firstYear || year > lastYear) {
            throw new IllegalArgumentException("Thai public holidays are shipped for " + firstYear + "–" + lastYear
                    + " only (" + RESOURCE + "), not " + year);
        }
    }

    /** Every listed day of a year, in date order; a year outside the file is refused. */
    public List<Day> year(int year) {
        requireCovered(year);
        return days.stream().filter(d -> d.date().getYear() == year).toList();
    }

    /** Every listed day of every year, in date order. */
    public List<Day> all() {
        return days;
    }
}
