package io.swapflex.optimizer.check;

import io.swapflex.optimizer.contract.Objective;

import java.util.List;

/**
 * What {@link PlanChecker} found.
 *
 * @param feasible     true only when nothing at all was found: the plan is well formed, meets the hard rules 1–7 and 9 of
 *                     CONTRACT.md, its objective terms are the ones recomputed from it (rule 8), and its status, bound,
 *                     gap, accepted requests and declared violations are honest. A plan whose own status is
 *                     {@code INFEASIBLE} is therefore never feasible: either it breaks a rule or its status is wrong.
 * @param hardRulesMet true when the plan is well formed and meets the hard rules 1–7 and 9, whatever its numbers and status
 *                     say; useful to judge the best compromise of an {@code INFEASIBLE} or {@code TIME_LIMIT} plan
 * @param violations   one message per problem found, in words naming the rule, slot and bay; empty when feasible
 * @param objective    the objective recomputed from the plan and the problem, or null when the plan is too malformed
 *                     (missing grid, a bay's {@code powerKw} or an {@code unservedSwaps} row) or the problem is invalid
 */
public record CheckReport(boolean feasible, boolean hardRulesMet, List<String> violations, Objective objective) {

    public CheckReport {
        violations = List.copyOf(violations);
    }

    /** The violations one per line, or "feasible". */
    public String summary() {
        return violations.isEmpty() ? "feasible" : String.join("\n", violations);
    }
}
