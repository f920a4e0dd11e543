package io.swapflex.studies.whatif;

import io.swapflex.optimizer.contract.BaySchedule;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.contract.Problem;

import java.util.Arrays;

/**
 * A scenario's key figures, from its problem and plan (money in the tariff's currency).
 *
 * @param totalCost          the plan's objective total (import − export revenue + degradation + unserved penalty −
 *                           dispatch reward)
 * @param exportRevenue      V2G revenue: what the energy exported earns at the export prices
 * @param swapsServed        packs handed to riders
 * @param swapsUnserved      riders who found no full pack
 * @param energyChargedKwh   Σ max(p, 0)·Δ over bays and slots, at the bays
 * @param energyDischargedKwh Σ max(−p, 0)·Δ
 * @param energyCycledKwh    charged + discharged
 * @param peakImportKw       the highest meter import of a slot
 * @param gap                the plan's certified gap, null without a proven bound
 */
public record Kpis(double totalCost, double importCost, double exportRevenue, double dispatchReward,
                   double degradationCost, double unservedSwapPenalty, int swapsDemanded, int swapsServed,
                   int swapsUnserved, double energyChargedKwh, double energyDischargedKwh, double energyCycledKwh,
                   double peakImportKw, double peakExportKw, int bays, String status, Double gap, long solveMillis,
                   String solver) {

    public static Kpis of(Problem problem, Plan plan) {
        double dt = problem.slotHours();
        int served = 0;
        double charged = 0;
        double discharged = 0;
        for (BaySchedule bay : plan.bays()) {
            for (boolean out : bay.swapOut()) {
                served += out ? 1 : 0;
            }
            for (double p : bay.powerKw()) {
                charged += Math.max(p, 0) * dt;
                discharged += Math.max(-p, 0) * dt;
            }
        }
        int demanded = problem.swapDemand() == null ? 0
                : problem.swapDemand().values().stream().flatMapToInt(Arrays::stream).sum();
        int unserved = plan.unservedSwaps() == null ? 0
                : plan.unservedSwaps().values().stream().flatMapToInt(Arrays::stream).sum();
        return new Kpis(plan.objective().total(), plan.objective().importCost(), plan.objective().exportRevenue(),
                plan.objective().dispatchReward(), plan.objective().degradationCost(),
                plan.objective().unservedSwapPenalty(), demanded, served, unserved, charged, discharged,
                charged + discharged, Arrays.stream(plan.grid().importKw()).max().orElse(0),
                Arrays.stream(plan.grid().exportKw()).max().orElse(0), plan.bays().size(), plan.status().name(),
                plan.gap(), plan.solveMillis(), plan.solver());
    }
}
