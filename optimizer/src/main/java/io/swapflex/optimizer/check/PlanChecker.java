package io.swapflex.optimizer.check;

import io.swapflex.optimizer.contract.Objective;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.optimizer.contract.ProblemValidator;

import java.util.List;

/**
 * The project's referee: checks a {@link Plan} against its {@link Problem} as CONTRACT.md, "What makes a plan
 * feasible", says, and whether the plan's numbers are honest.
 *
 * <p><b>Independence.</b> The checker shares no code with any solver: it reads only the contract records (and
 * {@link ProblemValidator}, the contract's own input check) and recomputes everything itself with the JDK, not even
 * the records' helpers ({@code Objective.of}, {@code Plan.gapOf}, {@code DispatchRequest.totalReward}). A solver bug
 * therefore cannot hide in shared arithmetic.
 *
 * <p><b>Tolerances.</b> {@value #ABS_TOL} absolute on every kW, kWh and SOC equality and bound; a bay whose
 * |powerKw| exceeds {@value #ABS_TOL} is active, charging (p &gt; tol) or discharging (p &lt; −tol), anything
 * smaller is waiting. Objective terms, and the bound against the total, agree when |reported − recomputed| ≤
 * {@value #REL_TOL} · max(1, |recomputed|); the gap, itself relative, to {@value #REL_TOL} absolute.
 *
 * <p><b>What is checked</b> (slots numbered from 0, as in the contract):
 * <ul>
 *   <li>Shape: formatVersion 1; stationId the problem's; every problem bay exactly once (by id), no unknown or null
 *       bay; powerKw and swapOut with one value per slot, soc with slots + 1; grid arrays one per slot; no NaN or
 *       infinity anywhere; soc[0] the bay's initial SOC; unservedSwaps rows only for known pack types, one
 *       non-negative integer per slot (a missing row, or a missing map, means zeros).</li>
 *   <li>Rule 1: −maxDischargeKw ≤ powerKw ≤ maxChargeKw.</li>
 *   <li>Rule 2: a swap needs soc[t] ≥ swapReadySoc, powerKw[t] = 0 and soc[t+1] = returnSoc; otherwise
 *       soc[t+1] = soc[t] + (ηc·max(p,0) − max(−p,0)/ηd)·Δ/capacity.</li>
 *   <li>Rule 3: charging may not end above maxSoc, discharging may not end below minSoc (not checked in swap slots,
 *       where power must be 0). Nothing else bounds the SOC, so a pack outside the band (initial or returned) may
 *       wait there, and can only move towards the band: below minSoc it may charge but not discharge, above maxSoc
 *       it may discharge (not below minSoc) but not charge.</li>
 *   <li>Rule 4: per pack type and slot, swaps + unservedSwaps = swapDemand (a missing demand row means zeros).</li>
 *   <li>Rule 5: active bays per slot ≤ maxActiveBays; null means no limit.</li>
 *   <li>Rule 6: import − export = baseLoad + Σ powerKw; 0 ≤ import ≤ gridImportLimitKw; 0 ≤ export ≤
 *       gridExportLimitKw; min(import, export) ≤ tol.</li>
 *   <li>Rule 7: export − import ≥ request.exportKw over the window of every firm request and every accepted offer.</li>
 *   <li>Rule 8: every objective term and the total are recomputed (importCost, exportRevenue, degradationCost =
 *       Σ deg·|p|·Δ, unservedSwapPenalty with each type's own price else the problem's, dispatchReward over firm and
 *       accepted requests, endValue = Σ endValuePerKwh·capacity·(soc[slots] − minSoc)) and compared.</li>
 *   <li>Rule 9: per pack type, at least minReadyAtEnd bays end the horizon with soc[slots] ≥ swapReadySoc.</li>
 *   <li>Bookkeeping: acceptedDispatchRequests names only known requests, each once, and every firm request (a firm
 *       request is paid and must be met whether listed or not); bound and gap are both given or both null, finite,
 *       bound ≤ total, gap = (total − bound)/max(1, |total|) from the reported total (a gap clamped at 0 is
 *       accepted); status OPTIMAL needs a bound and gap ≤ 1e-6; OPTIMAL and FEASIBLE need every hard rule met and
 *       no declared violations; INFEASIBLE needs a broken rule and declared violations; TIME_LIMIT declares
 *       violations exactly when it breaks a rule. The wording of declared violations is not compared.</li>
 * </ul>
 *
 * <p><b>Never throws.</b> Malformed parts are reported and the rules that need them are skipped (and named as not
 * checked); an invalid problem is reported through {@link ProblemValidator}'s errors and nothing else is checked. As a
 * last resort any unexpected exception becomes a violation too. More than 200 messages of one kind are summarised
 * as a count.
 */
public final class PlanChecker {

    /** Absolute tolerance on kW, kWh and SOC. */
    public static final double ABS_TOL = 1e-5;
    /** Relative tolerance on objective terms: relative to max(1, |value|). */
    public static final double REL_TOL = 1e-4;
    /** Largest gap of an OPTIMAL plan. */
    public static final double OPTIMAL_GAP = 1e-6;

    private PlanChecker() {
    }

    /** Checks {@code plan} against {@code problem}; see the class comment for what is checked. */
    public static CheckReport check(Problem problem, Plan plan) {
        Findings f = new Findings();
        Objective recomputed = null;
        try {
            List<String> errors = ProblemValidator.errors(problem);
            if (!errors.isEmpty()) {
                errors.forEach(error -> f.shape("problem is invalid: " + error));
            } else if (plan == null) {
                f.shape("plan is missing");
            } else {
                Resolved r = ShapeCheck.resolve(problem, plan, f);
                BayRules.check(r, f);
                StationRules.check(r, f);
                recomputed = ObjectiveRules.recompute(r, f);
                ObjectiveRules.compare(plan.objective(), recomputed, f);
                StatusRules.check(plan, recomputed, f);
            }
        } catch (RuntimeException e) {
            f.shape("the checker could not finish (" + e + "), so the plan is not known to be feasible");
        }
        return f.report(recomputed);
    }
}
