package io.swapflex.simulation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swapflex.forecasting.Forecast;
import io.swapflex.planning.ForecastProblemBuilder;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The scenario rule: the day effect's variance from the history, and the planned swaps from the sampled paths. */
class ScenarioDemandTest {

    /** The example month's world with another day-to-day spread and 112 days of history. */
    private static World world(double dayNoise) {
        ObjectNode json = (ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(SimulationStudy.example());
        json.remove("problem");
        json.put("days", 2).put("warmupDays", 112).put("seed", 11);
        ((ObjectNode) json.get("demand")).put("dayNoise", dayNoise);
        return World.generate(SimulationStudy.read(json.toString()));
    }

    @Test
    void theDayEffectsVarianceIsReadFromTheDailyTotalsBeyondPoisson() {
        // σ = 0.3 → σ² = 0.09; without day noise the totals vary as Poisson only (σ² ≈ 0)
        double noisy = ScenarioDemand.dayEffectVariance(world(0.3), 0);
        double calm = ScenarioDemand.dayEffectVariance(world(0.0), 0);
        assertTrue(noisy > 0.05 && noisy < 0.15, "σ² " + noisy);
        assertTrue(calm < 0.01, "σ² " + calm);
    }

    @Test
    void theRunningTotalIsPlannedAtItsQuantileBetweenTheMeanAndThePerSlotRule() {
        World world = world(0.1);
        Forecasts glm = Forecasts.named("glm-negbin", world, 96);
        int perDay = world.slotsPerDay();
        int[][] p95 = ScenarioDemand.plan(world, glm, 0, perDay, 0.95, 1);
        int[][] p50 = ScenarioDemand.plan(world, glm, 0, perDay, 0.5, 1);
        List<Forecast> day = glm.window(0, perDay);
        for (int k = 0; k < day.size(); k++) {
            double mean = sum(ScenarioDemand.means(day.get(k)));
            int perSlot = 0;
            for (int s = 0; s < perDay; s++) {
                perSlot += ForecastProblemBuilder.demandQuantile(day.get(k), s, 0.95);
            }
            int scenario = (int) sum(p95[k]);
            // the day's P95 is above its mean by about 1.645 σ of the total, far below the per-slot rule's sum
            assertTrue(scenario > mean + Math.sqrt(mean), k + ": " + scenario + " vs mean " + mean);
            assertTrue(scenario < 0.8 * perSlot, k + ": " + scenario + " vs per-slot " + perSlot);
            assertTrue(Math.abs(sum(p50[k]) - mean) < 0.1 * mean + 2, k + ": median " + sum(p50[k]) + " vs " + mean);
            for (int s = 0; s < perDay; s++) {
                assertTrue(p95[k][s] >= 0);
            }
        }
        assertArrayEquals(p95[0], ScenarioDemand.plan(world, glm, 0, perDay, 0.95, 1)[0], "seeded: reproducible");
    }

    @Test
    void aBusierMorningThanForecastRaisesTheRestOfTheDay() {
        World world = world(0.3);
        Forecasts glm = Forecasts.named("glm-negbin", world, 96);
        int noon = world.slotsPerDay() / 2;
        Forecasts busy = scaledBefore(glm, noon, 0.5);
        Forecasts quiet = scaledBefore(glm, noon, 2.0);
        // the same morning seen, forecast at half (busy: seen ≫ expected) or at twice (quiet) its mean
        int afternoonBusy = (int) sum(ScenarioDemand.plan(world, busy, noon, noon, 0.9, 1)[0]);
        int afternoonQuiet = (int) sum(ScenarioDemand.plan(world, quiet, noon, noon, 0.9, 1)[0]);
        assertTrue(afternoonBusy > afternoonQuiet + 5, afternoonBusy + " vs " + afternoonQuiet);
    }

    @Test
    void theNearVariantRaisesTheFirstSlotsToTheirOwnQuantileAndKeepsTheRest() {
        World world = world(0.1);
        Forecasts glm = Forecasts.named("glm-negbin", world, 96);
        int perDay = world.slotsPerDay();
        double[] soc = new double[world.template().bays().size()];
        java.util.Arrays.fill(soc, 0.9);
        var scheduler = io.swapflex.optimizer.flow.FlowScheduler.deterministic(1);
        var limit = java.time.Duration.ofMillis(50);
        var plain = new PlanningPolicy("s", world, glm, 0.95, "scenario", 8, perDay, 1, scheduler, limit, 0.01)
                .problemAt(0, soc);
        var near = new PlanningPolicy("n", world, glm, 0.95, "scenario+near", 8, perDay, 1, scheduler, limit, 0.01)
                .problemAt(0, soc);
        List<Forecast> day = glm.window(0, perDay);
        for (int k = 0; k < day.size(); k++) {
            String type = world.packTypes().get(k).id();
            for (int i = 0; i < perDay; i++) {
                int expected = i < 8 ? Math.max(plain.demand(type, i), ForecastProblemBuilder.demandQuantile(day.get(k),
                        i, 0.95)) : plain.demand(type, i);
                assertEquals(expected, near.demand(type, i), type + " slot " + i);
            }
        }
    }

    @Test
    void theReserveAddsTheLeadTimeQuantilesDifferenceAtTheLeadSlotOnly() {
        World world = world(0.1);
        Forecasts glm = Forecasts.named("glm-negbin", world, 96);
        int perDay = world.slotsPerDay();
        // 0.2 → 0.95 SOC at full power: 2W 1.8 kWh at 1.5 kW, 3W 5.376 kWh at 2.5 kW, efficiency 0.95, 15 min slots
        assertEquals(4, ScenarioDemand.leadSlots(world, 0));
        assertEquals(7, ScenarioDemand.leadSlots(world, 1));
        int morning = 7 * 4; // 07:00, the 2W peak ahead
        int[][] plain = ScenarioDemand.plan(world, glm, morning, perDay, 0.95, 1);
        int[][] reserve = ScenarioDemand.plan(world, glm, morning, perDay, 0.95, 0.995, 1);
        int[][] none = ScenarioDemand.plan(world, glm, morning, perDay, 0.95, 0.95, 1);
        int[][] high = ScenarioDemand.plan(world, glm, morning, perDay, 0.995, 1);
        for (int k = 0; k < plain.length; k++) {
            int lead = ScenarioDemand.leadSlots(world, k);
            assertArrayEquals(plain[k], none[k], "no reserve at the plan's own level");
            int extra = reserve[k][lead] - plain[k][lead];
            // R = Q(lead − 1; 0.995) − Q(lead − 1; 0.95), over the same paths: the running totals of the rows
            int q995 = (int) sum(java.util.Arrays.stream(high[k]).limit(lead).asDoubleStream().toArray());
            int q95 = (int) sum(java.util.Arrays.stream(plain[k]).limit(lead).asDoubleStream().toArray());
            assertEquals(q995 - q95, extra, "type " + k);
            assertTrue(extra >= 1, "a reserve at the morning peak, type " + k + ": " + extra);
            for (int s = 0; s < perDay; s++) {
                if (s != lead) {
                    assertEquals(plain[k][s], reserve[k][s], "type " + k + " slot " + s);
                }
            }
        }
    }

    @Test
    void beforeTheOffPeakNightTheReserveIsDueInTheLastPeakSlot() {
        World world = world(0.1);
        Forecasts glm = Forecasts.named("glm-negbin", world, 96);
        int evening = 21 * 4; // Tuesday 1 December, 21:00: the price falls at 22:00, slot 4 of the re-plan
        assertTrue(world.importPrice(evening + 4) < world.importPrice(evening + 3));
        assertEquals(3, ScenarioDemand.reserveSlot(world, evening, 7), "3W: lead 7 crosses 22:00");
        assertEquals(3, ScenarioDemand.reserveSlot(world, evening, 4), "2W: lead 4 ends at 22:00");
        assertEquals(7, ScenarioDemand.reserveSlot(world, 12 * 4, 7), "noon: no fall within the lead time");
        assertEquals(1, ScenarioDemand.reserveSlot(world, evening + 3, 7), "21:45: at least the next slot");
        int[][] plain = ScenarioDemand.plan(world, glm, evening, 96, 0.95, 1);
        int[][] reserve = ScenarioDemand.plan(world, glm, evening, 96, 0.95, 0.995, 1);
        for (int k = 0; k < plain.length; k++) {
            for (int s = 0; s < 96; s++) {
                if (s != 3) {
                    assertEquals(plain[k][s], reserve[k][s], "type " + k + " slot " + s);
                }
            }
            assertTrue(reserve[k][3] >= plain[k][3]);
        }
    }

    @Test
    void theDeferredRowAsksFewerPacksForTheFirstLeadTimeAfterTheOffPeakFallAndCatchesUpAfterIt() {
        World world = world(0.1);
        Forecasts glm = Forecasts.named("glm-negbin", world, 96);
        int evening = 20 * 4; // Tuesday 1 December, 20:00: the price falls at 22:00, slot 8 of the re-plan
        int fall = ScenarioDemand.firstFall(world, evening, 96);
        assertEquals(8, fall);
        assertEquals(96, ScenarioDemand.firstFall(world, 22 * 4, 96), "22:00: no fall ahead within the day");
        int[][] reserve = ScenarioDemand.plan(world, glm, evening, 96, 0.99, 0.999, 1);
        int[][] deferred = ScenarioDemand.plan(world, glm, evening, 96, 0.99, 0.999, 0.5, 0, 1);
        int[][] plain = ScenarioDemand.plan(world, glm, evening, 96, 0.99, 1);
        int fewer = 0;
        for (int k = 0; k < reserve.length; k++) {
            int lead = ScenarioDemand.leadSlots(world, k);
            // the reserve row, without its reserve when the fall is within the lead time
            int[] ref = lead >= fall ? plain[k] : reserve[k];
            for (int s = 0; s < fall; s++) {
                assertEquals(ref[s], deferred[k][s], "before the fall: type " + k + " slot " + s);
            }
            int byNight = 0;
            int byNightPlain = 0;
            for (int s = 0; s < fall + lead; s++) {
                byNight += deferred[k][s];
                byNightPlain += ref[s];
            }
            // what the peak's stock must cover (due before charge started at the fall can be ready) is smaller ...
            assertTrue(byNight <= byNightPlain, "type " + k + ": " + byNight + " vs " + byNightPlain);
            fewer += byNightPlain - byNight;
            // ... and the same running total is due once the off-peak charge can meet it
            int[] a = running(deferred[k]);
            int[] b = running(ref);
            for (int s = fall + lead; s < 96; s++) {
                assertEquals(b[s], a[s], "type " + k + " slot " + s);
            }
        }
        assertTrue(fewer >= 2, "the median instead of P99 after the fall: fewer packs charged on peak, " + fewer);
        // 21:00: the fall (slot 4) is within both lead times (2W 4, 3W 7): no reserve across it
        int late = 21 * 4;
        int[][] lateDeferred = ScenarioDemand.plan(world, glm, late, 96, 0.99, 0.999, 0.5, 0, 1);
        int[][] latePlain = ScenarioDemand.plan(world, glm, late, 96, 0.99, 1);
        int[][] lateReserve = ScenarioDemand.plan(world, glm, late, 96, 0.99, 0.999, 1);
        for (int k = 0; k < lateDeferred.length; k++) {
            assertTrue(lateReserve[k][3] > latePlain[k][3], "the reserve rule holds one there, type " + k);
            for (int s = 0; s < 4; s++) {
                assertEquals(latePlain[k][s], lateDeferred[k][s], "21:00, type " + k + " slot " + s);
            }
        }
    }

    @Test
    void theDeferRuleGoesThroughTheSchedulerAndThePlanChecker() {
        World world = world(0.1);
        Forecasts glm = Forecasts.named("glm-negbin", world, 96);
        int evening = 20 * 4 + 2;
        var policy = new PlanningPolicy("d", world, glm, 0.99, "scenario+defer", 8, 48, 1,
                io.swapflex.optimizer.flow.FlowScheduler.deterministic(1), java.time.Duration.ofMillis(40), 0.01)
                .reserveLevel(0.999).defer(0.5, 0);
        assertPlannedAndChecked(world, policy, evening, ScenarioDemand.plan(world, glm, evening, 48, 0.99, 0.999, 0.5, 0,
                19));
    }

    private static int[] running(int[] row) {
        int[] out = new int[row.length];
        int sum = 0;
        for (int i = 0; i < row.length; i++) {
            sum += row[i];
            out[i] = sum;
        }
        return out;
    }

    @Test
    void theReserveRuleGoesThroughTheSchedulerAndThePlanChecker() {
        World world = world(0.1);
        Forecasts glm = Forecasts.named("glm-negbin", world, 96);
        assertPlannedAndChecked(world, policy(world, glm, 0.95, "scenario+reserve", 0.995), 30, ScenarioDemand.plan(world, glm, 30, 48, 0.95, 0.995, 19));
    }

    @Test
    void theTypeWhosePacksCostMoreEnergyPerUnitOfPenaltyIsPlannedAtALowerLevel() {
        World world = world(0.1);
        // 2W: 0.75 · 1.8 kWh / 0.95 = 1.42 kWh a pack, 150 THB a rider; 3W: 0.75 · 5.376 / 0.95 = 4.24 kWh, 250 THB
        double ratio = (0.75 * 5.376 / 0.95 / 250) / (0.75 * 1.8 / 0.95 / 150);
        double[] levels = ScenarioDemand.newsvendorLevels(world, 0.99);
        assertEquals(0.99, levels[0], 1e-12, "the cheapest type to hold keeps the study's level");
        assertEquals(1 - 0.01 * ratio, levels[1], 1e-12);
        assertTrue(levels[1] > 0.98 && levels[1] < 0.985, "3W at " + levels[1]);
        double[] reserves = ScenarioDemand.newsvendorLevels(world, 0.999);
        assertEquals(0.999, reserves[0], 1e-12);
        assertTrue(reserves[1] < 0.999 && reserves[1] > levels[1], "3W reserve at " + reserves[1]);
        assertTrue(Double.isNaN(ScenarioDemand.newsvendorLevels(world, Double.NaN)[1]), "no reserve stays none");
        assertEquals(0.5, ScenarioDemand.newsvendorLevels(world, 0.6)[1], 1e-12, "never below the median");
    }

    @Test
    void theTypedRowPlansTheCheapTypeAsTheReserveRuleAndTheDearTypeLower() {
        World world = world(0.1);
        Forecasts glm = Forecasts.named("glm-negbin", world, 96);
        int perDay = world.slotsPerDay();
        int evening = 17 * 4;
        double[] levels = ScenarioDemand.newsvendorLevels(world, 0.99);
        double[] reserves = ScenarioDemand.newsvendorLevels(world, 0.999);
        int[][] typed = ScenarioDemand.plan(world, glm, evening, perDay, levels, reserves, Double.NaN, 0, 19);
        int[][] reserve = ScenarioDemand.plan(world, glm, evening, perDay, 0.99, 0.999, 19);
        assertArrayEquals(reserve[0], typed[0], "2W: the reserve rule's row");
        // 3W: its running total below the reserve rule's within the lead time (P98.2 against P99 of the same paths);
        // the reserve brings both to the same top path at the lead slot
        int lead = ScenarioDemand.leadSlots(world, 1);
        int typedTotal = 0;
        int reserveTotal = 0;
        boolean lower = false;
        for (int s = 0; s < lead; s++) {
            typedTotal += typed[1][s];
            reserveTotal += reserve[1][s];
            assertTrue(typedTotal <= reserveTotal, "3W slot " + s + ": " + typedTotal + " against " + reserveTotal);
            lower |= typedTotal < reserveTotal;
        }
        assertTrue(lower, "the 3W level is lower somewhere within the lead time");
        // the same paths: per-type levels that are all equal give the single-level row
        int[][] equal = ScenarioDemand.plan(world, glm, evening, perDay, new double[]{0.99, 0.99},
                new double[]{0.999, 0.999}, Double.NaN, 0, 19);
        assertArrayEquals(reserve[1], equal[1]);
    }

    @Test
    void theTypedRuleGoesThroughTheSchedulerAndThePlanChecker() {
        World world = world(0.1);
        Forecasts glm = Forecasts.named("glm-negbin", world, 96);
        assertPlannedAndChecked(world, policy(world, glm, 0.99, "scenario+typed", 0.999), 70, ScenarioDemand.plan(world, glm, 70, 48,
                ScenarioDemand.newsvendorLevels(world, 0.99), ScenarioDemand.newsvendorLevels(world, 0.999),
                Double.NaN, 0, 19));
    }

    @Test
    void theFallRowBuysFewerPacksForTheOffPeakFallAndPlansTheDayAndTheNightAsTheReserveRow() {
        World world = world(0.1);
        Forecasts glm = Forecasts.named("glm-negbin", world, 96);
        int evening = 19 * 4; // Tuesday 19:00; the weekday tariff falls at 22:00, 12 slots on
        int steps = 48;
        assertEquals(12, ScenarioDemand.firstFall(world, evening, steps));
        double[] levels = ScenarioDemand.fallLevels(world, evening, steps, 0.99);
        // p / (p + kWh · Δprice): 2W 150 THB / 1.42 kWh, 3W 250 THB / 4.24 kWh; the dearer pack to hold is lower
        assertTrue(levels[0] > 0.96 && levels[0] < 0.98, "2W at " + levels[0]);
        assertTrue(levels[1] > 0.93 && levels[1] < levels[0], "3W at " + levels[1]);
        int[][] fall = ScenarioDemand.planFall(world, glm, evening, steps, 0.99, 0.999, levels, 19);
        int[][] scenario = ScenarioDemand.plan(world, glm, evening, steps, 0.99, 19);
        int[][] reserve = ScenarioDemand.plan(world, glm, evening, steps, 0.99, 0.999, 19);
        boolean fewerSomewhere = false;
        for (int k = 0; k < 2; k++) {
            int lead = ScenarioDemand.leadSlots(world, k);
            int[] f = running(fall[k]);
            int[] sc = running(scenario[k]);
            int[] re = running(reserve[k]);
            int from = 12 - lead;
            for (int s = 0; s < from; s++) {
                // the day: the scenario row, plus the reserve due before the window (at slot 4 for both types here)
                assertEquals(sc[s] + (s >= Math.min(lead, from - 1) ? re[steps - 1] - sc[steps - 1] : 0), f[s],
                        "type " + k + " slot " + s);
            }
            for (int s = Math.max(from, lead); s < 12 + lead; s++) {
                // the packs a plan must have bought by the fall and its first lead time: never more than the reserve
                // row's (both with their reserve in place from the lead slot)
                assertTrue(f[s] <= re[s], "type " + k + " slot " + s + ": " + f[s] + " against " + re[s]);
                fewerSomewhere |= f[s] < re[s];
            }
            for (int s = 12 + lead; s < steps; s++) {
                // the night: the reserve row's running total again, as soon as it is above what the window asked
                assertEquals(Math.max(re[s], f[12 + lead - 1]), f[s], "the night: type " + k + " slot " + s);
            }
        }
        assertTrue(fewerSomewhere, "the window around the fall asks fewer packs than the reserve row");
        // no fall in the horizon (from Wednesday 01:00, 24 slots of the off-peak night): the reserve row itself
        int night = 96 + 4;
        assertTrue(Double.isNaN(ScenarioDemand.fallLevels(world, night, 24, 0.99)[0]));
        assertArrayEquals(ScenarioDemand.plan(world, glm, night, 24, 0.99, 0.999, 19)[1],
                ScenarioDemand.planFall(world, glm, night, 24, 0.99, 0.999,
                        ScenarioDemand.fallLevels(world, night, 24, 0.99), 19)[1]);
    }

    @Test
    void theFallRuleGoesThroughTheSchedulerAndThePlanChecker() {
        World world = world(0.1);
        Forecasts glm = Forecasts.named("glm-negbin", world, 96);
        int evening = 20 * 4 + 2;
        assertPlannedAndChecked(world, policy(world, glm, 0.99, "scenario+fall", 0.999), evening,
                ScenarioDemand.planFall(world, glm, evening, 48, 0.99, 0.999,
                        ScenarioDemand.fallLevels(world, evening, 48, 0.99), 19));
    }

    /** A closed-loop policy of {@code rule} on 48-slot horizons, deterministic 40 ms solves. */
    private static PlanningPolicy policy(World world, Forecasts forecasts, double level, String rule, double reserve) {
        return new PlanningPolicy(rule, world, forecasts, level, rule, 8, 48, 1,
                io.swapflex.optimizer.flow.FlowScheduler.deterministic(1), java.time.Duration.ofMillis(40), 0.01)
                .reserveLevel(reserve);
    }

    /**
     * The policy's problem at slot {@code t} (a half-charged bank) asks {@code rows} swaps, and the scheduler's plan
     * for it passes the plan checker.
     */
    private static void assertPlannedAndChecked(World world, PlanningPolicy policy, int t, int[][] rows) {
        double[] soc = new double[world.template().bays().size()];
        java.util.Arrays.fill(soc, 0.5);
        var problem = policy.problemAt(t, soc);
        var plan = io.swapflex.optimizer.flow.FlowScheduler.deterministic(1).solve(problem,
                new io.swapflex.optimizer.SolveOptions(java.time.Duration.ofMillis(40), 0.01, null));
        assertTrue(io.swapflex.optimizer.check.PlanChecker.check(problem, plan).feasible(),
                io.swapflex.optimizer.check.PlanChecker.check(problem, plan).violations().toString());
        for (int k = 0; k < rows.length; k++) {
            for (int i = 0; i < 48; i++) {
                assertEquals(rows[k][i], problem.demand(world.packTypes().get(k).id(), i));
            }
        }
    }

    @Test
    void theSamplersHaveTheirMeans() {
        SplittableRandom random = new SplittableRandom(3);
        double g = 0;
        double p = 0;
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            g += ScenarioDemand.gamma(random, 0.7);
            p += ScenarioDemand.poisson(random, 2.5);
        }
        assertEquals(0.7, g / n, 0.03);
        assertEquals(2.5, p / n, 0.05);
        assertEquals(0, ScenarioDemand.poisson(random, 0));
    }

    /** {@code f}'s forecasts with the means of slots before {@code until} times {@code factor} (as Poisson). */
    private static Forecasts scaledBefore(Forecasts f, int until, double factor) {
        return new Forecasts() {
            @Override
            public List<Forecast> window(int t, int steps) {
                List<Forecast> out = new java.util.ArrayList<>();
                for (Forecast w : f.window(t, steps)) {
                    double[] m = ScenarioDemand.means(w);
                    for (int i = 0; i < steps; i++) {
                        m[i] *= t + i < until ? factor : 1;
                    }
                    Forecast point = Forecasts.pointMass(w.start(), w.step(), m, w.unit());
                    out.add(Forecasts.withPoissonCounts(new Forecast(w.start(), w.step(), m, point.quantiles(),
                            w.unit())));
                }
                return out;
            }

            @Override
            public String name() {
                return "scaled";
            }
        };
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s;
    }

    private static double sum(int[] v) {
        double s = 0;
        for (int x : v) {
            s += x;
        }
        return s;
    }
}
