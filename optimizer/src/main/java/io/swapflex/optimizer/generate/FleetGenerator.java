package io.swapflex.optimizer.generate;

import io.swapflex.optimizer.contract.Problem;
import io.swapflex.optimizer.fleet.FleetProblem;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Seeded fleets for the fleet benchmark and the CLI's example: stations of 8–50 bays from {@link StationGenerator}
 * (one pack type up to 12 bays, two beyond), on feeders of ten stations, and one firm evening request to the whole
 * fleet for {@value #REQUEST_SHARE} of its discharge power, 18:00–20:00. A feeder's transformer is rated at
 * {@value #TRANSFORMER_SHARE} times its stations' summed import limits and also serves homes, whose load is 20 % of
 * the rating all day and up to 70 % at 19:30 (a Gaussian evening peak of 2 h width): the stations' headroom per slot
 * is the rest. The stations alone would draw their full limits through the evening; the feeder makes them share it.
 */
public final class FleetGenerator {

    static final double TRANSFORMER_SHARE = 1.3;
    static final double REQUEST_SHARE = 0.05;
    static final int FEEDER_SIZE = 10;

    private FleetGenerator() {
    }

    public static FleetProblem generate(int stations, long seed) {
        SplittableRandom rng = new SplittableRandom(seed * 7_919L + stations);
        List<Problem> problems = new ArrayList<>(stations);
        double dischargeKw = 0;
        for (int s = 0; s < stations; s++) {
            int bays = 8 + rng.nextInt(43);
            Problem p = StationGenerator.generate(bays, StationGenerator.typesFor(bays), seed * 100_003L + s);
            problems.add(p);
            dischargeKw += p.dischargeKw();
        }
        List<FleetProblem.Feeder> feeders = new ArrayList<>();
        for (int from = 0; from < stations; from += FEEDER_SIZE) {
            List<Problem> group = problems.subList(from, Math.min(stations, from + FEEDER_SIZE));
            double limit = 0;
            for (Problem p : group) {
                limit += p.site().gridImportLimitKw();
            }
            double rating = TRANSFORMER_SHARE * limit;
            double[] headroom = new double[96];
            for (int t = 0; t < headroom.length; t++) {
                double hour = t * 0.25 + 0.125;
                double homes = 0.2 + 0.5 * Math.exp(-Math.pow((hour - 19.5) / 2.0, 2));
                headroom[t] = round(rating * (1 - homes));
            }
            feeders.add(new FleetProblem.Feeder(String.format(Locale.ROOT, "feeder-%03d", feeders.size() + 1),
                    group.stream().map(Problem::stationId).toList(), null, null, headroom, null));
        }
        List<FleetProblem.FleetRequest> requests = List.of(new FleetProblem.FleetRequest("fleet-evening", null, 72,
                80, round(REQUEST_SHARE * dischargeKw), 3.0));
        return new FleetProblem(FleetProblem.FORMAT_VERSION, String.format(Locale.ROOT, "gen-fleet-%d-%d", stations,
                seed), problems, feeders, requests);
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
