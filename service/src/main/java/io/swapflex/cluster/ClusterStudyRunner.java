package io.swapflex.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.ExecutionCallback;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.service.whatif.Kpis;
import io.swapflex.studies.Outcome;
import io.swapflex.studies.Study;
import io.swapflex.studies.StudyRunner;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs a station study's scenarios on the members of a Hazelcast cluster. Each scenario is a {@link ScenarioTask} (its
 * problem as JSON and its settings) sent through the members' {@link ClusterMembers#EXECUTOR}; a member rebuilds the
 * problem, solves it exactly as {@link StudyRunner} does on one machine and sends back the plan and its figures. The
 * caller rebuilds each {@link Outcome} from the plan (the checker runs here, on every plan from every member), checks
 * that the member's figures are the ones the plan gives, and returns the outcomes in the study's order.
 *
 * <p>The scenarios are handed out as members free up: at most {@code slotsPerMember} at a time on each member (the
 * member's executor should have as many threads), so a slow scenario does not hold the others back. A scenario whose
 * member left the cluster is sent again to another (up to {@value #ATTEMPTS} times in all). Under the deterministic
 * schedulers a scenario's plan does not depend on the member nor on the load, so the results are the single-machine
 * run's. Fleet studies are not distributed (their runs are not reproducible: see {@link StudyRunner}).
 */
public final class ClusterStudyRunner {

    static final int ATTEMPTS = 3;

    /**
     * The outcomes and where each ran.
     *
     * @param outcomes in the study's order
     * @param members  the address of the member that ran each outcome's run, in the same order
     */
    public record Result(List<Outcome> outcomes, List<String> members) {
    }

    private record Event(Member member, ScenarioTask task, ScenarioResult result, Throwable failure) {
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
        Deque<ScenarioTask> pending = new ArrayDeque<>();
        Duration longest = Duration.ZERO;
        for (Study.Run run : runs) {
            pending.add(new ScenarioTask(run.index(), ContractJson.write(run.station()), run.solver(),
                    run.timeLimit().toMillis(), run.gapTarget(), study.seed()));
            longest = longest.compareTo(run.timeLimit()) < 0 ? run.timeLimit() : longest;
        }
        // no news from any member for this long: give up (a solve may overrun its budget, not by this much)
        Duration stall = Duration.ofMinutes(5).plus(longest.multipliedBy(4));
        IExecutorService executor = hazelcast.getExecutorService(ClusterMembers.EXECUTOR);
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        Map<UUID, Integer> inFlight = new HashMap<>();
        int[] attempts = new int[runs.size()];
        Outcome[] outcomes = new Outcome[runs.size()];
        String[] where = new String[runs.size()];
        int done = 0;
        int running = 0;
        while (done < runs.size()) {
            running += dispatch(hazelcast, executor, pending, inFlight, slotsPerMember, attempts, events);
            if (running == 0) {
                throw new IllegalStateException("no member of the cluster can take the study's scenarios");
            }
            Event e;
            try {
                e = events.poll(stall.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("study interrupted", ex);
            }
            if (e == null) {
                throw new IllegalStateException("no result from the cluster for " + stall.toSeconds() + " s ("
                        + (runs.size() - done) + " scenarios not done)");
            }
            running--;
            inFlight.merge(e.member().getUuid(), -1, Integer::sum);
            int index = e.task().index();
            if (e.failure() != null) {
                if (attempts[index] >= ATTEMPTS) {
                    throw new IllegalStateException("scenario " + index + " failed on " + attempts[index]
                            + " members, last on " + e.member().getAddress() + ": " + e.failure(), e.failure());
                }
                pending.addFirst(e.task());
                continue;
            }
            outcomes[index] = outcome(runs.get(index), e.result());
            where[index] = e.result().member();
            done++;
            listener.finished(done, runs.size(), outcomes[index]);
        }
        return new Result(new ArrayList<>(Arrays.asList(outcomes)), List.of(where));
    }

    /** Sends pending scenarios to the members with free slots, the least busy first; returns how many were sent. */
    private static int dispatch(HazelcastInstance hazelcast, IExecutorService executor, Deque<ScenarioTask> pending,
                                Map<UUID, Integer> inFlight, int slots, int[] attempts, BlockingQueue<Event> events) {
        int sent = 0;
        Set<Member> members = hazelcast.getCluster().getMembers();
        while (!pending.isEmpty()) {
            Member least = null;
            for (Member m : members) {
                int busy = inFlight.getOrDefault(m.getUuid(), 0);
                if (busy < slots && (least == null || busy < inFlight.getOrDefault(least.getUuid(), 0))) {
                    least = m;
                }
            }
            if (least == null) {
                break;
            }
            Member member = least;
            ScenarioTask task = pending.poll();
            attempts[task.index()]++;
            inFlight.merge(member.getUuid(), 1, Integer::sum);
            executor.submitToMember(task, member, new ExecutionCallback<ScenarioResult>() {
                @Override
                public void onResponse(ScenarioResult response) {
                    events.add(new Event(member, task, response, null));
                }

                @Override
                public void onFailure(Throwable t) {
                    events.add(new Event(member, task, null, t));
                }
            });
            sent++;
        }
        return sent;
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
