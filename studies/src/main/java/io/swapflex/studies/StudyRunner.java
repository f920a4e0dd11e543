package io.swapflex.studies;

import io.swapflex.optimizer.SolveOptions;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.optimizer.fleet.FleetPlanner;
import io.swapflex.optimizer.registry.Schedulers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs a study's scenarios on a pool of threads. Each run builds its own scheduler (deterministic, see
 * {@link Schedulers#reproducible}) and reads nothing another run writes, so a run's outcome is the same whatever the
 * number of threads and whichever run ends first; the outcomes are returned in the study's order.
 *
 * <p><b>Fleets are not reproducible.</b> A fleet run plans its stations one after another ({@link FleetPlanner} with
 * one worker, so the study's threads go to its scenarios), but the planner splits its time limit into phases on the
 * wall clock (the stations alone, price rounds, shares), so how many rounds a run gets depends on the machine and its
 * load. Its stations are therefore planned by the service's wall-clock schedulers (measured on the 4-station example
 * fleet, 4 s: with the deterministic flow scheduler, slower than its budget on 48 bays, the planner had no time for a
 * price round and its plan broke the feeder; with the wall-clock one it met it). The fleet problems, the order of the
 * outputs and the checker's verdicts are reproducible; the figures may differ between runs.
 */
public final class StudyRunner {

    /** Told of each run as it ends, on the caller's thread. */
    public interface Listener {
        void finished(int done, int total, Outcome outcome);
    }

    private StudyRunner() {
    }

    /** Every run's outcome, in the study's order (the base first). */
    public static List<Outcome> run(Study study, int threads, Listener listener) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be ≥ 1, is " + threads);
        }
        List<Study.Run> runs = study.runs();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, runs.size()), r -> {
            Thread t = new Thread(r, "study-run");
            t.setDaemon(true);
            return t;
        });
        try {
            CompletionService<Outcome> done = new ExecutorCompletionService<>(pool);
            for (Study.Run run : runs) {
                done.submit(() -> runOne(run, study.seed()));
            }
            Outcome[] outcomes = new Outcome[runs.size()];
            for (int n = 1; n <= runs.size(); n++) {
                Outcome o = done.take().get();
                outcomes[o.run().index()] = o;
                listener.finished(n, runs.size(), o);
            }
            return new ArrayList<>(Arrays.asList(outcomes));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("study interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a run failed outside its solve: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** One run; a solver's exception becomes a failed outcome (the others go on). */
    static Outcome runOne(Study.Run run, long seed) {
        try {
            if (run.fleet() != null) {
                // the service's (wall-clock) schedulers: the planner's rounds stop on the wall clock anyway, and a
                // deterministic station solve, slower than its budget, would leave them no time (see the class note)
                FleetPlanner planner = new FleetPlanner(Schedulers.byName(run.solver()), 1);
                return Outcome.fleet(run, planner.plan(run.fleet(), run.timeLimit()));
            }
            return Outcome.station(run, solveStation(run.station(), run.solver(), run.timeLimit(), run.gapTarget(),
                    seed));
        } catch (RuntimeException e) {
            return Outcome.failed(run, e);
        }
    }

    /**
     * A station run's solve, exactly as a study runs it (also on the members of a cluster:
     * {@code io.swapflex.cluster.ClusterStudyRunner}).
     */
    public static Plan solveStation(Problem station, String solver, Duration timeLimit, double gapTarget, long seed) {
        SolveOptions options = new SolveOptions(timeLimit, gapTarget, null);
        return Schedulers.reproducible(solver, seed).solve(station, options);
    }
}
