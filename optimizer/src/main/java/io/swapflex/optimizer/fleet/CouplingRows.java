package io.swapflex.optimizer.fleet;

import io.swapflex.optimizer.contract.Problem;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The fleet's coupling rows (see {@link FleetPlanner}'s model): a feeder's import and export limits over the whole
 * horizon, a fleet request over its window; each a row g_{c,t} = σ_c Σ_{s∈S_c} x_s(t) − h_c ≤ 0 on the stations' net
 * exports, with its prices μ_{c,t} for the price rounds.
 */
final class CouplingRows {

    /** Per station, kW: a row or a share met within this is met (the station checker's own tolerance is 1e-5). */
    static final double TOL_KW = 1e-6;

    private CouplingRows() {
    }

    enum Kind { REQUEST, FEEDER_IMPORT, FEEDER_EXPORT }

    /** One coupling row over its window; its limit may change slot by slot (a feeder's headroom). */
    static final class Row {
        final String id;
        final Kind kind;
        final int[] members;
        final int from;
        final int to;
        /** The limit (a request's kW) per slot of the window. */
        final double[] limit;
        final double sigma;
        final double[] mu;
        /** The row's price step (currency per kWh) and its shortfall when last priced. */
        double step = Double.NaN;
        double lastShortfall;

        Row(String id, Kind kind, int[] members, int from, int to, double[] limit) {
            this.id = id;
            this.kind = kind;
            this.members = members;
            this.from = from;
            this.to = to;
            this.limit = limit;
            this.sigma = kind == Kind.FEEDER_EXPORT ? 1 : -1;
            this.mu = new double[to - from];
        }

        double limit(int t) {
            return limit[t - from];
        }

        /** h_{c,t}: −R for a request, the limit for a feeder. */
        double h(int t) {
            return kind == Kind.REQUEST ? -limit(t) : limit(t);
        }

        /** g_{c,t} for the flows x: positive when the row is broken. */
        double g(double[][] x, int t) {
            double sum = 0;
            for (int s : members) {
                sum += x[s][t];
            }
            return sigma * sum - h(t);
        }

        /** The summed flow the row limits (net export for requests and export caps, net import for import caps). */
        double value(double[][] x, int t) {
            double sum = 0;
            for (int s : members) {
                sum += x[s][t];
            }
            return kind == Kind.FEEDER_IMPORT ? -sum : sum;
        }
    }

    /** The coupling rows: feeders' import and export limits over the whole horizon, the fleet requests' windows. */
    static List<Row> of(FleetProblem fleet) {
        Map<String, Integer> index = new HashMap<>();
        List<Problem> problems = fleet.stations();
        for (int s = 0; s < problems.size(); s++) {
            index.put(problems.get(s).stationId(), s);
        }
        int slots = problems.get(0).slots();
        List<Row> rows = new ArrayList<>();
        for (FleetProblem.Feeder f : fleet.feederList()) {
            int[] members = f.stations().stream().mapToInt(index::get).toArray();
            if (f.importLimitKw() != null || f.importLimitKwBySlot() != null) {
                rows.add(new Row(f.id() + "/import", Kind.FEEDER_IMPORT, members, 0, slots,
                        perSlot(f.importLimitKw(), f.importLimitKwBySlot(), slots)));
            }
            if (f.exportLimitKw() != null || f.exportLimitKwBySlot() != null) {
                rows.add(new Row(f.id() + "/export", Kind.FEEDER_EXPORT, members, 0, slots,
                        perSlot(f.exportLimitKw(), f.exportLimitKwBySlot(), slots)));
            }
        }
        for (FleetProblem.FleetRequest r : fleet.requestList()) {
            int[] members = r.stations() == null ? java.util.stream.IntStream.range(0, problems.size()).toArray()
                    : r.stations().stream().mapToInt(index::get).toArray();
            double[] kw = new double[r.toSlot() - r.fromSlot()];
            Arrays.fill(kw, r.exportKw());
            rows.add(new Row(r.id(), Kind.REQUEST, members, r.fromSlot(), r.toSlot(), kw));
        }
        return rows;
    }

    /** min(scalar, bySlot[t]) per slot; either may be absent. */
    private static double[] perSlot(Double scalar, double[] bySlot, int slots) {
        double[] out = new double[slots];
        for (int t = 0; t < slots; t++) {
            double v = scalar == null ? Double.POSITIVE_INFINITY : scalar;
            out[t] = bySlot == null ? v : Math.min(v, bySlot[t]);
        }
        return out;
    }

    /** The broken rows and every row sharing a station with them (their stations' flows will move). */
    static List<Row> closure(List<Row> rows, List<Row> broken, int n) {
        boolean[] touched = new boolean[n];
        List<Row> active = new ArrayList<>(broken);
        boolean grew = true;
        for (Row r : broken) {
            for (int s : r.members) {
                touched[s] = true;
            }
        }
        while (grew) {
            grew = false;
            for (Row r : rows) {
                if (active.contains(r)) {
                    continue;
                }
                for (int s : r.members) {
                    if (touched[s]) {
                        active.add(r);
                        for (int m : r.members) {
                            touched[m] = true;
                        }
                        grew = true;
                        break;
                    }
                }
            }
        }
        return active;
    }
}
