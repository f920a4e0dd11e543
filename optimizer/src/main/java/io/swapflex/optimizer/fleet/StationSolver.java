package io.swapflex.optimizer.fleet;

import io.swapflex.optimizer.Scheduler;
import io.swapflex.optimizer.SolveOptions;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.optimizer.flow.FlowScheduler;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where the {@link FleetPlanner}'s station solves run. The planner keeps the coordination (the shares, the rounds, the
 * bound) and hands each phase's station solves over as one batch; an implementation solves them (on this machine's
 * threads, or spread over the members of a cluster: {@code io.swapflex.cluster.ClusterStationSolver}) and returns the
 * plans in the batch's order.
 *
 * <p>For a fleet plan that does not depend on where the solves ran, the solves must be deterministic:
 * {@link #deterministic(long, int)} here, and the same {@link #solveDeterministic} on every cluster member.
 */
public interface StationSolver {

    /**
     * One station solve of a batch.
     *
     * @param station the station's index in the fleet problem (for reports: the problem carries its id)
     * @param problem the station's problem as the planner wants it solved (its own, or with its fleet shares as
     *                contract constraints, or its prices shifted)
     * @param options the time limit (a wall-clock limit or, in a deterministic solver, a work budget), the gap
     *                target and the warm start (an earlier plan of the same station, or null)
     */
    record Solve(int station, Problem problem, SolveOptions options) {
    }

    /** How many solves run at once: the planner's wall-clock mode divides its time by it. */
    int parallelism();

    /**
     * Solves every entry of the batch and returns the plans in the batch's order. A solve that throws fails the
     * batch (an {@link IllegalStateException} naming the station).
     */
    Plan[] solveAll(List<Solve> batch);

    /**
     * Solves on {@code threads} threads of this machine with one shared scheduler: today's default (the flow
     * scheduler keeps each station's last multipliers for its warm starts). Its plans depend on the wall clock.
     */
    static Local local(Scheduler scheduler, int threads) {
        return new Local(threads, (s) -> scheduler.solve(s.problem(), s.options()));
    }

    /**
     * Solves on {@code threads} threads of this machine, each solve by {@link #solveDeterministic}: the plans depend
     * only on the batch and the seed, not on the number of threads, the order of the solves or the machine's load.
     */
    static Local deterministic(long seed, int threads) {
        return new Local(threads, (s) -> solveDeterministic(s.problem(), s.options(), seed));
    }

    /**
     * The deterministic station solve, the same here and on every cluster member: a fresh
     * {@link FlowScheduler#deterministic(long)} per solve, so no state (the multipliers a shared flow scheduler keeps
     * per station) is carried from one solve to the next; what the solve starts from is its warm start only, which
     * the batch carries. The time limit is the solve's work budget on the flow scheduler's virtual clock.
     */
    static Plan solveDeterministic(Problem problem, SolveOptions options, long seed) {
        return FlowScheduler.deterministic(seed).solve(problem, options);
    }

    /** This thread's CPU time so far, or 0 where the JVM does not measure it. */
    static long threadCpuNanos() {
        java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
        return bean.isCurrentThreadCpuTimeSupported() ? bean.getCurrentThreadCpuTime() : 0;
    }

    /** Local threads, a fresh pool per batch (a fleet plan has a handful of batches; the threads cost microseconds). */
    final class Local implements StationSolver {

        interface Solver {
            Plan solve(Solve s);
        }

        private final int threads;
        private final Solver solver;
        private final AtomicLong solveNanos = new AtomicLong();
        private final AtomicLong cpuNanos = new AtomicLong();
        private final AtomicLong solves = new AtomicLong();

        Local(int threads, Solver solver) {
            this.threads = Math.max(1, threads);
            this.solver = solver;
        }

        @Override
        public int parallelism() {
            return threads;
        }

        /** The wall time of every solve so far, summed (for measurements: the per-station cost of a fleet). */
        public long solveNanos() {
            return solveNanos.get();
        }

        /**
         * The CPU time of every solve so far, summed: unlike the wall time, what a solve costs whatever else the
         * machine runs (0 where the JVM does not measure thread CPU time).
         */
        public long cpuNanos() {
            return cpuNanos.get();
        }

        /** How many solves so far. */
        public long solves() {
            return solves.get();
        }

        @Override
        public Plan[] solveAll(List<Solve> batch) {
            Plan[] plans = new Plan[batch.size()];
            if (batch.isEmpty()) {
                return plans;
            }
            ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, batch.size()), r -> {
                Thread t = new Thread(r, "fleet-station");
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<Plan>> futures = new ArrayList<>(batch.size());
                for (Solve s : batch) {
                    futures.add(pool.submit(() -> {
                        long t0 = System.nanoTime();
                        long c0 = threadCpuNanos();
                        Plan plan = solver.solve(s);
                        solveNanos.addAndGet(System.nanoTime() - t0);
                        cpuNanos.addAndGet(threadCpuNanos() - c0);
                        solves.incrementAndGet();
                        return plan;
                    }));
                }
                for (int i = 0; i < plans.length; i++) {
                    try {
                        plans[i] = futures.get(i).get();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("fleet planning interrupted", e);
                    } catch (ExecutionException e) {
                        throw new IllegalStateException("station " + batch.get(i).station() + " ("
                                + batch.get(i).problem().stationId() + "): " + e.getCause(), e.getCause());
                    }
                }
                return plans;
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
