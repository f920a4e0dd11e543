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
        for (int s = 0; s < plan.stations().size(); s++) {
            Plan p = plan.stations().get(s);
            labels.add(p.stationId());
            for (int t = 0; t < slots; t++) {
                in[t] += p.grid().importKw()[t];
                out[t] += p.grid().exportKw()[t];
                for (BaySchedule bay : p.bays()) {
                    soc[s][t] += bay.soc()[t] / p.bays().size();
                }
            }
        }
        return new Outcome(run, Kpis.of(fleet, plan, "fleet/" + run.solver()), found.isEmpty(), found, in, out,
                labels, soc, ContractJson.write(plan), null);
    }

    static Outcome failed(Study.Run run, RuntimeException e) {
        return failed(run, String.valueOf(e));
    }

    /** A run whose solve failed, with why (as {@code String.valueOf(exception)} gives it). */
    public static Outcome failed(Study.Run run, String error) {
        return new Outcome(run, null, false, List.of(), null, null, List.of(), new double[0][], null, error);
    }
}
