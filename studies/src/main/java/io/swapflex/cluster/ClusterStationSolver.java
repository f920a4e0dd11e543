package io.swapflex.cluster;

import com.hazelcast.core.HazelcastInstance;
import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.fleet.FleetPlanner;
import io.swapflex.optimizer.fleet.StationSolver;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A fleet's station solves spread over the members of a Hazelcast cluster: the {@link StationSolver} a
 * {@link FleetPlanner#deterministic deterministic} fleet planner hands its batches to. Each solve of a batch becomes a
 * {@link StationTask} (problem and warm start as contract-v1 JSON, budget, gap target, seed), handed out as members
 * free up ({@link ClusterDispatch}); the plans come back as JSON and are returned in the batch's order. The planner
 * stays on the coordinator (this process): the shares, the rounds, the bound; and the checkers run here on every
 * plan. Since every member solves by {@link StationSolver#solveDeterministic}, the fleet plan is the one
 * {@link StationSolver#deterministic} gives on one machine.
 *
 * <p>Not thread-safe: one fleet plan at a time (the planner calls it from one thread).
 */
public final class ClusterStationSolver implements StationSolver {

    private final HazelcastInstance hazelcast;
    private final long seed;
    private final int slotsPerMember;
    private final Stats stats = new Stats();

    /**
     * What the cluster did, summed over every task: where the work went and what the spreading cost.
     * Solve and codec times are the members' own wall times; the round trip is the coordinator's, from handing a task
     * to Hazelcast to its result's arrival.
     */
    public static final class Stats {
        private final Map<String, Integer> perMember = new TreeMap<>();
        private int tasks;
        private int batches;
        private long solveNanos;
        private long cpuNanos;
        private long memberCodecNanos;
        private long coordinatorCodecNanos;
        private long roundTripNanos;
        private long jsonCharsOut;
        private long jsonCharsBack;

        public Map<String, Integer> perMember() {
            return new TreeMap<>(perMember);
        }

        public int tasks() {
            return tasks;
        }

        public int batches() {
            return batches;
        }

        /** The members' solve time, summed. */
        public long solveNanos() {
            return solveNanos;
        }

        /** The members' CPU time in the solves, summed (what they cost whatever else the machines run). */
        public long cpuNanos() {
            return cpuNanos;
        }

        /** The JSON a task carries out and back, in characters (≈ bytes), on average. */
        public double jsonCharsPerTask() {
            return (jsonCharsOut + jsonCharsBack) / (double) Math.max(1, tasks);
        }

        /** JSON both ways, on both sides, summed. */
        public long codecNanos() {
            return memberCodecNanos + coordinatorCodecNanos;
        }

        /**
         * The coordinator's share of {@link #codecNanos()}: writing the problems and warm starts, reading the plans.
         * It runs on one thread, before and after each batch, so it bounds how far a cluster can speed a fleet up.
         */
        public long coordinatorCodecNanos() {
            return coordinatorCodecNanos;
        }

        /** Round trips less the members' solve and JSON time: Hazelcast's serialization, the network, queues. */
        public long transportNanos() {
            return roundTripNanos - solveNanos - memberCodecNanos;
        }

        public String describe() {
            double n = Math.max(1, tasks);
            return String.format(Locale.ROOT, "%d station solves in %d batches on %d members %s; per solve: %.1f ms "
                            + "solving (%.1f ms CPU), %.2f ms JSON (both sides; %.2f ms on the coordinator), %.2f ms "
                            + "transport (Hazelcast, network, queues), %.0f kB out and %.0f kB back",
                    tasks, batches, perMember.size(), perMember, solveNanos / n / 1e6, cpuNanos / n / 1e6,
                    codecNanos() / n / 1e6, coordinatorCodecNanos / n / 1e6,
                    transportNanos() / n / 1e6, jsonCharsOut / n / 1e3, jsonCharsBack / n / 1e3);
        }
    }

    /**
     * @param hazelcast      a member of the cluster (this process's): the tasks go to every member, this one included
     * @param seed           the seed of every station solve
     * @param slotsPerMember solves at once on each member (its executor should have as many threads)
     */
    public ClusterStationSolver(HazelcastInstance hazelcast, long seed, int slotsPerMember) {
        if (slotsPerMember < 1) {
            throw new IllegalArgumentException("slotsPerMember must be ≥ 1, is " + slotsPerMember);
        }
        this.hazelcast = hazelcast;
        this.seed = seed;
        this.slotsPerMember = slotsPerMember;
    }

    public Stats stats() {
        return stats;
    }

    @Override
    public int parallelism() {
        return hazelcast.getCluster().getMembers().size() * slotsPerMember;
    }

    @Override
    public Plan[] solveAll(List<Solve> batch) {
        Plan[] plans = new Plan[batch.size()];
        if (batch.isEmpty()) {
            return plans;
        }
        // the coordinator's JSON work is what a larger cluster cannot take off it: the tasks are written on every core
        // here, and each plan is read as it arrives, while the members still solve the rest of the batch
        long c0 = System.nanoTime();
        List<StationTask> tasks = batch.parallelStream().map(s -> new StationTask(s.station(),
                StationTask.compact(s.problem()),
                s.options().warmStart() == null ? null : StationTask.compact(s.options().warmStart()),
                s.options().timeLimit().toMillis(), s.options().gapTarget(), seed)).toList();
        stats.coordinatorCodecNanos += System.nanoTime() - c0;
        long longest = 0;
        for (int i = 0; i < tasks.size(); i++) {
            stats.jsonCharsOut += tasks.get(i).jsonChars();
            longest = Math.max(longest, batch.get(i).options().timeLimit().toMillis());
        }
        // no news from any member for this long: give up (a deterministic solve may take a few times its budget on a
        // loaded machine, not this much)
        Duration stall = Duration.ofMinutes(5).plusMillis(10 * longest);
        ClusterDispatch.run(hazelcast, tasks, slotsPerMember, stall, (i, member, result, roundTrip) -> {
            if (result.error() != null) {
                throw new IllegalStateException("station " + batch.get(i).station() + " ("
                        + batch.get(i).problem().stationId() + ") failed on member " + result.member() + ": "
                        + result.error());
            }
            long c1 = System.nanoTime();
            plans[i] = ContractJson.readPlan(result.planJson());
            stats.coordinatorCodecNanos += System.nanoTime() - c1;
            stats.jsonCharsBack += result.planJson().length();
            stats.perMember.merge(result.member(), 1, Integer::sum);
            stats.tasks++;
            stats.solveNanos += result.solveNanos();
            stats.cpuNanos += result.cpuNanos();
            stats.memberCodecNanos += result.codecNanos();
            stats.roundTripNanos += roundTrip;
        });
        stats.batches++;
        return plans;
    }
}
