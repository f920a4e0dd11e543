package io.swapflex.optimizer;

import io.swapflex.optimizer.contract.Bay;
import io.swapflex.optimizer.contract.DispatchRequest;
import io.swapflex.optimizer.contract.Horizon;
import io.swapflex.optimizer.contract.PackType;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.optimizer.contract.Site;
import io.swapflex.optimizer.contract.Tariff;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Small problems for tests, built in code so that each test shows the numbers it depends on. */
public final class Problems {

    private Problems() {
    }

    /** A pack of 1 kWh, 1 kW both ways, lossless, band [0, 1], ready at 0.9, returned at 0.2, no degradation. */
    public static PackType simplePack(String id) {
        return new PackType(id, 1.0, 1.0, 1.0, 1.0, 1.0, 0.0, 1.0, 0.9, 0.2, 0.0);
    }

    public static PackType pack(String id, double capKwh, double chargeKw, double dischargeKw, double eta,
                                double minSoc, double maxSoc, double ready, double ret, double deg) {
        return new PackType(id, capKwh, chargeKw, dischargeKw, eta, eta, minSoc, maxSoc, ready, ret, deg);
    }

    /** One bay of type "P" over hourly slots with the given prices; limits 10 kW both ways. */
    public static Builder oneBay(double soc, double[] importPrice, double[] exportPrice) {
        return new Builder(importPrice.length, 60).pack(simplePack("P")).bay("bay-1", "P", soc)
                .prices(importPrice, exportPrice);
    }

    /** A seeded random station for cross-checks: hourly slots, one pack type, a few swaps, TOU-like prices. */
    public static Problem random(long seed, int bays, int slots) {
        SplittableRandom random = new SplittableRandom(seed);
        PackType type = pack("2W", 1.6, 0.8, 0.8, 0.95, 0.1, 1.0, 0.9, 0.2, 0.4);
        Builder builder = new Builder(slots, 60).pack(type).limits(bays * 0.6, bays * 0.4)
                .maxActive(Math.max(1, bays - 1)).penalty(200);
        for (int b = 0; b < bays; b++) {
            builder.bay("bay-" + b, "2W", 0.2 + 0.8 * random.nextDouble());
        }
        double[] imp = new double[slots];
        double[] exp = new double[slots];
        int[] demand = new int[slots];
        for (int t = 0; t < slots; t++) {
            int hour = t % 24;
            boolean peak = hour >= 9 && hour < 22;
            imp[t] = (peak ? 5.96 : 2.80) + 0.5 * random.nextDouble();
            exp[t] = peak && hour >= 18 ? 0.9 * imp[t] : 2.2;
            demand[t] = (hour == 8 || hour == 18) && random.nextDouble() < 0.8 ? 1 : 0;
        }
        return builder.prices(imp, exp).demand("2W", demand).build();
    }

    /**
     * Issue 15: 4 bays over 24 hourly slots (the demo station and a fourth bay at half charge) with a firm 1 kW export
     * from 18:00 to 21:00. HiGHS on the exact per-bay model: best plan 185.246, dual bound 184.504 after 60 s (one
     * earlier run reported 186.889 as optimal after 20 s; the two runs disagree). The reference MIP alone ends
     * its budget with a plan that breaks the firm request; the flow scheduler has one that meets every rule.
     */
    public static Problem fourBaysFirmEvening() {
        PackType pack = new PackType("2W-1.8", 1.8, 1.5, 1.0, 0.95, 0.95, 0.1, 1.0, 0.95, 0.2, 1.02);
        double[] imp = new double[24];
        double[] exp = new double[24];
        double[] base = new double[24];
        for (int t = 0; t < 24; t++) {
            imp[t] = t >= 9 && t < 22 ? 6.3777 : 2.9951;
            exp[t] = 2.2;
            base[t] = t < 6 || t >= 22 ? 0.1 : t >= 18 ? 0.2 : 0.25;
        }
        int[] demand = new int[24];
        for (int t : new int[]{7, 8, 12, 17, 18}) {
            demand[t] = 1;
        }
        return new Builder(24, 60).pack(pack)
                .bay("bay-01", "2W-1.8", 0.95).bay("bay-02", "2W-1.8", 0.6).bay("bay-03", "2W-1.8", 0.3)
                .bay("bay-04", "2W-1.8", 0.5)
                .limits(3.0, 2.0).maxActive(2).baseLoad(base).prices(imp, exp).demand("2W-1.8", demand)
                .penalty(150).request("dr-evening", 18, 21, 1.0, 4.0, true).build();
    }

    public static final class Builder {
        private final int slots;
        private final int slotMinutes;
        private final List<PackType> types = new ArrayList<>();
        private final List<Bay> bays = new ArrayList<>();
        private final Map<String, int[]> demand = new LinkedHashMap<>();
        private final List<DispatchRequest> requests = new ArrayList<>();
        private double[] importPrice;
        private double[] exportPrice;
        private double importLimit = 10;
        private double exportLimit = 10;
        private Integer maxActive;
        private double[] baseLoad;
        private double penalty = 100;

        public Builder(int slots, int slotMinutes) {
            this.slots = slots;
            this.slotMinutes = slotMinutes;
        }

        public Builder pack(PackType type) {
            types.add(type);
            return this;
        }

        public Builder bay(String id, String type, double soc) {
            bays.add(new Bay(id, type, soc));
            return this;
        }

        public Builder prices(double[] imp, double[] exp) {
            importPrice = imp;
            exportPrice = exp;
            return this;
        }

        public Builder demand(String type, int... perSlot) {
            demand.put(type, perSlot);
            return this;
        }

        public Builder limits(double importKw, double exportKw) {
            importLimit = importKw;
            exportLimit = exportKw;
            return this;
        }

        public Builder maxActive(Integer bays) {
            maxActive = bays;
            return this;
        }

        public Builder baseLoad(double... kw) {
            baseLoad = kw;
            return this;
        }

        public Builder penalty(double perSwap) {
            penalty = perSwap;
            return this;
        }

        public Builder request(String id, int from, int to, double kw, double reward, boolean firm) {
            requests.add(new DispatchRequest(id, from, to, kw, reward, firm));
            return this;
        }

        public Problem build() {
            double[] imp = importPrice == null ? new double[slots] : importPrice;
            double[] exp = exportPrice == null ? new double[slots] : exportPrice;
            Map<String, int[]> swaps = new LinkedHashMap<>(demand);
            for (PackType type : types) {
                swaps.putIfAbsent(type.id(), new int[slots]);
            }
            return new Problem(1, "test-station", new Horizon("2026-11-26T00:00:00+07:00", slotMinutes, slots),
                    new Site(importLimit, exportLimit, maxActive, baseLoad), List.copyOf(types), List.copyOf(bays),
                    swaps, new Tariff("THB", imp, exp), List.copyOf(requests), penalty);
        }
    }

    public static double[] constant(int slots, double value) {
        double[] values = new double[slots];
        Arrays.fill(values, value);
        return values;
    }
}
