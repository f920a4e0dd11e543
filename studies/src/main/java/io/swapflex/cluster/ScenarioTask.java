package io.swapflex.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.studies.StudyRunner;
import io.swapflex.studies.whatif.Kpis;

import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * One station scenario of a study, sent to a member: the scenario's problem as contract-v1 JSON and its settings. The
 * member rebuilds the problem from the JSON and solves it as {@link StudyRunner} does on one machine
 * ({@link StudyRunner#solveStation}, the deterministic schedulers seeded with the study's seed), so the plan does not
 * depend on the member that ran it.
 */
final class ScenarioTask implements Callable<ScenarioResult>, Serializable, HazelcastInstanceAware {

    @Serial
    private static final long serialVersionUID = 1L;

    private final int index;
    private final String problemJson;
    private final String solver;
    private final long timeLimitMillis;
    private final double gapTarget;
    private final long seed;
    private transient HazelcastInstance member;

    ScenarioTask(int index, String problemJson, String solver, long timeLimitMillis, double gapTarget, long seed) {
        this.index = index;
        this.problemJson = problemJson;
        this.solver = solver;
        this.timeLimitMillis = timeLimitMillis;
        this.gapTarget = gapTarget;
        this.seed = seed;
    }

    int index() {
        return index;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance instance) {
        this.member = instance;
    }

    @Override
    public ScenarioResult call() {
        String where = member == null ? "?" : member.getCluster().getLocalMember().getAddress().toString();
        try {
            Problem problem = ContractJson.readProblem(problemJson);
            Plan plan = StudyRunner.solveStation(problem, solver, Duration.ofMillis(timeLimitMillis), gapTarget, seed);
            return new ScenarioResult(index, ContractJson.write(plan), ContractJson.write(Kpis.of(problem, plan)),
                    where, null);
        } catch (RuntimeException e) {
            // as StudyRunner: a solver's exception is the run's outcome, the other runs go on
            return new ScenarioResult(index, null, null, where, String.valueOf(e));
        }
    }
}
