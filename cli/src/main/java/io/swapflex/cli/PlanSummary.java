package io.swapflex.cli;

import io.swapflex.optimizer.Scheduler;
import io.swapflex.optimizer.contract.BaySchedule;
import io.swapflex.optimizer.contract.Objective;
import io.swapflex.optimizer.contract.PackType;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.studies.whatif.Kpis;

import java.util.Locale;

/** Human summaries of a plan for the terminal. */
final class PlanSummary {

    private PlanSummary() {
    }

    /**
     * A line under the summary where the wall clock ended the solve ({@link Scheduler#lastSolveReproducible}), else
     * nothing.
     */
    static String reproducibility(Scheduler scheduler) {
        return scheduler.lastSolveReproducible() ? ""
                : String.format("note: the wall clock ended this solve before its work was done (this machine did not do "
                + "the time limit's work in time), so a repeat may give another plan; --work-limit DURATION gives the "
                + "same plan on any machine%n");
    }

    /** status, total, gap, ms: the line {@code solve} prints to stderr. */
    static String oneLine(Plan plan) {
        return String.format(Locale.ROOT, "%s %s total %.4f gap %s %d ms%s", plan.stationId(), plan.status(),
                plan.objective().total(), plan.gap() == null ? "n/a" : String.format(Locale.ROOT, "%.4f%%", 100 * plan.gap()),
                plan.solveMillis(), plan.violations().isEmpty() ? "" : " (" + plan.violations().size() + " violations)");
    }

    /**
     * The plan's end of horizon and swaps per pack type: the end value, and for each type its swaps unserved of those
     * demanded and its bays ending swap-ready (with the type's minReadyAtEnd and mean end SOC).
     */
    static String economics(Problem problem, Plan plan) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "  end value %.2f%n", plan.objective().endValue()));
        java.util.Map<String, BaySchedule> byId = new java.util.HashMap<>();
        for (BaySchedule bay : plan.bays()) {
            byId.put(bay.id(), bay);
        }
        for (PackType type : problem.packTypes()) {
            int demanded = 0;
            for (int t = 0; t < problem.slots(); t++) {
                demanded += problem.demand(type.id(), t);
            }
            int[] row = plan.unservedSwaps().get(type.id());
            int unserved = row == null ? 0 : java.util.Arrays.stream(row).sum();
            int bays = 0;
            int ready = 0;
            double socSum = 0;
            for (io.swapflex.optimizer.contract.Bay bay : problem.bays()) {
                BaySchedule schedule = byId.get(bay.id());
                if (!bay.packType().equals(type.id()) || schedule == null) {
                    continue;
                }
                double end = schedule.soc()[schedule.soc().length - 1];
                bays++;
                socSum += end;
                ready += end >= type.swapReadySoc() - 1e-9 ? 1 : 0;
            }
            s.append(String.format(Locale.ROOT, "  %s: unserved %d of %d swaps (%.2f each); at the end %d of %d bays"
                            + " swap-ready (minReadyAtEnd %d), mean SOC %.2f%n", type.id(), unserved, demanded,
                    type.swapPenalty(problem.unservedSwapPenalty()), ready, bays, type.readyAtEnd(),
                    bays == 0 ? 0.0 : socSum / bays));
        }
        return s.toString();
    }

    static String describe(Problem problem, Plan plan) {
        Objective o = plan.objective();
        String currency = problem.tariff().currency() == null ? "" : " " + problem.tariff().currency();
        Kpis figures = Kpis.of(problem, plan); // the same figures a what-if study reports
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "station %s: %d bays, %d slots of %d min from %s%n", problem.stationId(),
                problem.bays().size(), problem.slots(), problem.horizon().slotMinutes(), problem.horizon().start()));
        s.append(String.format(Locale.ROOT, "solver %s: %s in %d ms, total %.2f%s, bound %s, gap %s%n", plan.solver(),
                plan.status(), plan.solveMillis(), o.total(), currency,
                plan.bound() == null ? "none" : String.format(Locale.ROOT, "%.2f", plan.bound()),
                plan.gap() == null ? "n/a" : String.format(Locale.ROOT, "%.3f %%", 100 * plan.gap())));
        s.append(String.format(Locale.ROOT,
                "  import cost %.2f, export revenue %.2f, degradation %.2f, unserved penalty %.2f, dispatch reward %.2f%n",
                o.importCost(), o.exportRevenue(), o.degradationCost(), o.unservedSwapPenalty(), o.dispatchReward()));
        s.append(String.format(Locale.ROOT, "  swaps served %d, unserved %d; charged %.1f kWh, discharged %.1f kWh;"
                + " peak import %.1f kW%n", figures.swapsServed(), figures.swapsUnserved(), figures.energyChargedKwh(),
                figures.energyDischargedKwh(), figures.peakImportKw()));
        s.append(economics(problem, plan));
        s.append("  dispatch requests met: ").append(plan.acceptedDispatchRequests().isEmpty() ? "none"
                : String.join(", ", plan.acceptedDispatchRequests())).append('\n');
        for (String violation : plan.violations()) {
            s.append("  violation: ").append(violation).append('\n');
        }
        return s.toString();
    }
}
