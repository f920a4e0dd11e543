package io.swapflex.optimizer.check.fleet;

import io.swapflex.optimizer.check.CheckReport;
import io.swapflex.optimizer.check.PlanChecker;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.contract.PlanStatus;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.optimizer.fleet.FleetPlan;
import io.swapflex.optimizer.fleet.FleetProblem;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks a fleet plan against its fleet problem, sharing no code with the planner: every station's plan against the
 * station's own problem ({@link PlanChecker}), every feeder limit and fleet request slot by slot from the plans'
 * meter flows, and the fleet's total and bound.
 */
public final class FleetChecker {

    private static final double ABS_TOL = 1e-5;
    private static final double REL_TOL = 1e-4;

    private FleetChecker() {
    }

    /**
     * @return what was found: empty when the fleet plan is feasible and honest (a plan whose status is INFEASIBLE is
     * checked for its stations and its total only, and its fleet shortfalls must be among its stated violations)
     */
    public static List<String> check(FleetProblem fleet, FleetPlan plan) {
        List<String> found = new ArrayList<>();
        List<Problem> problems = fleet.stations();
        if (plan.stations() == null || plan.stations().size() != problems.size()) {
            found.add("fleet plan has " + (plan.stations() == null ? 0 : plan.stations().size()) + " station plans, "
                    + "the fleet " + problems.size() + " stations");
            return found;
        }
        Map<String, double[]> net = new HashMap<>();
        double total = 0;
        for (int s = 0; s < problems.size(); s++) {
            Problem problem = problems.get(s);
            Plan p = plan.stations().get(s);
            if (!problem.stationId().equals(p.stationId())) {
                found.add("stations[" + s + "]: plan of '" + p.stationId() + "', problem of '" + problem.stationId()
                        + "'");
                continue;
            }
            CheckReport report = PlanChecker.check(problem, p);
            // a station plan that says it breaks rules (INFEASIBLE, or TIME_LIMIT: none meeting them found) is the
            // best found for that station; inside an INFEASIBLE fleet plan that names the station it is honest (the
            // station checker still has to find its rules broken)
            boolean declared = (p.status() == PlanStatus.INFEASIBLE || p.status() == PlanStatus.TIME_LIMIT)
                    && plan.status() == PlanStatus.INFEASIBLE && !report.hardRulesMet()
                    && plan.violations().stream().anyMatch(v -> v.startsWith(problem.stationId() + ":"));
            if (!report.feasible() && !declared) {
                for (String v : report.violations()) {
                    found.add(problem.stationId() + ": " + v);
                }
            }
            if (report.objective() != null) {
                total += report.objective().total();
            }
            int slots = problem.horizon().slots();
            double[] x = new double[slots];
            for (int t = 0; t < slots; t++) {
                x[t] = p.grid().exportKw()[t] - p.grid().importKw()[t];
            }
            net.put(problem.stationId(), x);
        }
        double hours = problems.get(0).horizon().slotMinutes() / 60.0;
        int slots = problems.get(0).horizon().slots();
        List<String> shortfalls = new ArrayList<>();
        for (FleetProblem.Feeder f : fleet.feederList()) {
            for (int t = 0; t < slots; t++) {
                double sum = 0;
                for (String id : f.stations()) {
                    sum += net.getOrDefault(id, new double[slots])[t];
                }
                double in = limit(f.importLimitKw(), f.importLimitKwBySlot(), t);
                double out = limit(f.exportLimitKw(), f.exportLimitKwBySlot(), t);
                if (-sum > in + tol(in, f.stations().size())) {
                    shortfalls.add(String.format(Locale.ROOT, "feeder %s slot %d: net import %.3f kW above %.3f kW",
                            f.id(), t, -sum, in));
                }
                if (sum > out + tol(out, f.stations().size())) {
                    shortfalls.add(String.format(Locale.ROOT, "feeder %s slot %d: net export %.3f kW above %.3f kW",
                            f.id(), t, sum, out));
                }
            }
        }
        for (FleetProblem.FleetRequest r : fleet.requestList()) {
            List<String> members = r.stations() != null ? r.stations()
                    : problems.stream().map(Problem::stationId).toList();
            for (int t = r.fromSlot(); t < r.toSlot(); t++) {
                double sum = 0;
                for (String id : members) {
                    sum += net.getOrDefault(id, new double[slots])[t];
                }
                if (sum < r.exportKw() - tol(r.exportKw(), members.size())) {
                    shortfalls.add(String.format(Locale.ROOT, "request %s slot %d: net export %.3f kW below %.3f kW",
                            r.id(), t, sum, r.exportKw()));
                }
            }
            total -= r.reward() * r.exportKw() * hours * (r.toSlot() - r.fromSlot());
        }
        if (plan.status() == PlanStatus.INFEASIBLE) {
            if (shortfalls.size() > plan.violations().size()) {
                found.add("the plan states " + plan.violations().size() + " fleet violations, the checker finds "
                        + shortfalls.size());
            }
        } else {
            found.addAll(shortfalls);
        }
        if (Math.abs(total - plan.total()) > REL_TOL * Math.max(1, Math.abs(total))) {
            found.add(String.format(Locale.ROOT, "fleet total %.4f, recomputed %.4f", plan.total(), total));
        }
        if (plan.bound() != null && plan.bound() > plan.total() + REL_TOL * Math.max(1, Math.abs(plan.total()))) {
            found.add(String.format(Locale.ROOT, "bound %.4f above the total %.4f", plan.bound(), plan.total()));
        }
        return found;
    }

    /** A feeder's limit in slot t: the tighter of the constant and the per-slot one (∞ when neither is given). */
    private static double limit(Double constant, double[] bySlot, int t) {
        double v = constant == null ? Double.POSITIVE_INFINITY : constant;
        return bySlot == null ? v : Math.min(v, bySlot[t]);
    }

    /** The station checker's tolerance for each station summed, and a relative one for the limit. */
    private static double tol(double limit, int stations) {
        return ABS_TOL * stations + (Double.isInfinite(limit) ? 0 : 1e-7 * Math.abs(limit));
    }
}
