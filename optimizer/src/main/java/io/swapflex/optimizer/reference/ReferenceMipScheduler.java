package io.swapflex.optimizer.reference;

import io.swapflex.optimizer.Scheduler;
import io.swapflex.optimizer.SolveOptions;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.contract.PlanStatus;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.optimizer.heuristic.GreedyScheduler;
import io.swapflex.optimizer.plan.PlanAssembler;
import org.ojalgo.optimisation.Variable;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The exact reference scheduler: the per-bay model of {@link ReferenceMipModel} solved by {@link BranchAndBound}.
 * It proves optimality on small stations (a few bays over a day of hourly slots) and is the oracle other schedulers are
 * tested against. On larger stations it returns the best plan found within the time limit — at worst the
 * {@link GreedyScheduler}'s — with the proven bound of the search so far.
 *
 * <p>Status: OPTIMAL when the search is complete (gap ≤ 1e-6); FEASIBLE when it stopped at the gap target;
 * INFEASIBLE when the complete search still needs firm-request shortfall or import overflow (no plan meets every hard
 * rule: the plan is the least-violating one); TIME_LIMIT otherwise.
 */
public final class ReferenceMipScheduler implements Scheduler {

    private static final double SLACK_TOLERANCE = 1e-6;
    private static final long GRACE_MILLIS = 200;
    /**
     * LP solves per second of time limit in a work-budgeted search ({@link #deterministic()}). Measured on 3–4-bay,
     * 24-slot stations with two cores shared three ways: 11–46 node LPs per second (the low end in a cold JVM), so at
     * this rate the budget, not the clock, ends the search unless the machine is slower still.
     */
    public static final double NODES_PER_SECOND = 10;

    private final double nodesPerSecond;
    private final boolean wallCap;
    private volatile boolean lastReproducible;

    /** Stops at the time limit only (its plan at TIME_LIMIT depends on the machine's speed and load). */
    public ReferenceMipScheduler() {
        this(0, true);
    }

    private ReferenceMipScheduler(double nodesPerSecond, boolean wallCap) {
        this.nodesPerSecond = nodesPerSecond;
        this.wallCap = wallCap;
    }

    /**
     * A search with a work budget of {@value #NODES_PER_SECOND} LP solves per second of the time limit, stopped at the
     * earlier of the budget and the time limit: where the budget ends it (or the search completes), the same problem
     * and options give the same plan on any machine; on a machine too slow to solve that many LPs in the time the
     * clock ends it as before, and the plan depends on how far it got.
     */
    public static ReferenceMipScheduler deterministic() {
        return new ReferenceMipScheduler(NODES_PER_SECOND, true);
    }

    /**
     * The same work budget without the wall clock: the plan a machine with the time to spare gives, whatever the load
     * (tests and benchmarks on a busy machine; the time limit may be overrun).
     */
    public static ReferenceMipScheduler workBudget() {
        return new ReferenceMipScheduler(NODES_PER_SECOND, false);
    }

    @Override
    public String name() {
        return "reference-mip";
    }

    /** Where the search completed or used its whole work budget ({@link #deterministic()}, {@link #workBudget()}). */
    @Override
    public boolean lastSolveReproducible() {
        return lastReproducible;
    }

    @Override
    public Plan solve(Problem problem, SolveOptions options) {
        long start = System.nanoTime();
        long deadline = wallCap ? start + options.timeLimit().toNanos() : Long.MAX_VALUE / 2;
        Plan fallback = new GreedyScheduler().solve(problem, options);
        ReferenceMipModel mip = new ReferenceMipModel(problem);
        long maxNodes = nodesPerSecond > 0
                ? (long) Math.ceil(nodesPerSecond * options.timeLimit().toNanos() / 1e9) : Long.MAX_VALUE;
        BranchAndBound search = new BranchAndBound(mip, deadline, options.gapTarget(), maxNodes);
        search.seed(modesOf(mip, fallback));
        BranchAndBound.Outcome outcome = runUntil(search, deadline);
        // ended by a proof or by the work budget, not by the wall clock
        lastReproducible = outcome.complete() || outcome.nodes() >= maxNodes;
        long millis = (System.nanoTime() - start) / 1_000_000;
        boolean hardRulesMet = outcome.incumbent() != null && slack(mip, outcome.incumbent()) <= SLACK_TOLERANCE;
        boolean boundProven = Double.isFinite(outcome.bound())
                && (hardRulesMet || outcome.incumbent() == null && fallback.violations().isEmpty());
        Double bound = boundProven ? outcome.bound() : null;
        if (outcome.incumbent() == null) {
            // a fallback that breaks a rule is never called optimal, whatever the search says
            PlanStatus status = outcome.complete() && fallback.violations().isEmpty() ? PlanStatus.OPTIMAL
                    : PlanStatus.TIME_LIMIT;
            return finish(fallback, bound, millis, status, options.gapTarget());
        }
        Plan plan = assemble(mip, outcome.incumbent(), bound, millis);
        if (!hardRulesMet && fallback.violations().isEmpty()) {
            // The search's best still needs slack where the rule of thumb meets every rule: keep the latter.
            return finish(fallback, null, millis, PlanStatus.TIME_LIMIT, options.gapTarget());
        }
        if (!hardRulesMet) {
            return plan.withStatus(outcome.complete() ? PlanStatus.INFEASIBLE : PlanStatus.TIME_LIMIT);
        }
        return finish(plan, bound, millis, outcome.complete() ? PlanStatus.OPTIMAL : PlanStatus.TIME_LIMIT,
                options.gapTarget());
    }

    /**
     * Runs the search on a worker thread: ojalgo checks no clock inside one LP, and a large station's LP can outlast
     * the time limit. Past the deadline (plus a grace for the LP in hand) the plan found so far is returned without a
     * bound, and the worker is left to finish its LP as a daemon.
     */
    private static BranchAndBound.Outcome runUntil(BranchAndBound search, long deadline) {
        AtomicReference<BranchAndBound.Outcome> done = new AtomicReference<>();
        Thread worker = new Thread(() -> done.set(search.run()), "reference-mip");
        worker.setDaemon(true);
        worker.start();
        try {
            long waitMillis = Math.max(1, (deadline - System.nanoTime()) / 1_000_000 + GRACE_MILLIS);
            worker.join(waitMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        BranchAndBound.Outcome outcome = done.get();
        return outcome != null ? outcome : search.snapshot(Double.NEGATIVE_INFINITY);
    }

    /** Sets bound, gap, time and the status the gap earns. */
    private Plan finish(Plan plan, Double bound, long millis, PlanStatus searchStatus, double gapTarget) {
        Double gap = Plan.gapOf(plan.objective().total(), bound);
        PlanStatus status;
        if (gap != null && gap <= 1e-6) {
            status = PlanStatus.OPTIMAL;
        } else if (gap != null && gap <= gapTarget) {
            status = PlanStatus.FEASIBLE;
        } else {
            status = searchStatus == PlanStatus.OPTIMAL ? PlanStatus.FEASIBLE : PlanStatus.TIME_LIMIT;
        }
        return new Plan(plan.formatVersion(), plan.stationId(), status, plan.objective(), bound, gap, millis,
                plan.grid(), plan.bays(), plan.unservedSwaps(), plan.acceptedDispatchRequests(), plan.violations(),
                name());
    }

    private Plan assemble(ReferenceMipModel mip, double[] x, Double bound, long millis) {
        int bays = mip.pc.length;
        int slots = mip.problem.slots();
        double[][] power = new double[bays][slots];
        boolean[][] out = new boolean[bays][slots];
        for (int b = 0; b < bays; b++) {
            for (int t = 0; t < slots; t++) {
                power[b][t] = value(mip, x, mip.pc[b][t]) - value(mip, x, mip.pd[b][t]);
                out[b][t] = value(mip, x, mip.s[b][t]) > 0.5;
            }
        }
        Set<String> accepted = new HashSet<>();
        for (int i = 0; i < mip.offers.size(); i++) {
            if (value(mip, x, mip.offerAccepted[i]) > 0.5) {
                accepted.add(mip.offers.get(i).id());
            }
        }
        return PlanAssembler.assemble(mip.problem, power, out, accepted, PlanStatus.FEASIBLE, bound, millis, name());
    }

    /** The greedy plan's modes as a vector over the model's variables (only the binaries are read). */
    private static double[] modesOf(ReferenceMipModel mip, Plan plan) {
        double[] x = new double[mip.model.countVariables()];
        for (int b = 0; b < mip.pc.length; b++) {
            double[] power = plan.bays().get(b).powerKw();
            boolean[] out = plan.bays().get(b).swapOut();
            for (int t = 0; t < power.length; t++) {
                x[mip.model.indexOf(mip.pc[b][t])] = Math.max(0, power[t]);
                x[mip.model.indexOf(mip.pd[b][t])] = Math.max(0, -power[t]);
                x[mip.model.indexOf(mip.s[b][t])] = out[t] ? 1 : 0;
            }
        }
        return x;
    }

    private static double slack(ReferenceMipModel mip, double[] x) {
        double total = 0;
        for (Variable v : mip.elastic) {
            total += value(mip, x, v);
        }
        return total;
    }

    private static double value(ReferenceMipModel mip, double[] x, Variable v) {
        return x[mip.model.indexOf(v)];
    }
}
