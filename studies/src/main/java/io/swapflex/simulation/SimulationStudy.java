package io.swapflex.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swapflex.optimizer.contract.JsonMappers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A closed-loop simulation study ({@code ./swapflex simulate STUDY.json}): which station, which days, which realised
 * world and how the policy under test plans. Every field but one of {@code station} / {@code problem} is optional;
 * the defaults are in {@link #withDefaults()}.
 *
 * @param name                      a label for the report
 * @param station                   an example station ({@code ./swapflex example --list}) as the template
 * @param problem                   or an inline contract-v1 problem as the template (its bays, pack types, site limits,
 *                                  penalty; its one-day base load and tariff rows are repeated daily when they cover a
 *                                  day); its dispatch requests are not used
 * @param startDate                 the first simulated local day, ISO date (at the template's UTC offset)
 * @param days                      simulated days
 * @param warmupDays                generated days of history before the first day (the forecaster's first training set)
 * @param seed                      seed of the realised world
 * @param demand                    the swap-demand generator
 * @param prices                    the realised (and, being a published tariff, known) prices
 * @param forecaster                {@code glm-negbin} (the forecasting module's count model, what its {@code auto} picks
 *                                  for count series), {@code snaive-weekly}, {@code snaive-daily} or {@code perfect}
 * @param horizonSlots              re-planning horizon in slots (rolling)
 * @param serviceLevel              plan for this quantile of the forecast swap demand
 * @param serviceLevelRule          {@code per-slot} (default): each slot's own quantile (what
 *                                  {@link io.swapflex.planning.ForecastProblemBuilder} does); {@code near-term}: per
 *                                  slot for the first {@code nearTermSlots}, the median of the running total after
 *                                  them ({@link Forecasts#nearTermQuantile}); {@code cumulative}: the quantile of the
 *                                  running total over the horizon ({@link Forecasts#cumulativeQuantile})
 * @param nearTermSlots             the near-term rule's slots (default 8)
 * @param replanTimeLimitMillis     solver time limit per re-plan
 * @param gapTarget                 a re-plan stops early at this certified gap
 * @param dailyTimeLimitMillis      time limit of the once-a-day plan (ablation)
 * @param perfectForesightTimeLimitMillis time limit of each day block of the perfect-foresight reference
 * @param threshold                 parameters of the price-threshold baseline
 * @param ablation                  whether to run the ablation arms
 * @param serviceLevels             service levels of the ablation
 * @param threads                   arms run in parallel on this many threads
 * @param reserveServiceLevel       the {@code scenario+reserve} rule's (and the {@code reserve} arm's) ready reserve:
 *                                  the bank keeps the lead-time demand's quantile at this level ready (default 0.995;
 *                                  {@link ScenarioDemand})
 * @param deferServiceLevel         the {@code scenario+defer} rule's (and the {@code defer} arm's) level for the riders
 *                                  of the first lead time after the off-peak fall (default 0.5;
 *                                  {@link PlanningPolicy#defer(double, int)})
 * @param deferSlots                slots beyond the lead time that level also covers (default 0)
 * @param deterministic             solve with the flow scheduler's deterministic mode (a virtual clock, one thread per
 *                                  solve: the same results whatever the threads and the machine's load, at several
 *                                  times the wall time per re-plan); default false (the wall clock, two threads per
 *                                  solve; results vary slightly from run to run)
 */
public record SimulationStudy(String name, String station, JsonNode problem, String startDate, Integer days,
                    Integer warmupDays, Long seed, Demand demand, Prices prices, String forecaster,
                    Integer horizonSlots, Double serviceLevel, String serviceLevelRule, Integer nearTermSlots,
                    Long replanTimeLimitMillis,
                    Double gapTarget,
                    Long dailyTimeLimitMillis, Long perfectForesightTimeLimitMillis, Threshold threshold,
                    Boolean ablation, List<Double> serviceLevels, Integer threads, Boolean deterministic,
                    Double reserveServiceLevel, Double deferServiceLevel, Integer deferSlots) {

    /** The study {@code ./swapflex simulate --example} runs: a month of the 21-bay mixed example station. */
    public static final String EXAMPLE_RESOURCE = "/simulation/mixed-2w3w-21-month.json";

    /**
     * The swap-demand generator: per pack type, Poisson counts per slot whose mean is
     * {@code swapsPerDay · hourlyProfile[hour] / Σ hourlyProfile · slotMinutes / 60 · dayFactor}, with
     * {@code dayFactor = (weekend ? weekendFactor : 1) · exp(dayNoise · Z − dayNoise² / 2)}, Z standard normal, one Z
     * per day shared by all types (a busy day is busy for everyone).
     *
     * @param swapsPerDay   expected swaps of an ordinary weekday, per pack type (default: the template's day total)
     * @param hourlyProfile 24 relative hourly weights per pack type (default: the template's demand per hour + 0.1)
     * @param weekendFactor multiplier on Saturdays and Sundays
     * @param dayNoise      log-normal day-to-day variation (σ of log dayFactor)
     */
    public record Demand(Map<String, Double> swapsPerDay, Map<String, double[]> hourlyProfile, Double weekendFactor,
                         Double dayNoise) {
    }

    /**
     * Prices: {@code tariff} names a Thai TOU tariff code ({@code datasets/thailand-tou-tariff}; import price per slot
     * from its on/off-peak periods, Ft 2026 and VAT) with a fixed export price; {@code "template"} (or no tariff)
     * repeats the template's daily tariff rows.
     */
    public record Prices(String tariff, Double exportPricePerKwh) {
    }

    /**
     * The price-threshold baseline (see {@link ThresholdPolicy}).
     *
     * @param lowPricePerKwh    charge freely at or below this import price (default: midpoint of the period's lowest and
     *                          highest import price)
     * @param reserveFraction   outside cheap slots, keep this share of each type's bays ready or charging towards it
     * @param dischargeFloorSoc surplus ready packs discharge down to this SOC when the import price is above the threshold
     */
    public record Threshold(Double lowPricePerKwh, Double reserveFraction, Double dischargeFloorSoc) {
    }

    private static final ObjectMapper MAPPER = JsonMappers.limited(JsonMappers.base().findAndAddModules());

    public static SimulationStudy read(InputStream in) {
        try {
            return MAPPER.readValue(in, SimulationStudy.class).withDefaults();
        } catch (IOException e) {
            throw new IllegalArgumentException("study: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    public static SimulationStudy read(String json) {
        try {
            return MAPPER.readValue(json, SimulationStudy.class).withDefaults();
        } catch (IOException e) {
            throw new IllegalArgumentException("study: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    /** The shipped example study. */
    public static SimulationStudy example() {
        try (InputStream in = SimulationStudy.class.getResourceAsStream(EXAMPLE_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + EXAMPLE_RESOURCE);
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** This study with every missing field at its default, validated. */
    public SimulationStudy withDefaults() {
        List<String> errors = new ArrayList<>();
        if ((station == null) == (problem == null)) {
            errors.add("give exactly one of station (an example name) or problem (an inline contract-v1 problem)");
        }
        SimulationStudy s = new SimulationStudy(name == null ? (station != null ? station : "study") : name, station,
                problem,
                startDate == null ? "2026-12-01" : startDate, or(days, 30), or(warmupDays, 28),
                seed == null ? 1L : seed,
                demand == null ? new Demand(null, null, 0.85, 0.10)
                        : new Demand(demand.swapsPerDay, demand.hourlyProfile, or(demand.weekendFactor, 0.85),
                        or(demand.dayNoise, 0.10)),
                prices == null ? new Prices("1.2/2.2 (TOU)", 2.20)
                        : new Prices(prices.tariff, or(prices.exportPricePerKwh, 2.20)),
                forecaster == null ? "glm-negbin" : forecaster, or(horizonSlots, 96), or(serviceLevel, 0.9),
                serviceLevelRule == null ? "per-slot" : serviceLevelRule, or(nearTermSlots, 8), replanTimeLimitMillis == null ? 150L : replanTimeLimitMillis, or(gapTarget, 0.005),
                dailyTimeLimitMillis == null ? 2000L : dailyTimeLimitMillis,
                perfectForesightTimeLimitMillis == null ? 10_000L : perfectForesightTimeLimitMillis,
                threshold == null ? new Threshold(null, 0.5, 0.5)
                        : new Threshold(threshold.lowPricePerKwh, or(threshold.reserveFraction, 0.5),
                        or(threshold.dischargeFloorSoc, 0.5)),
                ablation == null || ablation, serviceLevels == null ? List.of(0.5, 0.8, 0.9) : List.copyOf(serviceLevels),
                or(threads, 2), deterministic != null && deterministic,
                or(reserveServiceLevel, PlanningPolicy.DEFAULT_RESERVE_LEVEL), or(deferServiceLevel, PlanningPolicy.DEFAULT_DEFER_LEVEL),
                or(deferSlots, PlanningPolicy.DEFAULT_DEFER_SLOTS));
        try {
            LocalDate.parse(s.startDate);
        } catch (RuntimeException e) {
            errors.add("startDate must be a date like 2026-12-01, is " + s.startDate);
        }
        if (s.days < 1) {
            errors.add("days must be ≥ 1, is " + s.days);
        }
        if (s.warmupDays < 0) {
            errors.add("warmupDays must be ≥ 0, is " + s.warmupDays);
        }
        if (!Forecasts.NAMES.contains(s.forecaster)) {
            errors.add("forecaster must be one of " + Forecasts.NAMES + ", is " + s.forecaster);
        }
        if (s.forecaster.equals("glm-negbin") && s.warmupDays < 28) {
            errors.add("forecaster glm-negbin needs warmupDays ≥ 28, is " + s.warmupDays);
        }
        if (s.forecaster.startsWith("snaive") && s.warmupDays < 14) {
            errors.add("forecaster " + s.forecaster + " needs warmupDays ≥ 14, is " + s.warmupDays);
        }
        if (!RULES.contains(s.serviceLevelRule)) {
            errors.add("serviceLevelRule must be one of " + RULES + ", is " + s.serviceLevelRule);
        }
        if (s.nearTermSlots < 0) {
            errors.add("nearTermSlots must be ≥ 0, is " + s.nearTermSlots);
        }
        if (s.horizonSlots < 1) {
            errors.add("horizonSlots must be ≥ 1, is " + s.horizonSlots);
        }
        for (double q : concat(s.serviceLevel, s.serviceLevels)) {
            if (!(q >= 0.1 && q <= 0.99)) {
                errors.add("service levels must be in [0.1, 0.99], one is " + q);
            }
        }
        if (!(s.reserveServiceLevel >= s.serviceLevel && s.reserveServiceLevel < 1)) {
            errors.add("reserveServiceLevel must be in [serviceLevel, 1), is " + s.reserveServiceLevel);
        }
        if (s.deferSlots < 0) {
            errors.add("deferSlots must be ≥ 0, is " + s.deferSlots);
        }
        if (!(s.deferServiceLevel >= 0 && s.deferServiceLevel <= s.serviceLevel)) {
            errors.add("deferServiceLevel must be in [0, serviceLevel], is " + s.deferServiceLevel);
        }
        if (s.replanTimeLimitMillis < 1 || s.dailyTimeLimitMillis < 1 || s.perfectForesightTimeLimitMillis < 1) {
            errors.add("time limits must be ≥ 1 ms");
        }
        if (!(s.gapTarget >= 0 && s.gapTarget < 1)) {
            errors.add("gapTarget must be in [0, 1), is " + s.gapTarget);
        }
        if (s.threads < 1) {
            errors.add("threads must be ≥ 1, is " + s.threads);
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("study: " + String.join("; ", errors));
        }
        return s;
    }

    /** The ways forecasts become planned swaps (see {@code serviceLevelRule}). */
    public static final List<String> RULES = List.of("per-slot", "near-term", "cumulative", "scenario",
            "scenario+near", "scenario+reserve", "scenario+defer", "scenario+typed",
            "scenario+fall");

    public LocalDate firstDay() {
        return LocalDate.parse(startDate);
    }

    /** The same study with other days / threads / limits (tests and quick runs). */
    public SimulationStudy with(int newDays, int newThreads, long replanMillis, boolean withAblation) {
        return new SimulationStudy(name, station, problem, startDate, newDays, warmupDays, seed, demand, prices,
                forecaster, horizonSlots, serviceLevel, serviceLevelRule, nearTermSlots, replanMillis, gapTarget, dailyTimeLimitMillis,
                perfectForesightTimeLimitMillis, threshold, withAblation, serviceLevels, newThreads, deterministic,
                reserveServiceLevel, deferServiceLevel, deferSlots);
    }

    /**
     * The same study with other solve budgets: the perfect-foresight day blocks' limit and whether solves are
     * deterministic (a {@code null} keeps the study's). With deterministic solves the limits are work budgets, so a
     * smaller one is a shorter run whatever the machine's load (see docs/simulation.md for the budgets measured).
     */
    public SimulationStudy withSolves(Long perfectForesightMillis, Boolean newDeterministic) {
        return new SimulationStudy(name, station, problem, startDate, days, warmupDays, seed, demand, prices,
                forecaster, horizonSlots, serviceLevel, serviceLevelRule, nearTermSlots, replanTimeLimitMillis,
                gapTarget, dailyTimeLimitMillis,
                perfectForesightMillis != null ? perfectForesightMillis : perfectForesightTimeLimitMillis, threshold,
                ablation, serviceLevels, threads, newDeterministic != null ? newDeterministic : deterministic,
                reserveServiceLevel, deferServiceLevel, deferSlots);
    }

    private static List<Double> concat(double first, List<Double> rest) {
        List<Double> all = new ArrayList<>(rest);
        all.add(first);
        return all;
    }

    private static int or(Integer v, int d) {
        return v == null ? d : v;
    }

    private static double or(Double v, double d) {
        return v == null ? d : v;
    }
}
