package io.swapflex.optimizer.plan;

import io.swapflex.optimizer.check.PlanChecker;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.contract.PlanStatus;
import io.swapflex.optimizer.contract.Problem;

/**
 * Which of two plans of the same problem a scheduler returns: the portfolio's choice between its schedulers ({@code
 * AutoScheduler}) and a staged flow solve's between its stages ({@code FlowScheduler}).
 */
public final class PlanChoice {

    private PlanChoice() {
    }

    /**
     * The better of two plans for the same problem: one that meets every hard rule before one that does not, then the
     * lower total (the first wins ties within 1e-9 relative); between two that break rules, a proven INFEASIBLE before
     * a TIME_LIMIT compromise, then fewer violations. The bound is the higher of the two proven ones when the plan
     * meets every rule.
     */
    public static Plan better(Problem problem, Plan first, Plan second, double gapTarget, long millis) {
        if (first == null || second == null) {
            Plan only = first != null ? first : second;
            return withTime(only, millis);
        }
        boolean firstMeets = meetsRules(problem, first);
        boolean secondMeets = meetsRules(problem, second);
        if (!firstMeets && !secondMeets) {
            return withTime(betterCompromise(first, second), millis);
        }
        Plan best;
        if (firstMeets != secondMeets) {
            best = firstMeets ? first : second;
        } else {
            double a = first.objective().total();
            double b = second.objective().total();
            best = b < a - 1e-9 * Math.max(1, Math.abs(a)) ? second : first;
        }
        Double bound = higher(firstMeets || first.status() != PlanStatus.INFEASIBLE ? first.bound() : null,
                secondMeets || second.status() != PlanStatus.INFEASIBLE ? second.bound() : null);
        double total = best.objective().total();
        if (bound != null) {
            bound = Math.min(bound, total); // both bounds are proven; rounding may put one a hair above the optimum
        }
        Double gap = Plan.gapOf(total, bound);
        PlanStatus status = gap == null ? best.status()
                : gap <= 1e-6 ? PlanStatus.OPTIMAL
                : gap <= gapTarget ? PlanStatus.FEASIBLE : PlanStatus.TIME_LIMIT;
        return new Plan(best.formatVersion(), best.stationId(), status, best.objective(), bound, gap, millis,
                best.grid(), best.bays(), best.unservedSwaps(), best.acceptedDispatchRequests(), best.violations(),
                best.solver());
    }

    private static boolean meetsRules(Problem problem, Plan plan) {
        return plan.violations().isEmpty() && plan.status() != PlanStatus.INFEASIBLE
                && PlanChecker.check(problem, plan).hardRulesMet();
    }

    private static Plan betterCompromise(Plan first, Plan second) {
        boolean firstProven = first.status() == PlanStatus.INFEASIBLE;
        boolean secondProven = second.status() == PlanStatus.INFEASIBLE;
        if (firstProven != secondProven) {
            return firstProven ? first : second;
        }
        return second.violations().size() < first.violations().size() ? second : first;
    }

    private static Double higher(Double a, Double b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : Math.max(a, b);
    }

    private static Plan withTime(Plan plan, long millis) {
        return new Plan(plan.formatVersion(), plan.stationId(), plan.status(), plan.objective(), plan.bound(),
                plan.gap(), millis, plan.grid(), plan.bays(), plan.unservedSwaps(), plan.acceptedDispatchRequests(),
                plan.violations(), plan.solver());
    }
}
