package io.swapflex.optimizer.flow;

import io.swapflex.datasets.examples.Examples;
import io.swapflex.optimizer.SolveOptions;
import io.swapflex.optimizer.contract.BaySchedule;
import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.optimizer.heuristic.GreedyScheduler;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 15, stable re-plans: a re-plan with no new information (the same problem, the previous plan as the warm
 * start) keeps the schedule — chargers are not sent new profiles for nothing — yet still takes a plan that is really
 * better. Deterministic solves without the wall-clock cap: the outcome does not depend on the machine's load.
 */
class StableReplanTest {

    private static final SolveOptions OPTIONS = new SolveOptions(Duration.ofMillis(400), 1e-3, null);

    /**
     * Each example re-planned twice without news: every re-plan keeps at least 95 % of the bay-slot actions unless it
     * is better by more than the gap target (the only reason to move), none is worse, and the second re-plan keeps the
     * schedule (the 21-bay example's 400 ms cold plan is beaten by 8.8 % once, the 12-bay one's not at all).
     */
    @Test
    void aReplanWithoutNewsKeepsTheSchedule() {
        for (String example : new String[]{"thai-2w-12", "mixed-2w3w-21"}) {
            Problem problem = ContractJson.readProblem(Examples.json(example));
            FlowScheduler scheduler = FlowScheduler.deterministic(7, false, true);
            Plan previous = FlowSchedulerTest.checked(problem, scheduler.solve(problem, OPTIONS));
            for (int replan = 1; replan <= 2; replan++) {
                Plan warm = FlowSchedulerTest.checked(problem,
                        scheduler.solve(problem, OPTIONS.withWarmStart(previous)));
                double before = previous.objective().total();
                double after = warm.objective().total();
                double kept = keptShare(previous, warm);
                String what = example + " re-plan " + replan + ": kept " + kept + " of the bay-slot actions, total "
                        + before + " → " + after;
                assertTrue(after <= before + 1e-6 * Math.max(1, Math.abs(before)), what);
                boolean gained = after < before - OPTIONS.gapTarget() * Math.max(1, Math.abs(before));
                assertTrue(kept >= 0.95 || gained, what);
                if (replan == 2) {
                    assertTrue(kept >= 0.95, what);
                }
                previous = warm;
            }
        }
    }

    @Test
    void aPoorPreviousPlanIsStillImproved() {
        Problem problem = ContractJson.readProblem(Examples.json("thai-2w-12"));
        Plan poor = new GreedyScheduler().solve(problem, OPTIONS);
        Plan warm = FlowSchedulerTest.checked(problem,
                FlowScheduler.deterministic(7, false, true).solve(problem, OPTIONS.withWarmStart(poor)));
        double before = poor.objective().total();
        assertTrue(warm.objective().total() < before - OPTIONS.gapTarget() * Math.abs(before),
                () -> "kept a plan that was easy to beat: " + warm.objective().total() + " against " + before);
    }

    /** The share of bay-slots whose action (swap out, charge, discharge or wait) is the same in both plans. */
    static double keptShare(Plan a, Plan b) {
        int all = 0;
        int same = 0;
        for (int i = 0; i < a.bays().size(); i++) {
            BaySchedule x = a.bays().get(i);
            BaySchedule y = b.bays().get(i);
            for (int t = 0; t < x.powerKw().length; t++) {
                all++;
                if (action(x, t) == action(y, t)) {
                    same++;
                }
            }
        }
        return (double) same / all;
    }

    private static int action(BaySchedule s, int t) {
        if (s.swapOut()[t]) {
            return 2;
        }
        double p = s.powerKw()[t];
        return Math.abs(p) < 1e-9 ? 0 : p > 0 ? 1 : -1;
    }
}
