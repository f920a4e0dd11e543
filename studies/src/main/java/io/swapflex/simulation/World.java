package io.swapflex.simulation;

import io.swapflex.datasets.examples.ExampleStations;
import io.swapflex.datasets.examples.Examples;
import io.swapflex.datasets.series.TimeSeries;
import io.swapflex.datasets.tariff.ThaiTouTariff;
import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.optimizer.contract.PackType;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.optimizer.contract.ProblemValidator;
import io.swapflex.planning.StationTemplate;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The realised world of a study: the station (template), and per slot of the whole period — the warm-up history, the
 * simulated days and one day of look-ahead after them — the swap demand per pack type, the import and export prices
 * and the site base load. Slot {@code i} of the world starts at {@code worldStart + i·Δ}; the simulated slot
 * {@code t} is world slot {@code warmupSlots + t}.
 *
 * <p>Demand is drawn day by day (one day factor, then type by type, slot by slot) from a {@link SplittableRandom}
 * seeded with the study's seed, with {@link ExampleStations#poisson}: the same world for the same study on every JVM
 * and whatever the number of threads. Prices are a published tariff, so they are known ahead (no price forecast is
 * needed); base load is the template's daily profile, also taken as known.
 */
public final class World {

    private final StationTemplate template;
    private final Problem templateProblem;
    private final int slotMinutes;
    private final int perDay;
    private final int warmupDays;
    private final int days;
    private final OffsetDateTime worldStart;
    private final int[][] demand; // [type][world slot]
    private final double[] importPrice;
    private final double[] exportPrice;
    private final double[] baseLoad;
    private final String currency;

    World(Problem template, int warmupDays, int days, OffsetDateTime firstDay, int[][] demand, double[] importPrice,
          double[] exportPrice, double[] baseLoad) {
        this.templateProblem = template;
        this.template = StationTemplate.of(template);
        this.slotMinutes = template.horizon().slotMinutes();
        this.perDay = 1440 / slotMinutes;
        this.warmupDays = warmupDays;
        this.days = days;
        this.worldStart = firstDay.minusDays(warmupDays);
        this.demand = demand;
        this.importPrice = importPrice;
        this.exportPrice = exportPrice;
        this.baseLoad = baseLoad;
        this.currency = template.tariff() == null ? "THB" : template.tariff().currency();
        int total = (warmupDays + days + 1) * perDay;
        for (int[] row : demand) {
            if (row.length != total) {
                throw new IllegalArgumentException("demand rows need " + total + " slots, one has " + row.length);
            }
        }
        if (importPrice.length != total || exportPrice.length != total || baseLoad.length != total) {
            throw new IllegalArgumentException("price and base-load rows need " + total + " slots");
        }
    }

    /** The study's template problem: an example station by name or the inline problem, validated. */
    public static Problem templateOf(SimulationStudy study) {
        String json = study.station() != null ? Examples.json(study.station()) : study.problem().toString();
        Problem p = ProblemValidator.requireValid(ContractJson.readProblem(json));
        int minutes = p.horizon().slotMinutes();
        if (1440 % minutes != 0) {
            throw new IllegalArgumentException("study: the template's slots (" + minutes + " min) must divide a day");
        }
        return p;
    }

    /** Generates the realised world of a study (see the class comment and {@link SimulationStudy.Demand}). */
    public static World generate(SimulationStudy study) {
        Problem p = templateOf(study);
        int minutes = p.horizon().slotMinutes();
        int perDay = 1440 / minutes;
        int totalDays = study.warmupDays() + study.days() + 1;
        int total = totalDays * perDay;
        ZoneOffset offset = p.horizon().startTime().getOffset();
        OffsetDateTime firstDay = study.firstDay().atStartOfDay().atOffset(offset);
        OffsetDateTime worldStart = firstDay.minusDays(study.warmupDays());

        List<PackType> types = p.packTypes();
        double[][] profile = new double[types.size()][];
        double[] perDayMean = new double[types.size()];
        SimulationStudy.Demand d = study.demand();
        for (int k = 0; k < types.size(); k++) {
            String id = types.get(k).id();
            double[] templateHours = templateHourly(p, id);
            double[] given = d.hourlyProfile() == null ? null : d.hourlyProfile().get(id);
            if (given != null && given.length != 24) {
                throw new IllegalArgumentException("study: demand.hourlyProfile." + id + " needs 24 values, has "
                        + given.length);
            }
            profile[k] = given != null ? given : Arrays.stream(templateHours).map(v -> v + 0.1).toArray();
            Double mean = d.swapsPerDay() == null ? null : d.swapsPerDay().get(id);
            perDayMean[k] = mean != null ? mean : Arrays.stream(templateHours).sum();
        }
        int[][] demand = new int[types.size()][total];
        SplittableRandom rng = new SplittableRandom(study.seed());
        for (int day = 0; day < totalDays; day++) {
            DayOfWeek dow = worldStart.plusDays(day).getDayOfWeek();
            boolean weekend = dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY;
            double sigma = d.dayNoise();
            double factor = (weekend ? d.weekendFactor() : 1.0)
                    * StrictMath.exp(sigma * rng.nextGaussian() - sigma * sigma / 2);
            for (int k = 0; k < types.size(); k++) {
                double sum = Arrays.stream(profile[k]).sum();
                for (int s = 0; s < perDay; s++) {
                    int hour = s * minutes / 60;
                    double mean = perDayMean[k] * profile[k][hour] / sum * minutes / 60.0 * factor;
                    demand[k][day * perDay + s] = ExampleStations.poisson(rng, mean);
                }
            }
        }

        double[] importPrice = new double[total];
        double[] exportPrice = new double[total];
        String tariff = study.prices().tariff();
        if (tariff != null && !tariff.equals("template")) {
            double[] prices = ThaiTouTariff.load().retailPricePerSlot(tariff, worldStart, minutes, total,
                    ThaiTouTariff.FT_2026_THB_PER_KWH, ThaiTouTariff.VAT, Set.of());
            System.arraycopy(prices, 0, importPrice, 0, total);
            Arrays.fill(exportPrice, study.prices().exportPricePerKwh());
        } else {
            double[] in = daily(p, p.tariff().importPricePerKwh(), "tariff.importPricePerKwh");
            double[] out = daily(p, p.tariff().exportPricePerKwh(), "tariff.exportPricePerKwh");
            for (int i = 0; i < total; i++) {
                importPrice[i] = in[i % perDay];
                exportPrice[i] = out[i % perDay];
            }
        }
        double[] base = new double[total];
        if (p.site().baseLoadKw() != null) {
            double[] row = daily(p, p.site().baseLoadKw(), "site.baseLoadKw");
            for (int i = 0; i < total; i++) {
                base[i] = row[i % perDay];
            }
        }
        return new World(p, study.warmupDays(), study.days(), firstDay, demand, importPrice, exportPrice, base);
    }

    /** A template row that covers exactly one day, rotated so that index 0 is local midnight. */
    private static double[] daily(Problem p, double[] row, String what) {
        int perDay = 1440 / p.horizon().slotMinutes();
        if (p.slots() != perDay) {
            throw new IllegalArgumentException("study: the template's " + what + " covers " + p.slots()
                    + " slots; repeating it daily needs exactly one day (" + perDay + ")");
        }
        OffsetDateTime start = p.horizon().startTime();
        int startSlot = (start.getHour() * 60 + start.getMinute()) / p.horizon().slotMinutes();
        double[] out = new double[perDay];
        for (int s = 0; s < perDay; s++) {
            out[(startSlot + s) % perDay] = row[s];
        }
        return out;
    }

    /** The template's swaps per local hour of the day for one pack type (zero where it has no demand row). */
    private static double[] templateHourly(Problem p, String type) {
        double[] hours = new double[24];
        OffsetDateTime start = p.horizon().startTime();
        for (int t = 0; t < p.slots(); t++) {
            hours[start.plusMinutes((long) t * p.horizon().slotMinutes()).getHour()] += p.demand(type, t);
        }
        return hours;
    }

    public StationTemplate template() {
        return template;
    }

    public Problem templateProblem() {
        return templateProblem;
    }

    public List<PackType> packTypes() {
        return template.packTypes();
    }

    public int slotMinutes() {
        return slotMinutes;
    }

    public double slotHours() {
        return slotMinutes / 60.0;
    }

    public int slotsPerDay() {
        return perDay;
    }

    public int days() {
        return days;
    }

    public int warmupDays() {
        return warmupDays;
    }

    /** Simulated slots: {@code days · slotsPerDay}. */
    public int simulatedSlots() {
        return days * perDay;
    }

    /** World slots after the last simulated one (the look-ahead day). */
    public int lookaheadSlots() {
        return perDay;
    }

    public String currency() {
        return currency;
    }

    /** Start of simulated slot {@code t} (may be negative: warm-up). */
    public OffsetDateTime timeOf(int t) {
        return worldStart.plusMinutes((long) (t + warmupDays * perDay) * slotMinutes);
    }

    public Instant instantOf(int t) {
        return timeOf(t).toInstant();
    }

    public ZoneOffset offset() {
        return worldStart.getOffset();
    }

    public Duration step() {
        return Duration.ofMinutes(slotMinutes);
    }

    /** Realised swap demand of pack type {@code k} in simulated slot {@code t} (t ≥ −warm-up slots). */
    public int demand(int k, int t) {
        return demand[k][t + warmupDays * perDay];
    }

    public double importPrice(int t) {
        return importPrice[t + warmupDays * perDay];
    }

    public double exportPrice(int t) {
        return exportPrice[t + warmupDays * perDay];
    }

    public double baseLoad(int t) {
        return baseLoad[t + warmupDays * perDay];
    }

    /** Last simulated slot index + 1 that the world can answer for (the simulated days and the look-ahead day). */
    public int endSlot() {
        return (days + 1) * perDay;
    }

    /**
     * What a station knows at the start of simulated slot {@code cutoff}: the realised demand of pack type {@code k}
     * from the start of the warm-up up to, not including, slot {@code cutoff}. Nothing later is in the series.
     */
    public TimeSeries history(int k, int cutoff) {
        int end = cutoff + warmupDays * perDay;
        if (end < 0 || end > demand[k].length) {
            throw new IllegalArgumentException("no history up to slot " + cutoff);
        }
        double[] values = new double[end];
        for (int i = 0; i < end; i++) {
            values[i] = demand[k][i];
        }
        return new TimeSeries(template.packTypes().get(k).id() + " swaps", "count", worldStart.toInstant(), step(),
                values);
    }

    /** Mean swaps a simulated day per pack type (realised), for the report. */
    public Map<String, Double> meanDailyDemand() {
        Map<String, Double> out = new java.util.LinkedHashMap<>();
        for (int k = 0; k < demand.length; k++) {
            long sum = 0;
            for (int t = 0; t < simulatedSlots(); t++) {
                sum += demand(k, t);
            }
            out.put(template.packTypes().get(k).id(), sum / (double) days);
        }
        return out;
    }

    /** Local date of simulated day {@code day}. */
    public LocalDate date(int day) {
        return timeOf(day * perDay).toLocalDate();
    }
}
