package io.swapflex.optimizer.fleet;

import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.contract.PlanStatus;

import java.util.List;

/**
 * A fleet's plans.
 *
 * @param total       Σ of the stations' totals − the fleet requests' reward
 * @param bound       a proven lower bound on the least fleet total (Lagrangian: Σ of the stations' proven bounds
 *                    under the coupling prices, minus the prices times the limits), or null when some station has none
 * @param gap         (total − bound) / max(1, |total|), or null without a bound
 * @param priceRounds how many times the coupled stations were re-planned under updated coupling prices
 * @param coupling    each feeder limit and fleet request, slot by slot: the limit and what the plans reach
 * @param stations    every station's plan, in the order of the fleet problem (each passes the plan checker against
 *                    the station's own problem)
 * @param violations  the fleet constraints the plans miss, in words (empty when the fleet plan is feasible)
 */
public record FleetPlan(int formatVersion, String fleetId, PlanStatus status, double total, Double bound, Double gap,
                        long solveMillis, int priceRounds, List<Coupling> coupling, List<Plan> stations,
                        List<String> violations) {

    /**
     * One fleet constraint over its window.
     *
     * @param kind    {@code REQUEST} (summed net export ≥ limit), {@code FEEDER_IMPORT} (summed net import ≤ limit)
     *                or {@code FEEDER_EXPORT} (summed net export ≤ limit)
     * @param limitKw the limit per slot of the window
     * @param valueKw the summed flow the plans give, one per slot of the window
     * @param priceMultiplier the coupling price each slot ended with (currency per kWh): what one more kW of the
     *                limit is worth to the fleet, as far as the price rounds found
     */
    public record Coupling(String id, String kind, int fromSlot, int toSlot, double[] limitKw, double[] valueKw,
                           double[] priceMultiplier) {
    }
}
