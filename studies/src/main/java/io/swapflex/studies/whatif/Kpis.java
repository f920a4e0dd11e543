package io.swapflex.studies.whatif;

import io.swapflex.optimizer.contract.BaySchedule;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.optimizer.fleet.FleetPlan;
import io.swapflex.optimizer.fleet.FleetProblem;

import java.util.Arrays;

/**
 * A plan's key figures, from its problem and plan (money in the tariff's currency): the one record behind every
 * summary (the what-if tables and reports, the service's what-if jobs, {@code solve}'s and {@code fleet}'s summaries).
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
        int unserved = plan.unservedTotal();
        return new Kpis(plan.objective().total(), plan.objective().importCost(), plan.objective().exportRevenue(),
                plan.objective().dispatchReward(), plan.objective().degradationCost(),
                plan.objective().unservedSwapPenalty(), demanded, served, unserved, charged, discharged,
                charged + discharged, Arrays.stream(plan.grid().importKw()).max().orElse(0),
                Arrays.stream(plan.grid().exportKw()).max().orElse(0), plan.bays().size(), plan.status().name(),
                plan.gap(), plan.solveMillis(), plan.solver());
    }

    /**
     * A fleet's figures: its stations' summed, its total the fleet plan's (the fleet requests' reward is the
     * difference between the stations' totals and the fleet's), its peaks those of the summed meter flows.
     */
    public static Kpis of(FleetProblem fleet, FleetPlan plan, String solver) {
        int slots = fleet.stations().get(0).slots();
        double[] in = new double[slots];
        double[] out = new double[slots];
        double stationTotals = 0;
        double[] sums = new double[8];
        int[] counts = new int[4];
        for (int s = 0; s < plan.stations().size(); s++) {
            Plan p = plan.stations().get(s);
            Kpis k = of(fleet.stations().get(s), p);
            stationTotals += k.totalCost();
            sums[0] += k.importCost();
            sums[1] += k.exportRevenue();
            sums[2] += k.dispatchReward();
            sums[3] += k.degradationCost();
            sums[4] += k.unservedSwapPenalty();
            sums[5] += k.energyChargedKwh();
            sums[6] += k.energyDischargedKwh();
            counts[0] += k.swapsDemanded();
            counts[1] += k.swapsServed();
            counts[2] += k.swapsUnserved();
            counts[3] += k.bays();
            for (int t = 0; t < slots; t++) {
                in[t] += p.grid().importKw()[t];
                out[t] += p.grid().exportKw()[t];
            }
        }
        double fleetReward = stationTotals - plan.total();
        return new Kpis(plan.total(), sums[0], sums[1], sums[2] + fleetReward, sums[3], sums[4], counts[0],
                counts[1], counts[2], sums[5], sums[6], sums[5] + sums[6], max(in), max(out), counts[3],
                plan.status().name(), plan.gap(), plan.solveMillis(), solver);
    }

    private static double max(double[] values) {
        double m = 0;
        for (double v : values) {
            m = Math.max(m, v);
        }
        return m;
    }
}
