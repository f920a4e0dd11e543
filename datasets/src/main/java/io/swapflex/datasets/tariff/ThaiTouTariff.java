package io.swapflex.datasets.tariff;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The Thai (MEA / PEA) time-of-use electricity tariff, from the hand-typed dataset in
 * {@code /datasets/thailand-tou-tariff/} on the classpath (see its {@code SOURCE.md} for where every number comes from).
 *
 * <p>Rates from {@code tou_rates.csv} are base energy charges in THB/kWh, <b>before</b> the Ft fuel-adjustment charge
 * and <b>before</b> 7 % VAT; {@link Rate#retailPerKwh(boolean, double, double)} adds both.
 *
 * <p>Periods (Asia/Bangkok local time, no DST): on-peak 09:00–22:00 Monday–Friday; off-peak 22:00–09:00 on those
 * days and all day on Saturday, Sunday and the off-peak holidays. This class knows no holiday calendar: a caller that
 * cares passes the set of dates that are off-peak all day (National Labour Day and the normal public holidays of the
 * year). Per the tariff pages, substitution holidays are <b>not</b> off-peak and must not be in the set; Royal
 * Ploughing Day is a normal weekday for PEA and excluded by MEA, so it should not be in the set either. With an empty
 * set every Monday–Friday is treated as a working day.
 *
 * <p>Immutable and thread-safe.
 */
public final class ThaiTouTariff {

    /** Thailand local time (UTC+7, no daylight saving). */
    public static final ZoneId ZONE = ZoneId.of("Asia/Bangkok");
    /** On-peak starts at 09:00 local time, Monday–Friday. */
    public static final LocalTime ON_PEAK_START = LocalTime.of(9, 0);
    /** On-peak ends (exclusive) at 22:00 local time. */
    public static final LocalTime ON_PEAK_END = LocalTime.of(22, 0);

    /** Tariff code of the residential / small-business TOU schedule (types 1.2 and 2.2, below 22 kV). */
    public static final String RESIDENTIAL_SMALL_BUSINESS = "1.2/2.2 (TOU)";
    /** Ft energy adjustment charge quoted for 2026, THB/kWh, all periods (revised every few months; see SOURCE.md). */
    public static final double FT_2026_THB_PER_KWH = 0.1623;
    /** Thai VAT rate, added on top of energy charge + Ft. */
    public static final double VAT = 0.07;

    /** Classpath location of the dataset folder. */
    public static final String RESOURCE_DIR = "/datasets/thailand-tou-tariff/";

    private final Map<String, Rate> rates;

    private ThaiTouTariff(Map<String, Rate> rates) {
        this.rates = Collections.unmodifiableMap(rates);
    }

    /**
     * One row of {@code tou_rates.csv}. Energy charges in THB/kWh before Ft and VAT; demand charges in THB/kW and the
     * service charge in THB/month are null where the source gives none.
     */
    public record Rate(String utility, String tariffCode, String customerClass, String voltageLevel,
                       double onPeakEnergyThbPerKwh, double offPeakEnergyThbPerKwh, Double onPeakDemandThbPerKw,
                       Double offPeakDemandThbPerKw, Double serviceChargeThbPerMonth, String sourceId) {

        /** Base energy charge (before Ft and VAT), THB/kWh. */
        public double energyPerKwh(boolean onPeak) {
            return onPeak ? onPeakEnergyThbPerKwh : offPeakEnergyThbPerKwh;
        }

        /** What a kWh costs the customer: (energy charge + ft) · (1 + vat), THB/kWh. */
        public double retailPerKwh(boolean onPeak, double ftThbPerKwh, double vat) {
            return (energyPerKwh(onPeak) + ftThbPerKwh) * (1.0 + vat);
        }

        /** {@link #retailPerKwh(boolean, double, double)} with the 2026 Ft and 7 % VAT. */
        public double retailPerKwh(boolean onPeak) {
            return retailPerKwh(onPeak, FT_2026_THB_PER_KWH, VAT);
        }
    }

    /** Reads {@code tou_rates.csv} from the classpath. */
    public static ThaiTouTariff load() {
        String resource = RESOURCE_DIR + "tou_rates.csv";
        try (InputStream in = ThaiTouTariff.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("classpath resource " + resource + " is missing");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /** Parses rate rows in the layout of {@code tou_rates.csv} (header line first; columns found by name). */
    static ThaiTouTariff parse(String csv) {
        List<List<String>> rows = Csv.parse(csv);
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("tou_rates.csv is empty");
        }
        List<String> header = rows.get(0);
        Map<String, Rate> rates = new LinkedHashMap<>();
        for (int r = 1; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            if (row.size() == 1 && row.get(0).isBlank()) {
                continue;
            }
            if (row.size() != header.size()) {
                throw new IllegalArgumentException("tou_rates.csv line " + (r + 1) + " has " + row.size()
                        + " fields, header has " + header.size());
            }
            Map<String, String> f = new LinkedHashMap<>();
            for (int c = 0; c < header.size(); c++) {
                f.put(header.get(c).trim(), row.get(c).trim());
            }
            Rate rate = new Rate(f.get("utility"), required(f, "tariff_code", r), f.get("customer_class"),
                    f.get("voltage_level"), number(f, "on_peak_energy_thb_per_kwh", r),
                    number(f, "off_peak_energy_thb_per_kwh", r), optionalNumber(f, "on_peak_demand_thb_per_kw", r),
                    optionalNumber(f, "off_peak_demand_thb_per_kw", r),
                    optionalNumber(f, "service_charge_thb_per_month", r), f.get("source_id"));
            if (rates.put(rate.tariffCode(), rate) != null) {
                throw new IllegalArgumentException("tou_rates.csv: tariff code " + rate.tariffCode() + " twice");
            }
        }
        return new ThaiTouTariff(rates);
    }

    /** The tariff codes in file order, e.g. {@code "1.2/2.2 (TOU)"}, {@code "5.2.1"}. */
    public List<String> tariffCodes() {
        return List.copyOf(rates.keySet());
    }

    /** All rate rows in file order. */
    public List<Rate> rates() {
        return List.copyOf(rates.values());
    }

    /** The rate row of a tariff code; an unknown code is an {@link IllegalArgumentException} naming the known ones. */
    public Rate rate(String tariffCode) {
        Rate rate = rates.get(tariffCode);
        if (rate == null) {
            throw new IllegalArgumentException("unknown Thai TOU tariff code '" + tariffCode + "'; known: "
                    + String.join(", ", rates.keySet()));
        }
        return rate;
    }

    /** On-peak base energy charge of a tariff code, THB/kWh before Ft and VAT. */
    public double onPeakThbPerKwh(String tariffCode) {
        return rate(tariffCode).onPeakEnergyThbPerKwh();
    }

    /** Off-peak base energy charge of a tariff code, THB/kWh before Ft and VAT. */
    public double offPeakThbPerKwh(String tariffCode) {
        return rate(tariffCode).offPeakEnergyThbPerKwh();
    }

    /**
     * Whether a Thai local time is on-peak: 09:00 ≤ time &lt; 22:00 on Monday–Friday, unless the date is in
     * {@code offPeakHolidays}.
     *
     * @param local           wall-clock time in Asia/Bangkok
     * @param offPeakHolidays dates that are off-peak all day (National Labour Day, normal public holidays; not
     *                        substitution holidays); may be empty, not null
     */
    public static boolean isOnPeak(LocalDateTime local, Set<LocalDate> offPeakHolidays) {
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(offPeakHolidays, "offPeakHolidays (pass Set.of() for none)");
        DayOfWeek day = local.getDayOfWeek();
        if (day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY || offPeakHolidays.contains(local.toLocalDate())) {
            return false;
        }
        LocalTime time = local.toLocalTime();
        return !time.isBefore(ON_PEAK_START) && time.isBefore(ON_PEAK_END);
    }

    /** {@link #isOnPeak(LocalDateTime, Set)} without holidays. */
    public static boolean isOnPeak(LocalDateTime local) {
        return isOnPeak(local, Set.of());
    }

    /** Whether an instant is on-peak; it is first converted to Asia/Bangkok local time, whatever its offset. */
    public static boolean isOnPeak(OffsetDateTime time, Set<LocalDate> offPeakHolidays) {
        return isOnPeak(time.toInstant(), offPeakHolidays);
    }

    /** Whether an instant is on-peak; it is first converted to Asia/Bangkok local time, whatever its zone. */
    public static boolean isOnPeak(ZonedDateTime time, Set<LocalDate> offPeakHolidays) {
        return isOnPeak(time.toInstant(), offPeakHolidays);
    }

    /** Whether an instant is on-peak in Asia/Bangkok local time. */
    public static boolean isOnPeak(Instant instant, Set<LocalDate> offPeakHolidays) {
        return isOnPeak(LocalDateTime.ofInstant(instant, ZONE), offPeakHolidays);
    }

    /**
     * Retail import price (energy charge + Ft, plus VAT) for each slot of a horizon, THB/kWh. A slot takes the period
     * of its start time, so slots should be aligned with the 09:00 and 22:00 boundaries (any slot length dividing 60
     * minutes from a whole hour is).
     */
    public double[] retailPricePerSlot(String tariffCode, OffsetDateTime start, int slotMinutes, int slots,
                                       double ftThbPerKwh, double vat, Set<LocalDate> offPeakHolidays) {
        Rate rate = rate(tariffCode);
        double[] prices = new double[slots];
        for (int t = 0; t < slots; t++) {
            boolean onPeak = isOnPeak(start.plusMinutes((long) t * slotMinutes), offPeakHolidays);
            prices[t] = rate.retailPerKwh(onPeak, ftThbPerKwh, vat);
        }
        return prices;
    }

    /** Minimal RFC 4180 reader: commas, double-quoted fields with "" escapes, LF or CRLF line ends. */
    static final class Csv {
        private Csv() {
        }

        static List<List<String>> parse(String text) {
            List<List<String>> rows = new ArrayList<>();
            List<String> row = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (quoted) {
                    if (c == '"') {
                        if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            quoted = false;
                        }
                    } else {
                        field.append(c);
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ',') {
                    row.add(field.toString());
                    field.setLength(0);
                } else if (c == '\n' || c == '\r') {
                    if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                        i++;
                    }
                    row.add(field.toString());
                    field.setLength(0);
                    rows.add(row);
                    row = new ArrayList<>();
                } else {
                    field.append(c);
                }
            }
            if (quoted) {
                throw new IllegalArgumentException("CSV ends inside a quoted field");
            }
            if (field.length() > 0 || !row.isEmpty()) {
                row.add(field.toString());
                rows.add(row);
            }
            return rows;
        }
    }

    private static String required(Map<String, String> f, String column, int row) {
        String value = f.get(column);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("tou_rates.csv line " + (row + 1) + ": " + column + " is empty");
        }
        return value;
    }

    private static double number(Map<String, String> f, String column, int row) {
        return Double.parseDouble(required(f, column, row));
    }

    private static Double optionalNumber(Map<String, String> f, String column, int row) {
        String value = f.get(column);
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Double.valueOf(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("tou_rates.csv line " + (row + 1) + ": " + column + " '" + value
                    + "' is not a number", e);
        }
    }
}
