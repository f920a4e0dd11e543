package io.swapflex.cluster;

import com.hazelcast.core.HazelcastInstance;
import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.studies.Outcome;
import io.swapflex.studies.Study;
import io.swapflex.studies.StudyRunner;
import io.swapflex.studies.whatif.Kpis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs a station study's scenarios on the members of a Hazelcast cluster. Each scenario is a {@link ScenarioTask} (its
 * problem as JSON and its settings) sent through the members' {@link ClusterMembers#EXECUTOR}; a member rebuilds the
 * problem, solves it exactly as {@link StudyRunner} does on one machine and sends back the plan and its figures. The
 * caller rebuilds each {@link Outcome} from the plan (the checker runs here, on every plan from every member), checks
 * that the member's figures are the ones the plan gives, and returns the outcomes in the study's order.
 *
 * <p>The scenarios are handed out as members free up ({@link ClusterDispatch}: at most {@code slotsPerMember} at a
 * time on each member, a scenario whose member left sent again to another). Under the deterministic
 * schedulers a scenario's plan does not depend on the member nor on the load, so the results are the single-machine
 * run's. Fleet studies are not distributed (their runs are not reproducible: see {@link StudyRunner}); a single
 * fleet plan's station solves are ({@link ClusterStationSolver}).
 */
public final class ClusterStudyRunner {

    /**
     * The outcomes and where each ran.
     *
     * @param outcomes in the study's order
     * @param members  the address of the member that ran each outcome's run, in the same order
     */
    public record Result(List<Outcome> outcomes, List<String> members) {
    }

    private ClusterStudyRunner() {
    }

    public static Result run(HazelcastInstance hazelcast, Study study, int slotsPerMember,
                             StudyRunner.Listener listener) {
        if (study.fleet()) {
            throw new IllegalArgumentException("a fleet study runs on one machine: its runs are not reproducible, so "
                    + "spreading them would not give the single-machine results");
        }
        if (slotsPerMember < 1) {
            throw new IllegalArgumentException("slotsPerMember must be ≥ 1, is " + slotsPerMember);
        }
        List<Study.Run> runs = study.runs();
        List<ScenarioTask> tasks = new ArrayList<>();
        Duration longest = Duration.ZERO;
        for (Study.Run run : runs) {
            tasks.add(new ScenarioTask(run.index(), ContractJson.write(run.station()), run.solver(),
                    run.timeLimit().toMillis(), run.gapTarget(), study.seed()));
            longest = longest.compareTo(run.timeLimit()) < 0 ? run.timeLimit() : longest;
        }
        // no news from any member for this long: give up (a solve may overrun its budget, not by this much)
        Duration stall = Duration.ofMinutes(5).plus(longest.multipliedBy(4));
        Outcome[] outcomes = new Outcome[runs.size()];
        String[] where = new String[runs.size()];
        int[] done = {0};
        ClusterDispatch.run(hazelcast, tasks, slotsPerMember, stall, (i, member, result, nanos) -> {
            int index = tasks.get(i).index();
            outcomes[index] = outcome(runs.get(index), result);
            where[index] = result.member();
            done[0]++;
            listener.finished(done[0], runs.size(), outcomes[index]);
        });
        return new Result(new ArrayList<>(Arrays.asList(outcomes)), List.of(where));
    }

    /** The run's outcome from the member's plan, checked here; the member's figures must be the plan's. */
    static Outcome outcome(Study.Run run, ScenarioResult result) {
        if (result.error() != null) {
            return Outcome.failed(run, result.error());
        }
        Outcome o = Outcome.station(run, ContractJson.readPlan(result.planJson()));
        Kpis sent = ContractJson.read(result.kpisJson(), Kpis.class);
        if (!sent.equals(o.kpis())) {
            throw new IllegalStateException("run " + run.index() + ": the figures member " + result.member()
                    + " computed differ from its plan's: " + sent + " vs " + o.kpis());
        }
        return o;
    }
}
