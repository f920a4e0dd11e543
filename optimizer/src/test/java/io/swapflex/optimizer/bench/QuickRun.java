package io.swapflex.optimizer.bench;

import io.swapflex.optimizer.SolveOptions;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.optimizer.flow.FlowScheduler;

import java.time.Duration;
import java.util.Locale;

/** Development driver: solves the ladder with the flow scheduler only. Args: seconds [bays...]. */
public final class QuickRun {
    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
        int[] ladder = {12, 21, 50, 100, 200, 400};
        if (args.length > 1) {
            ladder = new int[args.length - 1];
            for (int i = 1; i < args.length; i++) {
                ladder[i - 1] = Integer.parseInt(args[i]);
            }
        }
        for (int bays : ladder) {
            Problem p = StationGenerator.generate(bays, StationGenerator.typesFor(bays), 1);
            FlowScheduler s = new FlowScheduler();
            Plan plan = s.solve(p, new SolveOptions(Duration.ofMillis((long) (seconds * 1000)), 0.005, null));
            System.out.printf(Locale.ROOT, "%4d bays %-10s total %12.2f bound %12.2f gap %7.3f%% %6d ms viol %d unserved %.0f accepted %s%n",
                    bays, plan.status(), plan.objective().total(), plan.bound() == null ? Double.NaN : plan.bound(),
                    plan.gap() == null ? Double.NaN : 100 * plan.gap(), plan.solveMillis(), plan.violations().size(),
                    plan.objective().unservedSwapPenalty() / p.unservedSwapPenalty(), plan.acceptedDispatchRequests());
        }
    }
}
