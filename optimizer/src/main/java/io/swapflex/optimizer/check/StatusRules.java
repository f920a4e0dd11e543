package io.swapflex.optimizer.check;

import io.swapflex.optimizer.contract.Objective;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.contract.PlanStatus;

import java.util.List;

import static io.swapflex.optimizer.check.Findings.n;

/**
 * Whether the plan's status, bound, gap and declared violations are honest, given what the other checks found.
 * Runs last: it needs the count of shape and hard-rule violations.
 */
final class StatusRules {

    private StatusRules() {
    }

    static void check(Plan plan, Objective recomputed, Findings f) {
        Double bound = finiteOrReport("bound", plan.bound(), f);
        Double gap = finiteOrReport("gap", plan.gap(), f);
        boundAndGap(plan, bound, gap, recomputed, f);
        status(plan, bound, gap, f);
    }

    private static Double finiteOrReport(String name, Double value, Findings f) {
        if (value != null && !Double.isFinite(value)) {
            f.bookkeeping(name + " is " + value + ", must be a finite number or null");
            return null;
        }
        return value;
    }

    private static void boundAndGap(Plan plan, Double bound, Double gap, Objective recomputed, Findings f) {
        if (plan.bound() != null && plan.gap() == null) {
            f.bookkeeping("bound is given without a gap");
        } else if (plan.bound() == null && plan.gap() != null) {
            f.bookkeeping("gap is given without a bound");
        }
        Objective reported = plan.objective();
        double total = recomputed != null ? recomputed.total()
                : reported != null ? reported.total() : Double.NaN;
        if (bound != null && Double.isFinite(total)
                && bound > total + PlanChecker.REL_TOL * Math.max(1.0, Math.abs(total))) {
            f.bookkeeping("bound " + n(bound) + " exceeds the plan's total " + n(total)
                    + ", so it is not a lower bound");
        }
        // The gap is bookkeeping on the plan's own numbers: compare it with the one its reported total and bound give.
        // It is a relative quantity, so 1e-4 absolute is the objective's 1e-4 relative; a gap clamped at 0 is accepted.
        if (bound != null && gap != null && reported != null && Double.isFinite(reported.total())) {
            double expected = (reported.total() - bound) / Math.max(1.0, Math.abs(reported.total()));
            if (Math.abs(gap - expected) > PlanChecker.REL_TOL
                    && Math.abs(gap - Math.max(0.0, expected)) > PlanChecker.REL_TOL) {
                f.bookkeeping("gap " + n(gap) + " is not (total − bound) / max(1, |total|) = " + n(expected));
            }
        }
    }

    private static void status(Plan plan, Double bound, Double gap, Findings f) {
        PlanStatus status = plan.status();
        if (status == null) {
            f.bookkeeping("status is missing");
            return;
        }
        if (status == PlanStatus.OPTIMAL) {
            if (bound == null) {
                f.bookkeeping("status OPTIMAL without a proven bound");
            } else if (gap == null || gap > PlanChecker.OPTIMAL_GAP) {
                f.bookkeeping("status OPTIMAL with gap " + (gap == null ? "null" : n(gap)) + ", must be ≤ 1e-6");
            }
        }
        List<String> declared = plan.violations() == null ? List.of() : plan.violations();
        int broken = f.broken();
        switch (status) {
            case OPTIMAL, FEASIBLE -> {
                if (broken > 0) {
                    f.bookkeeping("status " + status + " claims every hard rule is met, but " + broken
                            + " violations of the plan's shape or hard rules were found");
                }
                if (!declared.isEmpty()) {
                    f.bookkeeping("status " + status + ", yet the plan lists " + declared.size() + " violations");
                }
            }
            case INFEASIBLE -> {
                if (broken == 0) {
                    f.bookkeeping("status INFEASIBLE, yet the plan meets every hard rule");
                } else if (declared.isEmpty()) {
                    f.bookkeeping("status INFEASIBLE lists no violations, but " + broken + " were found");
                }
            }
            case TIME_LIMIT -> {
                if (broken > 0 && declared.isEmpty()) {
                    f.bookkeeping("status TIME_LIMIT lists no violations, but " + broken
                            + " violations of the plan's shape or hard rules were found");
                } else if (broken == 0 && !declared.isEmpty()) {
                    f.bookkeeping("status TIME_LIMIT lists " + declared.size()
                            + " violations, yet the plan meets every hard rule");
                }
            }
        }
    }
}
