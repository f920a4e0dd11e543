package io.swapflex.simulation;

/**
 * Decides the bays' powers for the slot about to start, from what is known then: the bank's SOC now and, through its
 * own sources, the tariff and the demand seen before this slot. A policy is used by one simulation run, slot by slot
 * in order ({@code t = 0, 1, …}); it must not read the world's demand of slot t or later (only the perfect-foresight
 * reference does, by design).
 */
public interface Policy {

    /** A label for the report. */
    String name();

    /** The action for simulated slot {@code t}; {@code soc} is the bank's SOC at its start (a copy). */
    Action decide(int t, double[] soc);

    /** Plans made, plans the plan checker rejected, and the first rejections in words (rule policies: none). */
    default PlanStats planStats() {
        return PlanStats.NONE;
    }

    /**
     * Counts of the plans a planning policy made: solves; plans the plan checker rejected ({@code checkerFailures}),
     * and of those the ones that did not list the broken rules themselves ({@code unadmitted}: a plan that claims to
     * meet every rule and does not — a solver bug; the others are TIME_LIMIT plans that say no plan meeting the rules
     * was found in time); re-plans that fell back to another plan because of a rejection; applied plans the checker
     * rejected ({@code appliedFailures}: the fallback failed too); the first rejections in words; mean solve time and
     * the mean and largest certified gap.
     */
    record PlanStats(int plans, int checkerFailures, int unadmitted, int fallbacks, int appliedFailures,
                     java.util.List<String> failures, double meanSolveMillis, double meanGap, double maxGap) {
        static final PlanStats NONE = new PlanStats(0, 0, 0, 0, 0, java.util.List.of(), 0, Double.NaN, Double.NaN);
    }
}
