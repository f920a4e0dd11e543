package io.swapflex.studies;

import io.swapflex.optimizer.check.CheckReport;
import io.swapflex.optimizer.check.PlanChecker;
import io.swapflex.optimizer.check.fleet.FleetChecker;
import io.swapflex.optimizer.contract.BaySchedule;
import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.optimizer.fleet.FleetPlan;
import io.swapflex.optimizer.fleet.FleetProblem;
import io.swapflex.studies.whatif.Kpis;

import java.util.ArrayList;
import java.util.List;

/**
 * What one run of a study gave: its figures ({@link Kpis}, the service's), the independent checker's verdict, and the
 * series the report draws. A fleet's figures are its stations' summed, its meter flows the fleet's summed flows.
 *
 * @param feasible  the checker ({@link PlanChecker}, or {@link FleetChecker} for a fleet) found nothing
 * @param findings  what the checker found, in words
 * @param importKw  the meter's import per slot (a fleet's summed over its stations)
 * @param socLabels the rows of the SOC heatmap: the bays (a fleet: its stations)
 * @param soc       SOC at the start of each slot, one row per label (a fleet: its station's mean over bays)
 * @param planJson  the plan as written to the results (a fleet's plan with every station plan)
 * @param error     why the solve failed (then the figures are null), else null
 */
public record Outcome(Study.Run run, Kpis kpis, boolean feasible, List<String> findings, double[] importKw,
                      double[] exportKw, List<String> socLabels, double[][] soc, String planJson, String error) {

    /** The checker's verdict in one word: {@code ok}, {@code violations} or {@code error}. */
    public String verdict() {
        return error != null ? "error" : feasible ? "ok" : "violations";
    }

    /** A station run's outcome from its plan: the checker and the figures are computed here, from the plan. */
    public static Outcome station(Study.Run run, Plan plan) {
        Problem problem = run.station();
        CheckReport report = PlanChecker.check(problem, plan);
        List<String> labels = new ArrayList<>();
        double[][] soc = new double[plan.bays().size()][];
        for (int b = 0; b < soc.length; b++) {
            BaySchedule bay = plan.bays().get(b);
            labels.add(bay.id());
            soc[b] = java.util.Arrays.copyOf(bay.soc(), problem.slots());
        }
        return new Outcome(run, Kpis.of(problem, plan), report.feasible(), report.violations(),
                plan.grid().importKw().clone(), plan.grid().exportKw().clone(), labels, soc,
                ContractJson.write(plan), null);
    }

    static Outcome fleet(Study.Run run, FleetPlan plan) {
        FleetProblem fleet = run.fleet();
        List<String> found = FleetChecker.check(fleet, plan);
        int slots = fleet.stations().get(0).slots();
        double[] in = new double[slots];
        double[] out = new double[slots];
        List<String> labels = new ArrayList<>();
        double[][] soc = new double[plan.stations().size()][slots];
        double stationTotals = 0;
        double[] sums = new double[8];
        int[] counts = new int[4];
        for (int s = 0; s < plan.stations().size(); s++) {
            Plan p = plan.stations().get(s);
            Kpis k = Kpis.of(fleet.stations().get(s), p);
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
            labels.add(p.stationId());
            for (int t = 0; t < slots; t++) {
                in[t] += p.grid().importKw()[t];
                out[t] += p.grid().exportKw()[t];
                for (BaySchedule bay : p.bays()) {
                    soc[s][t] += bay.soc()[t] / p.bays().size();
                }
            }
        }
        // the fleet requests' reward is the difference between the stations' totals and the fleet's
        double fleetReward = stationTotals - plan.total();
        Kpis kpis = new Kpis(plan.total(), sums[0], sums[1], sums[2] + fleetReward, sums[3], sums[4], counts[0],
                counts[1], counts[2], sums[5], sums[6], sums[5] + sums[6], max(in), max(out), counts[3],
                plan.status().name(), plan.gap(), plan.solveMillis(), "fleet/" + run.solver());
        return new Outcome(run, kpis, found.isEmpty(), found, in, out, labels, soc, ContractJson.write(plan), null);
    }

    static Outcome failed(Study.Run run, RuntimeException e) {
        return failed(run, String.valueOf(e));
    }

    /** A run whose solve failed, with why (as {@code String.valueOf(exception)} gives it). */
    public static Outcome failed(Study.Run run, String error) {
        return new Outcome(run, null, false, List.of(), null, null, List.of(), new double[0][], null, error);
    }

    private static double max(double[] values) {
        double m = 0;
        for (double v : values) {
            m = Math.max(m, v);
        }
        return m;
    }
}
