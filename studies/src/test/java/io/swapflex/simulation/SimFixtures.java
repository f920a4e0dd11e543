package io.swapflex.simulation;

import io.swapflex.optimizer.contract.Bay;
import io.swapflex.optimizer.contract.Horizon;
import io.swapflex.optimizer.contract.PackType;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.optimizer.contract.Site;
import io.swapflex.optimizer.contract.Tariff;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Small stations and worlds for the simulation tests. */
final class SimFixtures {

    /** 2 kWh pack, 1 kW both ways, 90 % efficient each way; ready at 0.9, returned at 0.2, band [0.1, 1]. */
    static final PackType PACK = new PackType("P", 2.0, 1.0, 1.0, 0.9, 0.9, 0.1, 1.0, 0.9, 0.2, 0.5);

    private SimFixtures() {
    }

    /** A template of {@code socs.length} bays of {@link #PACK}, hourly slots over one day. */
    static Problem template(double[] socs, double importLimit, double exportLimit, Integer maxActive, double base) {
        List<Bay> bays = new ArrayList<>();
        for (int b = 0; b < socs.length; b++) {
            bays.add(new Bay(String.format("bay-%02d", b + 1), "P", socs[b]));
        }
        double[] load = new double[24];
        Arrays.fill(load, base);
        double[] in = new double[24];
        double[] out = new double[24];
        for (int h = 0; h < 24; h++) {
            in[h] = h >= 9 && h < 22 ? 5.0 : 3.0;
            out[h] = 2.0;
        }
        return new Problem(1, "test-station", new Horizon("2026-12-01T00:00:00+07:00", 60, 24),
                new Site(importLimit, exportLimit, maxActive, load), List.of(PACK), bays,
                Map.of("P", new int[24]), new Tariff("THB", in, out), null, 150.0);
    }

    /** A world with the given realised demand (one row per simulated slot + look-ahead), tariff as the template's. */
    static World world(Problem template, int warmupDays, int days, int[] demand) {
        int perDay = 24;
        int total = (warmupDays + days + 1) * perDay;
        if (demand.length != total) {
            throw new IllegalArgumentException("need " + total + " demand values");
        }
        double[] in = new double[total];
        double[] out = new double[total];
        double[] load = new double[total];
        for (int i = 0; i < total; i++) {
            in[i] = template.tariff().importPricePerKwh()[i % perDay];
            out[i] = template.tariff().exportPricePerKwh()[i % perDay];
            load[i] = template.site().baseLoadKw()[i % perDay];
        }
        return new World(template, warmupDays, days, OffsetDateTime.parse("2026-12-01T00:00:00+07:00"),
                new int[][]{demand}, in, out, load);
    }
}
