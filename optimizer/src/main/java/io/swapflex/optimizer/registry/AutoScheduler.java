package io.swapflex.optimizer.registry;

import io.swapflex.optimizer.Scheduler;
import io.swapflex.optimizer.SolveOptions;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.optimizer.flow.FlowScheduler;
import io.swapflex.optimizer.plan.PlanChoice;
import io.swapflex.optimizer.reference.ReferenceMipScheduler;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The default: on small stations a portfolio of the exact reference MIP and the flow scheduler, on every other station
 * the flow scheduler.
 *
 * <p>Small stations (at most {@value #EXACT_BAY_SLOTS} bay-slots, e.g. 4 bays over 24 hourly slots): both schedulers
 * run at once with the whole time limit, the reference MIP on a thread of its own, the flow scheduler on the caller's
 * (two cores). The plan returned is the best one that meets every hard rule ({@link PlanChecker}: rules 1–7 and 9, and
 * no declared violation); the reference's wins a tie (it is the one that proves optima). A plan that breaks a rule is
 * returned only when neither scheduler has one that does not. Its bound is the higher of the two proven bounds (each is
 * a lower bound on the same problem), its gap and status follow from that bound. Why: the reference proves optima the
 * flow search may miss (the 3-bay demo with its end value: 46.67, proven, against 50.31 in 2 s), but on a 4-bay day with a firm evening request it
 * ran out of time with a plan that broke the request while the flow scheduler had one within 2.1 % of HiGHS's best
 * plan (185.25 after 60 s, dual bound 184.50; {@code Problems.fourBaysFirmEvening} in the tests).
 *
 * <p>Deterministic: the default instance runs the reference with a work budget
 * ({@link ReferenceMipScheduler#deterministic()}) and the flow scheduler on a virtual clock
 * ({@link FlowScheduler#deterministic(long, boolean, boolean)}), both also stopped by the time limit on the wall clock; where
 * the budgets, not the clock, end both searches, the same problem and options give the same plan.
 */
public final class AutoScheduler implements Scheduler {

    static final int EXACT_BAY_SLOTS = 96;
    /** Kept back from the reference MIP's limit in the portfolio (it returns up to 200 ms after its limit). */
    static final java.time.Duration REFERENCE_MARGIN = java.time.Duration.ofMillis(300);
    /** The seed of the default flow scheduler's search. */
    public static final long SEED = 20261126L;

    private final Scheduler exact;
    private final Scheduler scalable;
    private volatile boolean lastReproducible;

    public AutoScheduler() {
        this(ReferenceMipScheduler.deterministic(), FlowScheduler.deterministic(SEED, true, true));
    }

    /** The same choice between other instances (a study passes the deterministic flow scheduler). */
    public AutoScheduler(Scheduler exact, Scheduler scalable) {
        this.exact = exact;
        this.scalable = scalable;
    }

    @Override
    public String name() {
        return "auto";
    }

    @Override
    public Plan solve(Problem problem, SolveOptions options) {
        boolean small = (long) problem.bays().size() * problem.slots() <= EXACT_BAY_SLOTS;
        if (!small) {
            Plan plan = scalable.solve(problem, options);
            lastReproducible = scalable.lastSolveReproducible();
            return plan;
        }
        long start = System.nanoTime();
        // the reference may overrun its limit by the LP in hand (ojalgo checks no clock inside one): it gets a quarter
        // less, at most REFERENCE_MARGIN less, so that the portfolio ends within the limit
        long limit = options.timeLimit().toNanos();
        SolveOptions exactOptions = options.withTimeLimit(java.time.Duration.ofNanos(
                limit - Math.min(limit / 4, REFERENCE_MARGIN.toNanos())));
        CompletableFuture<Plan> reference = new CompletableFuture<>();
        Thread worker = new Thread(() -> {
            try {
                reference.complete(exact.solve(problem, exactOptions));
            } catch (Throwable e) {
                reference.completeExceptionally(e);
            }
        }, "auto-reference");
        worker.setDaemon(true);
        worker.start();
        Plan flow = scalable.solve(problem, options);
        Plan ref;
        try {
            ref = reference.join();
        } catch (CompletionException e) {
            ref = null; // the portfolio still has the flow plan
        }
        long millis = (System.nanoTime() - start) / 1_000_000L;
        lastReproducible = ref != null && exact.lastSolveReproducible() && scalable.lastSolveReproducible();
        return PlanChoice.better(problem, ref, flow, options.gapTarget(), millis);
    }

    /** Where every scheduler it ran ended by its budget, not by the wall clock. */
    @Override
    public boolean lastSolveReproducible() {
        return lastReproducible;
    }
}
