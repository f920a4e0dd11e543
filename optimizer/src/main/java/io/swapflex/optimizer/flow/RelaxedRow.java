package io.swapflex.optimizer.flow;

import io.swapflex.optimizer.contract.Problem;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The station problem with its swap demand cut to the swaps the relaxation serves ({@link LagrangianDual#servedRow}):
 * a plan of it, started from again on the real problem, is the "plan from the relaxation" of a staged solve (see
 * {@link FlowScheduler#solve}).
 *
 * <p>Why: where a station cannot serve every swap, which ones to give up decides the plan, and the local moves of the
 * plan search never trade a swap served early for two served later. The relaxed LP makes that choice for the whole
 * day at once. On the 50-bay ladder station of seed 2 (a firm export at 19:00–20:00 in the evening swap peak, the
 * meter at its import limit all afternoon) the LP and our plan both give up nine swaps of the morning burst, but the
 * LP gives up eight of them at 07:30–07:45 and serves all twelve at 08:30, where our plan served the early ones; in the
 * evening the LP then gives up five and our plan eleven. Planned first for the LP's row and then for the real demand,
 * the 10 s plan misses 18 swaps instead of 20 (6,115.4 THB against 6,309.8) and the 30 s plan 17 (5,977.2 against
 * 6,308.5; issue 15, docs/model.md).
 *
 * <p>Every plan of the cut problem is a plan of the real one (it serves no more swaps in any slot than the real
 * demand asks), so nothing here changes what a plan may be; the cut only steers the search.
 */
final class RelaxedRow {

    private RelaxedRow() {
    }

    /**
     * How many swaps more than a plan misses the row may give up and still be taken for the relaxed LP's: {@value
     * #SLACK_FACTOR} times the plan's misses plus {@value #SLACK} (rounding). The volume algorithm's average estimates the
     * LP's solution only near the dual optimum; the 400-bay ladder stations' rows after a 2 s solve gave up 59–106
     * swaps where the plans missed 0–35, and planning from them made the 10 s plans of seeds 1 and 3 0.24 % and 0.04 %
     * dearer. From 12 to 100 bays the rows gave up 0–26 where the plans missed 0–26.
     */
    static final double SLACK_FACTOR = 1.5;
    static final int SLACK = 5;

    /**
     * The problem with each type's demand per slot set to {@code row[k][t]} (at most the real demand; k in the order of
     * the problem's pack types), or null when the row asks for every swap (nothing to steer) or gives up too many more
     * than {@code planMisses}, the misses of the plan it would steer (see {@link #SLACK_FACTOR}). {@code stationId}
     * names the cut problem (a solve keeps its multipliers by station).
     */
    static Problem cut(Problem problem, int[][] row, int planMisses, String stationId) {
        if (row == null) {
            return null;
        }
        Map<String, int[]> demand = new LinkedHashMap<>();
        int givenUp = 0;
        for (int k = 0; k < problem.packTypes().size(); k++) {
            String type = problem.packTypes().get(k).id();
            int[] d = new int[problem.slots()];
            for (int t = 0; t < d.length; t++) {
                int asked = problem.demand(type, t);
                d[t] = Math.min(asked, row[k][t]);
                givenUp += asked - d[t];
            }
            demand.put(type, d);
        }
        if (givenUp == 0 || givenUp > SLACK_FACTOR * planMisses + SLACK) {
            return null;
        }
        return new Problem(problem.formatVersion(), stationId, problem.horizon(), problem.site(), problem.packTypes(),
                problem.bays(), demand, problem.tariff(), problem.dispatchRequests(), problem.unservedSwapPenalty());
    }
}
