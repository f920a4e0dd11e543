package io.swapflex.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import io.swapflex.optimizer.SolveOptions;
import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.optimizer.fleet.StationSolver;

import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * One station solve of a fleet plan, sent to a member: the station's problem (its own, or with its fleet shares as
 * contract constraints) as contract-v1 JSON, the warm-start plan as JSON (or null), the work budget, the gap target
 * and the seed. The member rebuilds both from the JSON and solves by {@link StationSolver#solveDeterministic}, the very
 * solve the coordinator would run on its own threads, so the plan does not depend on the member.
 */
final class StationTask implements Callable<StationResult>, Serializable, HazelcastInstanceAware {

    @Serial
    private static final long serialVersionUID = 1L;

    private final int station;
    private final String problemJson;
    private final String warmStartJson;
    private final long budgetMillis;
    private final double gapTarget;
    private final long seed;
    private transient HazelcastInstance member;

    private static final ObjectWriter WIRE = ContractJson.mapper().writer()
            .without(SerializationFeature.INDENT_OUTPUT);

    StationTask(int station, String problemJson, String warmStartJson, long budgetMillis, double gapTarget,
                long seed) {
        this.station = station;
        this.problemJson = problemJson;
        this.warmStartJson = warmStartJson;
        this.budgetMillis = budgetMillis;
        this.gapTarget = gapTarget;
        this.seed = seed;
    }

    /**
     * A document as contract-v1 JSON without the indentation {@link ContractJson#write} adds for people: what crosses
     * the network (a 50-bay plan: about a third smaller); read back by {@link ContractJson} as any other.
     */
    static String compact(Object document) {
        try {
            return WIRE.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + document.getClass().getSimpleName(), e);
        }
    }

    /** The characters of JSON the task carries (a measure of what crosses the network). */
    int jsonChars() {
        return problemJson.length() + (warmStartJson == null ? 0 : warmStartJson.length());
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance instance) {
        this.member = instance;
    }

    @Override
    public StationResult call() {
        String where = member == null ? "?" : member.getCluster().getLocalMember().getAddress().toString();
        long t0 = System.nanoTime();
        try {
            Problem problem = ContractJson.readProblem(problemJson);
            Plan warm = warmStartJson == null ? null : ContractJson.readPlan(warmStartJson);
            long t1 = System.nanoTime();
            long c1 = StationSolver.threadCpuNanos();
            Plan plan = StationSolver.solveDeterministic(problem,
                    new SolveOptions(Duration.ofMillis(budgetMillis), gapTarget, warm), seed);
            long t2 = System.nanoTime();
            long cpu = StationSolver.threadCpuNanos() - c1;
            String json = compact(plan);
            long t3 = System.nanoTime();
            return new StationResult(station, json, where, t2 - t1, cpu, (t1 - t0) + (t3 - t2), null);
        } catch (RuntimeException e) {
            // the coordinator fails the fleet plan, as a solve that throws on its own threads would
            return new StationResult(station, null, where, 0, 0, System.nanoTime() - t0, String.valueOf(e));
        }
    }
}
