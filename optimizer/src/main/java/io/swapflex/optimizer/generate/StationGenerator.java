package io.swapflex.optimizer.generate;

import io.swapflex.datasets.examples.ExampleStations;
import io.swapflex.optimizer.contract.Bay;
import io.swapflex.optimizer.contract.DispatchRequest;
import io.swapflex.optimizer.contract.Horizon;
import io.swapflex.optimizer.contract.PackType;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.optimizer.contract.Site;
import io.swapflex.optimizer.contract.Tariff;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Seeded station problems for tests and the benchmark ladder: 96 slots of 15 minutes, Thai-style time-of-use import
 * prices with ±5 % noise, an export price that peaks in the evening (so discharging can pay) but stays below the
 * import price, commuter-peaked Poisson
 * swap demand per pack type, a grid connection of about half the bays' charging power, chargers for ~80 % of the bays,
 * a firm evening request and an afternoon offer. Pack types are the examples' 2W, 3W, van and truck packs, in that
 * order (a station with {@code types} types uses the first ones), with the examples' economics: a swap value per type
 * (150, 250, 3,000, 8,000 THB), an end value of the off-peak import price over the charging efficiency, and a third of
 * each type's bays (rounded) swap-ready at the end (datasets/…/examples/README.md gives the reasoning).
 */
public final class StationGenerator {

    static final PackType P2W = new PackType("2W-1.8", 1.8, 1.0, 1.0, 0.95, 0.95, 0.10, 1.0, 0.95, 0.20, 1.02);
    static final PackType P3W = new PackType("3W-5.4", 5.376, 2.5, 2.5, 0.95, 0.95, 0.10, 1.0, 0.95, 0.20, 1.02);
    static final PackType VAN = new PackType("VAN-50", 50.0, 30.0, 30.0, 0.96, 0.96, 0.10, 1.0, 0.95, 0.25, 0.55);
    static final PackType TRUCK = new PackType("TRUCK-282", 282.0, 120.0, 120.0, 0.96, 0.96, 0.10, 1.0, 0.95, 0.20,
            0.44);
    private static final List<PackType> TYPES = List.of(P2W, P3W, VAN, TRUCK);
    /** Price of an unserved swap per type, THB (the examples' values). */
    private static final double[] SWAP_VALUE = {150.0, 250.0, 3_000.0, 8_000.0};
    /** The generator's off-peak import price before noise, THB/kWh. */
    private static final double OFF_PEAK = 2.64;
    /** Swaps a day per bay, by type. */
    private static final double[] SWAPS_PER_BAY = {6.0, 4.0, 2.5, 2.0};
    /** Share of the bays per type (of the types in use). */
    private static final double[] SHARE = {0.55, 0.25, 0.12, 0.08};
    private static final double[] PROFILE = {0.6, 0.4, 0.2, 0.2, 0.3, 0.8, 2.5, 7.5, 8.0, 4.5, 3.0, 3.5,
            4.0, 3.0, 2.5, 2.8, 3.5, 6.5, 7.5, 6.0, 4.0, 3.0, 2.0, 1.2};

    private StationGenerator() {
    }

    /** The ladder of the issue: bays → pack types. */
    public static int typesFor(int bays) {
        return bays <= 12 ? 1 : bays <= 50 ? 2 : bays <= 200 ? 3 : 4;
    }

    public static Problem generate(int bayCount, int typeCount, long seed) {
        SplittableRandom rng = new SplittableRandom(seed * 1_000_003L + bayCount);
        int slots = 96;
        double dt = 0.25;
        int[] perType = split(bayCount, typeCount);
        List<PackType> types = new ArrayList<>();
        for (int k = 0; k < typeCount; k++) {
            PackType p = TYPES.get(k);
            types.add(p.withEconomics(SWAP_VALUE[k], round(OFF_PEAK / p.chargeEfficiency(), 4),
                    (int) Math.round(perType[k] / 3.0)));
        }
        List<Bay> bays = new ArrayList<>();
        double chargeKw = 0;
        double dischargeKw = 0;
        for (int k = 0; k < typeCount; k++) {
            PackType p = types.get(k);
            for (int i = 0; i < perType[k]; i++) {
                boolean full = rng.nextDouble() < 0.4;
                double lo = full ? p.swapReadySoc() : p.returnSoc();
                double hi = full ? p.maxSoc() : 0.90;
                double soc = Math.round((lo + (hi - lo) * rng.nextDouble()) * 100) / 100.0;
                bays.add(new Bay(String.format(Locale.ROOT, "bay-%03d", bays.size() + 1), p.id(), soc));
                chargeKw += p.maxChargeKw();
                dischargeKw += p.maxDischargeKw();
            }
        }
        Map<String, int[]> demand = new LinkedHashMap<>();
        for (int k = 0; k < typeCount; k++) {
            int[] row = new int[slots];
            double perDay = SWAPS_PER_BAY[k] * perType[k];
            double sum = 0;
            for (double v : PROFILE) {
                sum += v;
            }
            for (int t = 0; t < slots; t++) {
                row[t] = ExampleStations.poisson(rng, PROFILE[t / 4] * perDay / sum / 4.0);
            }
            demand.put(types.get(k).id(), row);
        }
        double[] imp = new double[slots];
        double[] exp = new double[slots];
        double[] base = new double[slots];
        for (int t = 0; t < slots; t++) {
            double hour = t * dt;
            boolean peak = hour >= 9 && hour < 22;
            imp[t] = round((peak ? 5.79 : 2.64) * (0.95 + 0.1 * rng.nextDouble()), 4);
            double evening = Math.exp(-Math.pow((hour - 19.5) / 1.5, 2));
            // a wholesale-like export price peaking in the evening, never above 95 % of the retail import price (a
            // feed-in tariff below retail; otherwise import-and-export arbitrage would be the meter's business)
            exp[t] = round(Math.min(0.95 * imp[t], 1.8 + 4.0 * evening + 0.2 * rng.nextDouble()), 4);
            base[t] = round(0.02 * chargeKw * (1 + 0.5 * Math.sin(Math.PI * (hour - 6) / 13.0)), 3);
        }
        Site site = new Site(round(0.5 * chargeKw, 1), round(0.4 * dischargeKw, 1),
                (int) Math.ceil(0.8 * bayCount), base);
        List<DispatchRequest> requests = List.of(
                new DispatchRequest("dr-firm-evening", 76, 80, round(0.08 * dischargeKw, 1), 3.0, true),
                new DispatchRequest("offer-afternoon", 56, 60, round(0.12 * dischargeKw, 1), 4.5, false));
        return new Problem(1, String.format(Locale.ROOT, "gen-%d-%d-%d", bayCount, typeCount, seed),
                new Horizon("2026-11-26T00:00:00+07:00", 15, slots), site, types, bays, demand,
                new Tariff("THB", imp, exp), requests, 200.0);
    }

    private static int[] split(int bays, int types) {
        int[] n = new int[types];
        double share = 0;
        for (int k = 0; k < types; k++) {
            share += SHARE[k];
        }
        int left = bays;
        for (int k = types - 1; k > 0; k--) {
            n[k] = Math.max(1, (int) Math.round(bays * SHARE[k] / share));
            left -= n[k];
        }
        n[0] = left;
        return n;
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
