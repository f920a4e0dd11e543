package io.swapflex.optimizer.reference;

import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * Branch and bound over the binaries of a {@link ReferenceMipModel}, with ojalgo solving the LP relaxation at each node.
 *
 * <p>Why not ojalgo's own MIP solver: on this model it neither finishes nor reports a bound (3 bays × 24 hourly slots:
 * no proof in 60 s, and once "INFEASIBLE" for a feasible model), and it overruns its time limit. Here the search is
 * ours: branching follows the problem (offers and swap-outs first, then meter direction, then charge/discharge modes),
 * the time limit is checked between LP solves, and the proven bound is the least LP value over the open nodes.
 *
 * <p>Search: depth-first until the search finds a plan, then best-first over open nodes; each node is dived
 * (rounding towards the LP value, the sibling kept open) until it is pruned, integral or infeasible. A node whose LP ojalgo cannot solve keeps its parent's bound
 * and is not pruned, so the bound stays valid.
 */
final class BranchAndBound {

    private static final double INTEGRALITY = 1e-6;
    /** Run the mode-fixing heuristic on every this-many-th node's LP solution. */
    private static final int HEURISTIC_EVERY = 10;

    /** One fixing on top of the parent's: a persistent list from the node to the root. */
    private record Node(Node parent, int var, int value, double parentBound, int depth) {
    }

    /** The best plan so far, for a caller whose deadline passed while an LP was still running. */
    Outcome snapshot(double rootBound) {
        return new Outcome(incumbent, incumbentValue, Math.min(rootBound, incumbentValue), false, nodes);
    }

    record Outcome(double[] incumbent, double incumbentValue, double bound, boolean complete, int nodes) {
    }

    private final ReferenceMipModel mip;
    private final ExpressionsBasedModel model;
    private final List<Variable> binaries = new ArrayList<>();
    private final int[] binaryIndex;
    private final int priorityOfMeter;
    private final int priorityOfMode;
    private final long deadlineNanos;
    private final double gapTarget;
    /** Most LP solves of the search (a work budget: the search stops at the earlier of it and the deadline). */
    private final long maxNodes;

    private volatile double[] incumbent;
    private volatile double incumbentValue = Double.POSITIVE_INFINITY;
    private int nodes;
    private double[] seed;
    /** The least LP value of a node pruned against the incumbent within the gap target: part of the proven bound. */
    private double prunedBound = Double.POSITIVE_INFINITY;
    private final List<Node> unresolved = new ArrayList<>();

    BranchAndBound(ReferenceMipModel mip, long deadlineNanos, double gapTarget) {
        this(mip, deadlineNanos, gapTarget, Long.MAX_VALUE);
    }

    /**
     * @param maxNodes most LP solves (nodes and heuristic re-solves); a search stopped by it rather than by the deadline
     *                 has done a fixed amount of work, so it returns the same plan and bound on any machine
     */
    BranchAndBound(ReferenceMipModel mip, long deadlineNanos, double gapTarget, long maxNodes) {
        this.maxNodes = maxNodes;
        this.mip = mip;
        this.model = mip.model;
        this.deadlineNanos = deadlineNanos;
        this.gapTarget = gapTarget;
        binaries.addAll(mip.swaps);
        priorityOfMeter = binaries.size();
        binaries.addAll(mip.meters);
        priorityOfMode = binaries.size();
        binaries.addAll(mip.modes);
        binaryIndex = new int[binaries.size()];
        for (int i = 0; i < binaries.size(); i++) {
            binaries.get(i).setInteger(false);
            binaryIndex[i] = model.indexOf(binaries.get(i));
        }
    }

    /**
     * Primal heuristic: fixes every binary to the modes a solution implies (charge where it charges, discharge where it
     * discharges, swaps and offers rounded, the meter's direction from its net flow) and re-optimises the continuous
     * powers by LP. A feasible result becomes the incumbent when it is better.
     *
     * @param x values of the model's variables (an LP solution or a heuristic plan's powers and swaps)
     */
    void tryModes(double[] x) {
        ExpressionsBasedModel lp = model.copy();
        for (int b = 0; b < mip.pc.length; b++) {
            for (int t = 0; t < mip.pc[b].length; t++) {
                double charge = x[model.indexOf(mip.pc[b][t])];
                double discharge = x[model.indexOf(mip.pd[b][t])];
                boolean swap = x[model.indexOf(mip.s[b][t])] > 0.5;
                fix(lp, mip.s[b][t], swap ? 1 : 0);
                fix(lp, mip.c[b][t], !swap && charge > 1e-6 && charge >= discharge ? 1 : 0);
                fix(lp, mip.d[b][t], !swap && discharge > 1e-6 && discharge > charge ? 1 : 0);
            }
        }
        for (Variable offer : mip.offerAccepted) {
            fix(lp, offer, x[model.indexOf(offer)] > 0.5 ? 1 : 0);
        }
        for (int t = 0; t < mip.meters.size(); t++) {
            fix(lp, mip.meters.get(t), x[model.indexOf(mip.imp[t])] >= x[model.indexOf(mip.exp[t])] ? 1 : 0);
        }
        // each solve on a copy: a solve may tighten the bounds of the model it is given (presolve)
        Optimisation.Result result = lp.copy().minimise();
        nodes++;
        if (result.getState().isOptimal() && !mip.readyFlags.isEmpty()) {
            // A fractional end readiness flag counts a bay part-ready: fix the flags and solve again. Per type, the
            // bays the LP left fullest are the ones asked to end ready (as many as the rule wants, and every bay
            // already ready); if the modes cannot charge them that far, the flags follow the last SOC instead.
            double[] y = result.toRawCopy1D();
            Optimisation.Result wanted = solveWithFlags(lp.copy(), y, true);
            result = wanted.getState().isOptimal() ? wanted : solveWithFlags(lp.copy(), y, false);
        }
        if (result.getState().isOptimal()) {
            double value = result.getValue() + mip.constant;
            if (value < incumbentValue) {
                incumbentValue = value;
                incumbent = result.toRawCopy1D();
            }
        }
    }

    /** Fixes the end readiness flags from an LP solution {@code x} and solves {@code lp} again. */
    private Optimisation.Result solveWithFlags(ExpressionsBasedModel lp, double[] x, boolean fullestFirst) {
        int slots = mip.problem.slots();
        for (ReferenceMipModel.ReadyFlag flag : mip.readyFlags) {
            double last = x[model.indexOf(mip.e[flag.bay()][slots])];
            boolean ready = last >= flag.type().swapReadySoc() - 1e-7;
            if (fullestFirst && !ready) {
                int fuller = 0;
                for (ReferenceMipModel.ReadyFlag other : mip.readyFlags) {
                    double end = x[model.indexOf(mip.e[other.bay()][slots])];
                    if (other != flag && other.type() == flag.type()
                            && (end > last || end == last && other.bay() < flag.bay())) {
                        fuller++;
                    }
                }
                ready = fuller < flag.type().readyAtEnd();
            }
            fix(lp, flag.y(), ready ? 1 : 0);
        }
        nodes++;
        return lp.minimise();
    }

    private void fix(ExpressionsBasedModel lp, Variable v, int value) {
        lp.getVariable(model.indexOf(v)).lower(value).upper(value);
    }

    /** A heuristic solution whose modes the search re-optimises first (see {@link #tryModes}). */
    void seed(double[] x) {
        seed = x;
    }

    Outcome run() {
        if (seed != null) {
            tryModes(seed);
        }
        // Depth-first until the search has a plan of its own (dives that end infeasible backtrack locally),
        // then best-first, so that the bound rises.
        Deque<Node> stack = new ArrayDeque<>();
        PriorityQueue<Node> open = new PriorityQueue<>((a, b) -> Double.compare(a.parentBound, b.parentBound));
        stack.push(new Node(null, -1, 0, Double.NEGATIVE_INFINITY, 0));
        while (!stack.isEmpty() || !open.isEmpty()) {
            if (incumbent != null && !stack.isEmpty()) {
                open.addAll(stack);
                stack.clear();
            }
            Node next = stack.isEmpty() ? open.peek() : stack.peek();
            if (outOfBudget() || closeEnough(next.parentBound)) {
                break;
            }
            if (stack.isEmpty()) {
                dive(open.poll(), open::add);
            } else {
                dive(stack.pop(), stack::push);
            }
        }
        double bound = incumbentValue;
        for (Node node : open) {
            bound = Math.min(bound, node.parentBound);
        }
        for (Node node : stack) {
            bound = Math.min(bound, node.parentBound);
        }
        for (Node node : unresolved) {
            bound = Math.min(bound, node.parentBound);
        }
        boolean complete = open.isEmpty() && stack.isEmpty() && unresolved.isEmpty();
        return new Outcome(incumbent, incumbentValue, Math.min(bound, prunedBound), complete, nodes);
    }

    private boolean outOfBudget() {
        return nodes >= maxNodes || System.nanoTime() > deadlineNanos;
    }

    private boolean closeEnough(double bound) {
        return incumbent != null && incumbentValue - bound <= gapTarget * Math.max(1, Math.abs(incumbentValue));
    }

    private void dive(Node node, Consumer<Node> open) {
        while (node != null) {
            if (outOfBudget()) {
                open.accept(node);
                return;
            }
            if (node.parentBound >= pruneLevel()) {
                prunedBound = Math.min(prunedBound, node.parentBound);
                return;
            }
            Optimisation.Result lp = solve(node);
            nodes++;
            if (lp.getState() == Optimisation.State.INFEASIBLE) {
                return;
            }
            if (!lp.getState().isOptimal()) {
                // ojalgo could not settle this node: leave it out of the search, but its parent's bound stays in force.
                unresolved.add(node);
                return;
            }
            double value = lp.getValue() + mip.constant;
            if (nodes % HEURISTIC_EVERY == 1) {
                tryModes(lp.toRawCopy1D());
            }
            if (value >= pruneLevel()) {
                prunedBound = Math.min(prunedBound, value);
                return;
            }
            int branch = chooseBranch(lp);
            if (branch < 0) {
                incumbentValue = value;
                incumbent = lp.toRawCopy1D();
                return;
            }
            double x = lp.doubleValue(binaryIndex[branch]);
            // A mode switched on imposes its SOC band and may make the node infeasible: dive with it off unless the
            // LP nearly has it on. Swaps, offers and meters follow the LP.
            int first = x >= (branch >= priorityOfMode ? 0.9 : 0.5) ? 1 : 0;
            open.accept(new Node(node, branch, 1 - first, value, node.depth + 1));
            node = new Node(node, branch, first, value, node.depth + 1);
        }
    }

    private double pruneLevel() {
        if (incumbent == null && Double.isInfinite(incumbentValue)) {
            return Double.POSITIVE_INFINITY;
        }
        return incumbentValue - gapTarget * Math.max(1, Math.abs(incumbentValue)) - 1e-9;
    }

    /** The first fractional binary in priority order; within a class, the most fractional. −1 when integral. */
    private int chooseBranch(Optimisation.Result lp) {
        int[] classEnds = {priorityOfMeter, priorityOfMode, binaries.size()};
        int start = 0;
        for (int end : classEnds) {
            int best = -1;
            double bestDistance = INTEGRALITY;
            for (int i = start; i < end; i++) {
                double x = lp.doubleValue(binaryIndex[i]);
                double distance = Math.min(x, 1 - x);
                if (distance > bestDistance) {
                    bestDistance = distance;
                    best = i;
                }
            }
            if (best >= 0) {
                return best;
            }
            start = end;
        }
        return -1;
    }

    /**
     * Solves the node's LP on a fresh copy of the untouched model: ojalgo's presolve tightens bounds and drops rows in
     * place, so a model once solved is no longer the relaxation of the next node.
     */
    private Optimisation.Result solve(Node node) {
        ExpressionsBasedModel lp = model.copy();
        lp.options.time_abort = Math.max(1, (deadlineNanos - System.nanoTime()) / 1_000_000);
        for (Node n = node; n != null && n.var >= 0; n = n.parent) {
            lp.getVariable(binaryIndex[n.var]).lower(n.value).upper(n.value);
        }
        return lp.minimise();
    }
}
