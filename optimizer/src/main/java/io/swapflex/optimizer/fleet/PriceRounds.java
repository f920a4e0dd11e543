package io.swapflex.optimizer.fleet;

import io.swapflex.optimizer.contract.DispatchRequest;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.optimizer.contract.Tariff;
import io.swapflex.optimizer.fleet.CouplingRows.Row;

import java.util.List;

import static io.swapflex.optimizer.fleet.CouplingRows.TOL_KW;

/**
 * The fleet's bound by price coordination (see {@link FleetPlanner}'s "Bound"): the rows' prices, the stations'
 * shifted problems, L(μ) from their proven bounds, and the trivial bound of a station that proved none.
 */
final class PriceRounds {

    private PriceRounds() {
    }

    /**
     * μ ← max(0, μ + step_c · g / max|g|), row by row (a feeder's shortfall of a few kW moves its prices as fast as a
     * fleet request's hundreds). A row's step grows 2.5-fold while its shortfall shrinks by less than half in a round
     * (the stations answer prices far below what a missed swap is worth, 200 per 1.8 kWh, with small moves only) and
     * shrinks to 0.6 of itself once it does. False when no row is broken and every price is already 0.
     */
    static boolean raisePrices(List<Row> active, double[][] x, double firstStep) {
        boolean moved = false;
        for (Row r : active) {
            double most = 0;
            double shortfall = 0;
            for (int t = r.from; t < r.to; t++) {
                double g = r.g(x, t);
                shortfall += Math.max(0, g);
                if (g > 0 || r.mu[t - r.from] > 0) {
                    most = Math.max(most, Math.abs(g));
                }
            }
            if (most <= TOL_KW * r.members.length) {
                continue;
            }
            if (Double.isNaN(r.step)) {
                r.step = firstStep;
            } else {
                r.step *= shortfall > 0.5 * r.lastShortfall ? 2.5 : 0.6;
            }
            r.lastShortfall = shortfall;
            moved = true;
            for (int t = r.from; t < r.to; t++) {
                r.mu[t - r.from] = Math.max(0, r.mu[t - r.from] + r.step * r.g(x, t) / most);
            }
        }
        return moved;
    }

    /** ρ_s(t) = Σ_{c∋s} σ_c μ_{c,t}. */
    static double[][] stationPrices(List<Row> active, int n, int slots) {
        double[][] rho = new double[n][slots];
        for (Row r : active) {
            for (int s : r.members) {
                for (int t = r.from; t < r.to; t++) {
                    rho[s][t] += r.sigma * r.mu[t - r.from];
                }
            }
        }
        return rho;
    }

    /** The station with both prices shifted by −ρ(t). */
    static Problem shifted(Problem p, double[] rho) {
        Tariff t = p.tariff();
        double[] imp = t.importPricePerKwh().clone();
        double[] exp = t.exportPricePerKwh().clone();
        for (int k = 0; k < imp.length; k++) {
            imp[k] -= rho[k];
            exp[k] -= rho[k];
        }
        return new Problem(p.formatVersion(), p.stationId(), p.horizon(), p.site(), p.packTypes(), p.bays(),
                p.swapDemand(), new Tariff(t.currency(), imp, exp), p.dispatchRequests(), p.unservedSwapPenalty());
    }

    /**
     * L(μ) over the active rows: Σ of the stations' bounds (each under its shifted prices; stations outside the active
     * rows at their own) − Δ Σ μ h. Null when a station proved no bound.
     */
    static Double sumBounds(Plan[] plans, List<Problem> problems, List<Row> active, List<Row> all,
                                    double dt) {
        double sum = 0;
        for (int s = 0; s < plans.length; s++) {
            Plan p = plans[s];
            if (p.bound() != null) {
                sum += p.bound();
            } else if (active == null) {
                sum += trivialBound(problems.get(s));
            } else {
                return null; // a shifted problem's trivial bound is not worth the bookkeeping: keep the best found
            }
        }
        if (active != null) {
            for (Row r : active) {
                for (int t = r.from; t < r.to; t++) {
                    sum -= dt * r.mu[t - r.from] * r.h(t);
                }
            }
        }
        return sum;
    }

    /**
     * A bound no plan of the station can beat, for a station whose solve proved none in its time: every cost term
     * at its least (no degradation, no missed swap, import only where the price is negative) and every revenue at its
     * most (export at the limit where it pays, every offer's reward, the firm requests' reward). Weak, but it keeps
     * the fleet's bound (and gap) stated at any size.
     */
    static double trivialBound(Problem p) {
        double dt = p.slotHours();
        double bound = 0;
        for (int t = 0; t < p.slots(); t++) {
            bound += Math.min(0, p.tariff().importPricePerKwh()[t]) * p.site().importLimitKw(t) * dt;
            bound -= Math.max(0, p.tariff().exportPricePerKwh()[t]) * p.site().exportLimitKw(t) * dt;
        }
        for (DispatchRequest r : p.requests()) {
            bound -= Math.max(0, r.totalReward(dt));
        }
        return bound;
    }

    static double meanImportPrice(List<Problem> problems) {
        double sum = 0;
        int count = 0;
        for (Problem p : problems) {
            for (double v : p.tariff().importPricePerKwh()) {
                sum += Math.abs(v);
                count++;
            }
        }
        return count == 0 ? 1 : Math.max(1e-3, sum / count);
    }
}
