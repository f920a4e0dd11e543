package io.swapflex.planning;

import io.swapflex.forecasting.Forecast;
import io.swapflex.optimizer.contract.DispatchRequest;
import io.swapflex.optimizer.contract.Horizon;
import io.swapflex.optimizer.contract.PackType;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.optimizer.contract.ProblemValidator;
import io.swapflex.optimizer.economics.EndValues;
import io.swapflex.optimizer.contract.Site;
import io.swapflex.optimizer.contract.Tariff;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a {@link StationTemplate} and forecasts into a contract-v1 {@link Problem} (format 1, see
 * {@code /work/shared/CONTRACT.md}) that passes {@link ProblemValidator}.
 *
 * <pre>{@code
 * Problem p = ForecastProblemBuilder.forStation(template)
 *         .swapDemand("2W-1.6", arrivalsForecast)       // one count forecast per pack type of the template
 *         .importPrice(dayAheadPriceForecast)          // e.g. ENTSO-E, unit EUR/MWh
 *         .exportPrice(ExportPrice.ratioOfImport(0.9)) // optional, default ratio 1.0
 *         .baseLoad(siteLoadForecast)                  // optional, default no base load
 *         .serviceLevel(0.9)                           // plan for the 90 % quantile of swap demand per slot
 *         .build();
 * }</pre>
 *
 * <h2>Horizon</h2>
 * The swap-demand forecasts define the horizon: it starts at their {@link Forecast#start()} (they must all share start
 * and step), its slot length is their step (a whole number of minutes, 1–1440), and it has as many slots as the
 * shortest of them, or {@link #slots(int)} if set (at most that). {@code horizon.start} is written with the offset of
 * {@link #zone(ZoneId)} at that instant (default UTC). Demand is never resampled: a quantile of a sum of counts is not
 * the sum of their quantiles.
 *
 * <h2>Swap demand: the quantile method</h2>
 * {@code swapDemand[type][t]} is the service-level quantile α of the forecast count distribution of slot t, an integer
 * ≥ 0 (see {@link #demandQuantile}):
 * <ol>
 *   <li>when the forecast carries a count distribution ({@link Forecast#counts()}, e.g. {@code glm-negbin} or an
 *       ensemble of count models): the smallest integer y ≥ 0 with CDF(y) ≥ α (the same rule, with the same 1e-12
 *       tolerance, as the forecast's own integer quantiles);</li>
 *   <li>otherwise: the quantile map ({@link Forecast#quantiles()}, at least P10/P50/P90) interpolated linearly in the
 *       level at α, rounded up ({@code ceil}, after a 1e-9 tolerance so that 3.0000000001 stays 3), and floored at 0.
 *       α must lie within the map's levels (normally [0.1, 0.9]): there is no extrapolation into the tails.</li>
 * </ol>
 * Both are non-decreasing in α, so a higher service level never plans for fewer swaps. Demand forecast units:
 * {@code count}, {@code counts}, {@code swaps} or {@code 1}.
 *
 * <h2>Prices and base load: units and resampling</h2>
 * Prices and base load use the forecast's median ({@link Forecast#values()}, P50). Price units are
 * {@code CUR/MWh} (as ENTSO-E day-ahead prices, {@code EUR/MWh}, are named by the loaders) — divided by 1000 — or
 * {@code CUR/kWh}; CUR, a three-letter code, becomes {@code tariff.currency}, and the export forecast must use the same.
 * Base load units: {@code kW}, {@code MW} (× 1000) or {@code W} (÷ 1000); negative base-load values (a forecast dipping
 * below zero) are clamped to 0, as the contract has no negative base load. The unserved-swap penalty of the template
 * must be in that currency; nothing converts it. A forecast whose step differs from the slot length is resampled
 * onto the slots: a coarser forecast (e.g. hourly prices on 15-minute slots) repeats its value in each slot it
 * contains; a finer one (15-minute prices on hourly slots) is averaged over the slot (the time-weighted mean, which
 * gives the right energy cost for constant power within the slot). Steps that are not a whole multiple or divisor of
 * the slot length, or grids not aligned with the slots, are refused. A forecast must cover every slot of the horizon
 * with non-NaN values.
 *
 * <p>Every refusal is an {@link IllegalArgumentException} whose message begins with the input at fault
 * ({@code importPrice forecast ...}, {@code swapDemand[2W-1.6] forecast ...}, {@code baseLoad forecast ...},
 * {@code exportPrice ...}, {@code serviceLevel ...}, {@code template ...}). A builder is not thread-safe; build
 * one problem per builder or reuse it sequentially.
 */
public final class ForecastProblemBuilder {

    /** Tolerance on the CDF level, as {@code NegativeBinomial.quantile} uses. */
    private static final double CDF_TOLERANCE = 1e-12;
    /** Tolerance before rounding an interpolated quantile up. */
    private static final double CEIL_TOLERANCE = 1e-9;
    /** Largest count searched for in a count distribution. */
    private static final int MAX_COUNT = 1 << 24;

    private static final Pattern PRICE_UNIT = Pattern.compile("\\s*([A-Za-z]{3})\\s*/\\s*([A-Za-z]+)\\s*");
    private static final Set<String> COUNT_UNITS = Set.of("count", "counts", "swaps", "1");
    private static final DateTimeFormatter RFC_3339 = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private final StationTemplate template;
    private final Map<String, Forecast> demand = new LinkedHashMap<>();
    private Forecast importPrice;
    private ExportPrice exportPrice = ExportPrice.ratioOfImport(1.0);
    private Forecast baseLoad;
    private double serviceLevel = Double.NaN;
    private Integer slots;
    private ZoneId zone = ZoneOffset.UTC;
    private List<DispatchRequest> dispatchRequests = List.of();

    private ForecastProblemBuilder(StationTemplate template) {
        this.template = Objects.requireNonNull(template, "template");
    }

    public static ForecastProblemBuilder forStation(StationTemplate template) {
        return new ForecastProblemBuilder(template);
    }

    /** The station part of {@code template} (see {@link StationTemplate#of(Problem)}). */
    public static ForecastProblemBuilder forStation(Problem template) {
        return new ForecastProblemBuilder(StationTemplate.of(template));
    }

    /** Swap-demand forecast (counts per step) of one pack type of the template; required for each of them. */
    public ForecastProblemBuilder swapDemand(String packType, Forecast forecast) {
        demand.put(Objects.requireNonNull(packType, "packType"), Objects.requireNonNull(forecast, "swapDemand forecast"));
        return this;
    }

    /** Import price forecast, {@code CUR/MWh} or {@code CUR/kWh}; required. */
    public ForecastProblemBuilder importPrice(Forecast forecast) {
        this.importPrice = Objects.requireNonNull(forecast, "importPrice forecast");
        return this;
    }

    /** Export price rule; default {@code ExportPrice.ratioOfImport(1.0)}. */
    public ForecastProblemBuilder exportPrice(ExportPrice rule) {
        this.exportPrice = Objects.requireNonNull(rule, "exportPrice");
        return this;
    }

    /** Export price forecast, same units and currency rules as the import price. */
    public ForecastProblemBuilder exportPrice(Forecast forecast) {
        return exportPrice(ExportPrice.forecast(forecast));
    }

    /** Site base-load forecast in {@code kW}, {@code MW} or {@code W}; optional (default: no base load). */
    public ForecastProblemBuilder baseLoad(Forecast forecast) {
        this.baseLoad = forecast;
        return this;
    }

    /** Service level α in (0, 1): swap demand per slot is the α-quantile of the count forecast. Required. */
    public ForecastProblemBuilder serviceLevel(double level) {
        this.serviceLevel = level;
        return this;
    }

    /** Number of slots (≤ the demand forecasts' length); default the shortest demand forecast's length. */
    public ForecastProblemBuilder slots(int count) {
        this.slots = count;
        return this;
    }

    /** Zone whose offset {@code horizon.start} is written in; default UTC. The instant is the same either way. */
    public ForecastProblemBuilder zone(ZoneId zoneId) {
        this.zone = Objects.requireNonNull(zoneId, "zone");
        return this;
    }

    /** Dispatch requests on the slots of the horizon to be built (optional). */
    public ForecastProblemBuilder dispatchRequests(List<DispatchRequest> requests) {
        this.dispatchRequests = List.copyOf(requests);
        return this;
    }

    /**
     * Builds the problem.
     *
     * @throws IllegalArgumentException naming the input at fault when an input is missing, its unit does not fit, it
     *                                  does not cover the horizon, or the result would not pass {@link ProblemValidator}
     */
    public Problem build() {
        if (!(serviceLevel > 0 && serviceLevel < 1)) {
            throw new IllegalArgumentException("serviceLevel must be in (0, 1), e.g. 0.9; is " + serviceLevel);
        }
        if (importPrice == null) {
            throw new IllegalArgumentException("importPrice forecast is required");
        }
        checkDemandKeys();

        // Horizon from the demand forecasts.
        Forecast first = demand.values().iterator().next();
        Instant start = first.start();
        Duration step = first.step();
        int available = Integer.MAX_VALUE;
        for (Map.Entry<String, Forecast> e : demand.entrySet()) {
            Forecast f = e.getValue();
            String at = demandName(e.getKey());
            if (!f.start().equals(start) || !f.step().equals(step)) {
                throw new IllegalArgumentException(at + " starts " + f.start() + " with step " + f.step()
                        + "; the demand forecasts must share start and step (" + demandName(demand.keySet().iterator().next())
                        + ": " + start + ", " + step + ")");
            }
            if (!COUNT_UNITS.contains(f.unit())) {
                throw new IllegalArgumentException(at + " has unit '" + f.unit() + "'; swap demand must be counts (one of "
                        + COUNT_UNITS + ")");
            }
            available = Math.min(available, f.size());
        }
        if (step.toMillis() % 60_000 != 0 || step.toMinutes() < 1 || step.toMinutes() > 1440) {
            throw new IllegalArgumentException(demandName(demand.keySet().iterator().next()) + " has step " + step
                    + "; the slot length must be a whole number of minutes in [1, 1440]");
        }
        int n = slots == null ? available : slots;
        if (n < 1) {
            throw new IllegalArgumentException("slots must be ≥ 1, is " + n);
        }
        if (n > available) {
            throw new IllegalArgumentException(shortestDemand(available) + " has " + available + " steps, the horizon needs "
                    + n + " slots");
        }
        Duration slot = step;

        Map<String, int[]> swapDemand = new LinkedHashMap<>();
        for (PackType type : template.packTypes()) {
            Forecast f = demand.get(type.id());
            int[] row = new int[n];
            for (int t = 0; t < n; t++) {
                try {
                    row[t] = demandQuantile(f, t, serviceLevel);
                } catch (IllegalArgumentException ex) {
                    throw new IllegalArgumentException(demandName(type.id()) + ": " + ex.getMessage(), ex);
                }
            }
            swapDemand.put(type.id(), row);
        }

        PriceUnit importUnit = priceUnit("importPrice forecast", importPrice.unit());
        double[] importKwh = scale(onSlots("importPrice forecast", importPrice, start, slot, n), importUnit.perKwhFactor());
        double[] exportKwh;
        if (exportPrice instanceof ExportPrice.FromForecast ef) {
            PriceUnit u = priceUnit("exportPrice forecast", ef.forecast().unit());
            if (!u.currency().equals(importUnit.currency())) {
                throw new IllegalArgumentException("exportPrice forecast is in " + u.currency()
                        + ", the importPrice forecast in " + importUnit.currency() + "; both must use one currency");
            }
            exportKwh = scale(onSlots("exportPrice forecast", ef.forecast(), start, slot, n), u.perKwhFactor());
        } else if (exportPrice instanceof ExportPrice.RatioOfImport r) {
            exportKwh = scale(importKwh, r.ratio());
        } else {
            exportKwh = new double[n];
            java.util.Arrays.fill(exportKwh, ((ExportPrice.Fixed) exportPrice).pricePerKwh());
        }

        double[] baseKw = null;
        if (baseLoad != null) {
            double factor = switch (baseLoad.unit()) {
                case "kW" -> 1.0;
                case "MW" -> 1000.0;
                case "W" -> 0.001;
                default -> throw new IllegalArgumentException("baseLoad forecast has unit '" + baseLoad.unit()
                        + "'; expected kW, MW or W");
            };
            baseKw = scale(onSlots("baseLoad forecast", baseLoad, start, slot, n), factor);
            for (int t = 0; t < n; t++) {
                baseKw[t] = Math.max(0.0, baseKw[t]);
            }
        }

        Problem problem = new Problem(Problem.FORMAT_VERSION, template.stationId(),
                new Horizon(RFC_3339.format(OffsetDateTime.ofInstant(start, zone)), (int) step.toMinutes(), n),
                new Site(template.gridImportLimitKw(), template.gridExportLimitKw(), template.maxActiveBays(), baseKw),
                template.packTypes(), template.bays(), swapDemand,
                new Tariff(importUnit.currency(), importKwh, exportKwh),
                dispatchRequests.isEmpty() ? null : dispatchRequests, template.unservedSwapPenalty());
        // a rolling plan values the energy it leaves for tomorrow (unless the station states its own value)
        problem = EndValues.fromTariff(problem);
        List<String> errors = ProblemValidator.errors(problem);
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("template or dispatch requests make an invalid problem: "
                    + String.join("; ", errors));
        }
        return problem;
    }

    /**
     * Planned swaps at step {@code i} for service level α: the smallest integer y ≥ 0 with CDF(y) ≥ α when the
     * forecast carries a count distribution, else {@code max(0, ceil(q(α)))} with q the quantile map interpolated
     * linearly in the level (α within the map's levels). Non-decreasing in α.
     *
     * @throws IllegalArgumentException when α is outside (0, 1), outside the quantile levels of a forecast without a
     *                                  count distribution, or the forecast's value is not a number
     */
    public static int demandQuantile(Forecast f, int i, double alpha) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("service level must be in (0, 1), is " + alpha);
        }
        if (i < 0 || i >= f.size()) {
            throw new IllegalArgumentException("step " + i + " is outside the forecast's " + f.size() + " steps");
        }
        Forecast.CountDistribution cdf = f.counts();
        if (cdf != null) {
            double target = alpha - CDF_TOLERANCE;
            if (cdfAt(cdf, f, i, 0) >= target) {
                return 0;
            }
            int lo = 0; // cdf(lo) < target
            int hi = 1;
            while (cdfAt(cdf, f, i, hi) < target) {
                lo = hi;
                if (hi >= MAX_COUNT) {
                    throw new IllegalArgumentException("count CDF at " + f.timeAt(i) + " stays below " + alpha
                            + " up to " + MAX_COUNT);
                }
                hi *= 2;
            }
            while (hi - lo > 1) { // invariant: cdf(lo) < target ≤ cdf(hi)
                int mid = lo + (hi - lo) / 2;
                if (cdfAt(cdf, f, i, mid) >= target) {
                    hi = mid;
                } else {
                    lo = mid;
                }
            }
            return hi;
        }
        SortedMap<Double, double[]> q = f.quantiles();
        double lowest = q.firstKey();
        double highest = q.lastKey();
        if (alpha < lowest || alpha > highest) {
            throw new IllegalArgumentException("service level " + alpha + " is outside the quantile levels [" + lowest
                    + ", " + highest + "] and the forecast has no count distribution to read it from");
        }
        double value;
        if (q.containsKey(alpha)) {
            value = q.get(alpha)[i];
        } else {
            double below = q.headMap(alpha).lastKey();
            double above = q.tailMap(alpha).firstKey();
            double w = (alpha - below) / (above - below);
            value = (1 - w) * q.get(below)[i] + w * q.get(above)[i];
        }
        if (Double.isNaN(value)) {
            throw new IllegalArgumentException("no value (NaN) at " + f.timeAt(i));
        }
        return (int) Math.max(0, Math.ceil(value - CEIL_TOLERANCE));
    }

    private static double cdfAt(Forecast.CountDistribution cdf, Forecast f, int i, int y) {
        double p = cdf.cdf(i, y);
        if (Double.isNaN(p)) {
            throw new IllegalArgumentException("count CDF is NaN at " + f.timeAt(i) + ", y = " + y);
        }
        return p;
    }

    /**
     * The forecast's P50 on the horizon's slots: the value of the step containing the slot when the forecast is
     * coarser, the mean over the slot when it is finer.
     */
    static double[] onSlots(String input, Forecast f, Instant start, Duration slot, int n) {
        long fs = f.step().toMillis();
        long ds = slot.toMillis();
        long offset = Duration.between(f.start(), start).toMillis();
        Instant end = start.plus(slot.multipliedBy(n));
        Instant forecastEnd = f.timeAt(f.size());
        if (offset < 0 || forecastEnd.isBefore(end)) {
            throw new IllegalArgumentException(input + " covers [" + f.start() + ", " + forecastEnd
                    + "), the horizon needs [" + start + ", " + end + ")");
        }
        long grid = Math.min(fs, ds);
        if (!(fs % ds == 0 || ds % fs == 0)) {
            throw new IllegalArgumentException(input + " has step " + f.step() + ", the slots " + slot
                    + "; one must be a whole multiple of the other to resample");
        }
        if (offset % grid != 0) {
            throw new IllegalArgumentException(input + " starts " + f.start() + ", off the grid of the slots from "
                    + start + " (step " + f.step() + ", slots " + slot + ")");
        }
        double[] values = f.values();
        double[] out = new double[n];
        for (int t = 0; t < n; t++) {
            long slotStart = offset + t * ds;
            int from = (int) (slotStart / fs);
            int count = fs >= ds ? 1 : (int) (ds / fs);
            double sum = 0;
            for (int k = 0; k < count; k++) {
                double v = values[from + k];
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException(input + " has no value (" + v + ") at " + f.timeAt(from + k));
                }
                sum += v;
            }
            out[t] = sum / count;
        }
        return out;
    }

    private record PriceUnit(String currency, double perKwhFactor) {
    }

    private static PriceUnit priceUnit(String input, String unit) {
        Matcher m = PRICE_UNIT.matcher(unit);
        if (m.matches()) {
            String currency = m.group(1).toUpperCase(Locale.ROOT);
            switch (m.group(2)) {
                case "MWh":
                    return new PriceUnit(currency, 1e-3);
                case "kWh":
                    return new PriceUnit(currency, 1.0);
                default:
                    break;
            }
        }
        throw new IllegalArgumentException(input + " has unit '" + unit
                + "'; expected a price per energy like EUR/MWh or THB/kWh");
    }

    private void checkDemandKeys() {
        if (template.packTypes().isEmpty()) {
            throw new IllegalArgumentException("template has no pack types");
        }
        Set<String> typeIds = new LinkedHashSet<>();
        template.packTypes().forEach(t -> typeIds.add(t.id()));
        List<String> unknown = new ArrayList<>();
        for (String key : demand.keySet()) {
            if (!typeIds.contains(key)) {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("swapDemand forecasts for " + unknown
                    + " are not pack types of the template " + typeIds);
        }
        for (String id : typeIds) {
            if (!demand.containsKey(id)) {
                throw new IllegalArgumentException(demandName(id)
                        + " is missing: every pack type of the template needs a swap-demand forecast (a forecast of "
                        + "zeros for a type without riders)");
            }
        }
    }

    private String shortestDemand(int size) {
        return demand.entrySet().stream().filter(e -> e.getValue().size() == size).map(e -> demandName(e.getKey()))
                .findFirst().orElse("swapDemand forecast");
    }

    private static String demandName(String packType) {
        return "swapDemand[" + packType + "] forecast";
    }

    private static double[] scale(double[] v, double factor) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * factor;
        }
        return out;
    }
}
