package io.swapflex.optimizer.flow;

import com.google.ortools.Loader;
import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPModelProto;
import com.google.ortools.linearsolver.MPModelRequest;
import com.google.ortools.linearsolver.MPSolutionResponse;
import com.google.ortools.linearsolver.MPSolverResponseStatus;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPVariable;
import io.swapflex.optimizer.contract.Problem;

import java.util.List;
import java.util.TreeMap;

/**
 * Independent reference solves with HiGHS through OR-Tools (test/benchmark scope only), on the aggregated models the
 * flow scheduler works with:
 * <ul>
 *   <li>{@link #mip}: formulation B on the exact {@link PrimalNetwork} — integer pack counts per arc of the
 *   time-expanded SOC network per type, every initial SOC a node of its own, the meter with a binary direction per
 *   slot, the charger, swap, limit, firm and offer rows of the contract. Its optimum is the best plan on these SOC
 *   levels (≥ the continuous optimum);</li>
 *   <li>{@link #relaxedLp}: the LP of the {@link RelaxedNetwork} with all coupling rows — the value the Lagrangian
 *   dual converges to at best, so the distance of our bound to it measures the ascent, not the model.</li>
 * </ul>
 */
public final class HighsReference {

    /** A reference solve: status word, objective, HiGHS's best bound, wall time. */
    public record Result(String status, double objective, double bound, long millis) {
    }

    private static long names;

    private HighsReference() {
    }

    /** HiGHS through OR-Tools wants every row and column named uniquely. */
    private static String name(String prefix) {
        return prefix + (names++);
    }

    /** Formulation B as a MIP on the plan levels (steps per full-power slot as the flow scheduler uses). */
    public static Result mip(Problem problem, int steps, double seconds) {
        return solve(problem, steps, seconds, false);
    }

    /** The LP of the relaxed network (the best bound the Lagrangian dual can reach). */
    public static Result relaxedLp(Problem problem, int steps, double seconds) {
        return solve(problem, steps, seconds, true, java.util.EnumSet.noneOf(Integral.class));
    }

    /**
     * Integrality that every contract plan has and the relaxed network's LP drops; each one added to the relaxed
     * network keeps its optimum a lower bound on the continuous contract problem (gap anatomy, issue 15).
     */
    public enum Integral {
        /** one meter direction per slot (a binary per slot, as in {@link #mip}) */
        METER,
        /** the number of packs swapped out per type and slot is a whole number */
        SWAPS,
        /** the number of bays charging or discharging per slot is a whole number */
        CHARGERS
    }

    /**
     * The relaxed network of {@link #relaxedLp} with some integrality put back (a MIP when any): how much of the gap
     * between the LP bound and the optimum each kind of row explains.
     */
    public static Result relaxedWith(Problem problem, int steps, double seconds, java.util.Set<Integral> integral) {
        return solve(problem, steps, seconds, true, integral);
    }

    /**
     * What the Lagrangian ascent reaches on a relaxed network, against that network's LP solved by GLOP (OR-Tools'
     * simplex, whose row duals are exact): the LP value; our best dual value after {@code ascentSteps} steps; our dual
     * function at the LP's row duals (λ_t = the balance row's dual per kWh, μ, ν, ρ the other rows'); and our best
     * multipliers with the LP's swap prices put in. Our dual can lie above the LP (its grid part decides the meter's
     * direction and the offers whole, the LP relaxes them), so the LP's duals say where the ascent should get, and the
     * swap-price swap says whether the swap rows are where it falls short (issue 15: on the 400-bay ladder station the
     * van and truck swap prices were).
     */
    public record AscentCheck(double lp, double ours, double oursAtLpDuals, double oursWithLpSwapPrices,
                              long lpMillis) {
    }

    /** See {@link AscentCheck}; {@code upper} a plan's total (the ascent's Polyak target). */
    public static AscentCheck ascentCheck(Problem problem, int latticeSteps, int ascentSteps, double upper,
                                          double seconds) {
        Loader.loadNativeLibraries();
        StationModel m = new StationModel(problem);
        MPSolver solver = MPSolver.createSolver("GLOP");
        Rows rows = new Rows();
        double constant = build(solver, m, latticeSteps, true, java.util.EnumSet.noneOf(Integral.class), rows);
        solver.setTimeLimit((long) (seconds * 1000));
        long t0 = System.nanoTime();
        MPSolver.ResultStatus status = solver.solve();
        long millis = (System.nanoTime() - t0) / 1_000_000L;
        LagrangianDual ours = new LagrangianDual(m, latticeSteps);
        for (int i = 0; i < ascentSteps; i++) {
            ours.step(upper);
        }
        if (status != MPSolver.ResultStatus.OPTIMAL) {
            solver.delete();
            return new AscentCheck(Double.NaN, ours.bestValue, Double.NaN, Double.NaN, millis);
        }
        double lp = solver.objective().value() + constant;
        LagrangianDual atLp = new LagrangianDual(m, latticeSteps);
        LagrangianDual mixed = new LagrangianDual(m, latticeSteps);
        for (int t = 0; t < m.slots; t++) {
            atLp.lambda[t] = rows.balance[t].dualValue() / m.dt;
            atLp.mu[t] = Math.max(0, -rows.chargers[t].dualValue());
            mixed.lambda[t] = ours.bestLambda[t];
            mixed.mu[t] = ours.bestMu[t];
        }
        for (int k = 0; k < m.typeCount(); k++) {
            for (int t = 0; t < m.slots; t++) {
                atLp.nu[k][t] = Math.max(0, -rows.swaps.get(k)[t].dualValue());
                mixed.nu[k][t] = atLp.nu[k][t];
            }
            MPConstraint ready = rows.ready.get(k);
            atLp.rho[k] = ready == null ? 0.0 : Math.max(0, ready.dualValue());
            mixed.rho[k] = ours.bestRho[k];
        }
        double at = atLp.evaluate();
        double with = mixed.evaluate();
        solver.delete();
        return new AscentCheck(lp, ours.bestValue, at, with, millis);
    }

    private static Result solve(Problem problem, int steps, double seconds, boolean relaxed) {
        return solve(problem, steps, seconds, relaxed, java.util.EnumSet.noneOf(Integral.class));
    }

    private static Result solve(Problem problem, int steps, double seconds, boolean relaxed,
                                java.util.Set<Integral> integral) {
        boolean lp = relaxed && integral.isEmpty();
        Loader.loadNativeLibraries();
        StationModel m = new StationModel(problem);
        // Built with OR-Tools' model API, solved by HiGHS through the proto interface: the incremental HiGHS
        // interface of 9.12 rejects the model's (empty) name and then loses every row.
        MPSolver solver = MPSolver.createSolver("SCIP");
        double constant = build(solver, m, steps, relaxed, integral, null);
        MPModelProto.Builder proto = solver.exportModelToProto().toBuilder().setName("swapflex");
        // 9.12's HiGHS proto solver mis-indexes row and column names (it floods stderr and hangs): send none.
        for (int i = 0; i < proto.getVariableCount(); i++) {
            proto.getVariableBuilder(i).clearName();
        }
        for (int i = 0; i < proto.getConstraintCount(); i++) {
            proto.getConstraintBuilder(i).clearName();
        }
        MPModelRequest request = MPModelRequest.newBuilder()
                .setModel(proto)
                .setSolverType(lp || Boolean.getBoolean("highs.lp") ? MPModelRequest.SolverType.HIGHS_LINEAR_PROGRAMMING
                        : MPModelRequest.SolverType.HIGHS_MIXED_INTEGER_PROGRAMMING)
                .setSolverTimeLimitSeconds(seconds)
                .setEnableInternalSolverOutput(Boolean.getBoolean("highs.log"))
                .setSolverSpecificParameters(lp ? "solver=ipm" : "")
                .build();
        solver.delete();
        long t0 = System.nanoTime();
        MPSolutionResponse response = MPSolver.solveWithProto(request);
        long millis = (System.nanoTime() - t0) / 1_000_000L;
        MPSolverResponseStatus status = response.getStatus();
        // At a time limit OR-Tools reports an unknown status even when HiGHS holds a plan: trust the values then.
        boolean ok = status == MPSolverResponseStatus.MPSOLVER_OPTIMAL
                || status == MPSolverResponseStatus.MPSOLVER_FEASIBLE || response.getVariableValueCount() > 0;
        double value = ok ? response.getObjectiveValue() + constant : Double.NaN;
        double bound = ok ? (lp ? value : response.getBestObjectiveBound() + constant) : Double.NaN;
        return new Result(status.name().replace("MPSOLVER_", ""), value, bound, millis);
    }

    /** The coupling rows of a built model, kept for their duals ({@link #ascentCheck}). */
    private static final class Rows {
        MPConstraint[] balance;
        MPConstraint[] chargers;
        final java.util.Map<Integer, MPConstraint[]> swaps = new java.util.HashMap<>();
        final java.util.Map<Integer, MPConstraint> ready = new java.util.HashMap<>();
    }

    /**
     * Builds the model into {@code solver}; returns the objective's constant (the penalty of all demand unserved, less
     * the firm reward). {@code rows} (may be null) receives the coupling rows.
     */
    private static double build(MPSolver solver, StationModel m, int steps, boolean relaxed,
                                java.util.Set<Integral> integral, Rows rows) {
        double inf = MPSolver.infinity();
        int slots = m.slots;
        MPConstraint[] balance = new MPConstraint[slots];
        MPConstraint[] chargers = new MPConstraint[slots];
        MPObjective obj = solver.objective();
        double constant = -m.firmReward + m.allUnservedPenalty();
        MPVariable[] imp = new MPVariable[slots];
        MPVariable[] exp = new MPVariable[slots];
        for (int t = 0; t < slots; t++) {
            imp[t] = solver.makeNumVar(0, m.importLimit[t], "imp" + t);
            exp[t] = solver.makeNumVar(0, m.exportLimit[t], "exp" + t);
            obj.setCoefficient(imp[t], m.dt * m.importPrice[t]);
            obj.setCoefficient(exp[t], -m.dt * m.exportPrice[t]);
            // imp − exp − Σ p = base
            balance[t] = solver.makeConstraint(m.baseKw[t], m.baseKw[t], "bal" + t);
            balance[t].setCoefficient(imp[t], 1);
            balance[t].setCoefficient(exp[t], -1);
            if (integral.contains(Integral.CHARGERS)) {
                // Σ moves = A with A a whole number up to the limit (the moves of a slot are its active bays)
                chargers[t] = solver.makeConstraint(0, 0, "act" + t);
                chargers[t].setCoefficient(solver.makeIntVar(0, Math.min(m.activeLimit, 1e9), "active" + t), -1);
            } else {
                chargers[t] = solver.makeConstraint(-inf, m.activeLimit, "act" + t);
            }
            if (!relaxed || integral.contains(Integral.METER)) {
                MPVariable z = solver.makeIntVar(0, 1, "dir" + t);
                MPConstraint ci = solver.makeConstraint(-inf, 0, "dirI" + t);
                ci.setCoefficient(imp[t], 1);
                ci.setCoefficient(z, -m.importLimit[t]);
                MPConstraint ce = solver.makeConstraint(-inf, m.exportLimit[t], "dirE" + t);
                ce.setCoefficient(exp[t], 1);
                ce.setCoefficient(z, m.exportLimit[t]);
            }
            if (m.firmExportKw[t] != Double.NEGATIVE_INFINITY) {
                MPConstraint f = solver.makeConstraint(m.firmExportKw[t], inf, "firm" + t);
                f.setCoefficient(exp[t], 1);
                f.setCoefficient(imp[t], -1);
            }
        }
        for (StationModel.Offer o : m.offers) {
            MPVariable y = relaxed ? solver.makeNumVar(0, 1, "y" + o.index()) : solver.makeIntVar(0, 1, "y" + o.index());
            obj.setCoefficient(y, -o.reward());
            for (int t = o.from(); t < o.to(); t++) {
                // exp − imp ≥ F·y − I·(1 − y)
                MPConstraint c = solver.makeConstraint(-m.importLimit[t], inf, "offer" + o.index() + "_" + t);
                c.setCoefficient(exp[t], 1);
                c.setCoefficient(imp[t], -1);
                c.setCoefficient(y, -(o.exportKw() + m.importLimit[t]));
            }
        }
        for (int k = 0; k < m.typeCount(); k++) {
            if (relaxed) {
                addRelaxedType(solver, m, k, steps, balance, chargers, obj, integral.contains(Integral.SWAPS), rows);
            } else {
                addPrimalType(solver, m, k, steps, balance, chargers, obj);
            }
        }
        if (rows != null) {
            rows.balance = balance;
            rows.chargers = chargers;
        }
        return constant;
    }

    /** Arc variables of one type on the plan levels, with the initial SOCs as extra nodes. */
    private static void addPrimalType(MPSolver solver, StationModel m, int k, int steps, MPConstraint[] balance,
                                      MPConstraint[] chargers, MPObjective obj) {
        PrimalNetwork net = new PrimalNetwork(m, k, steps);
        int n = net.levels.length;
        TreeMap<Double, Integer> extra = new TreeMap<>();
        double[] supply = new double[n];
        for (int b : m.baysOfType[k]) {
            int level = net.levelOf(m.initialSoc[b]);
            if (level >= 0) {
                supply[level]++;
            } else {
                extra.merge(m.initialSoc[b], 1, Integer::sum);
            }
        }
        double deg = net.degradation() * m.dt;
        int slots = m.slots;
        // node rows: out(t, i) − in(t, i) = supply at t = 0, 0 after
        MPConstraint[][] rows = nodeRows(solver, slots, supply);
        End end = new End(solver, m, k, obj);
        MPConstraint[] swapRows = new MPConstraint[slots];
        for (int t = 0; t < slots; t++) {
            swapRows[t] = solver.makeConstraint(-MPSolver.infinity(), m.demand[k][t], name("s"));
            boolean last = t == slots - 1;
            for (int i = 0; i < n; i++) {
                MPVariable w = arc(solver, rows, t, i, i, 0, false, balance, chargers, obj, deg, null);
                if (last) {
                    end.at(w, net.levels[i], net.canSwap[i]);
                }
                for (int a = net.first[i]; a < net.first[i + 1]; a++) {
                    MPVariable x = arc(solver, rows, t, i, net.target[a], net.classKw[net.klass[a]], false, balance,
                            chargers, obj, deg, null);
                    if (last) {
                        end.at(x, net.levels[net.target[a]], net.canSwap[net.target[a]]);
                    }
                }
                if (net.canSwap[i]) {
                    MPVariable x = arc(solver, rows, t, i, net.returnLevel, 0, true, balance, chargers, obj, deg,
                            swapRows[t]);
                    obj.setCoefficient(x, -m.swapPenalty[k]);
                    if (last) {
                        end.at(x, net.levels[net.returnLevel], net.canSwap[net.returnLevel]);
                    }
                }
            }
        }
        // every distinct off-level initial SOC: waits until it leaves (to a level or by a swap)
        for (var e : extra.entrySet()) {
            double s0 = e.getKey();
            List<double[]> arcs = net.arcsFrom(s0);
            MPConstraint[] own = new MPConstraint[slots];
            for (int t = 0; t < slots; t++) {
                double rhs = t == 0 ? e.getValue() : 0;
                own[t] = solver.makeConstraint(rhs, rhs, name("r"));
            }
            for (int t = 0; t < slots; t++) {
                MPVariable wait = solver.makeIntVar(0, MPSolver.infinity(), name("x"));
                own[t].setCoefficient(wait, 1);
                if (t + 1 < slots) {
                    own[t + 1].setCoefficient(wait, -1);
                } else {
                    end.at(wait, s0, net.canSwapFrom(s0));
                }
                for (double[] arc : arcs) {
                    MPVariable x = solver.makeIntVar(0, MPSolver.infinity(), name("x"));
                    own[t].setCoefficient(x, 1);
                    if (t + 1 < slots) {
                        rows[t + 1][(int) arc[0]].setCoefficient(x, -1);
                    }
                    balance[t].setCoefficient(x, -arc[1]);
                    chargers[t].setCoefficient(x, 1);
                    obj.setCoefficient(x, deg * Math.abs(arc[1]));
                    if (t + 1 == slots) {
                        end.at(x, net.levels[(int) arc[0]], net.canSwap[(int) arc[0]]);
                    }
                }
                if (net.canSwapFrom(s0)) {
                    MPVariable x = solver.makeIntVar(0, MPSolver.infinity(), name("x"));
                    own[t].setCoefficient(x, 1);
                    if (t + 1 < slots) {
                        rows[t + 1][net.returnLevel].setCoefficient(x, -1);
                    }
                    swapRows[t].setCoefficient(x, 1);
                    obj.setCoefficient(x, -m.swapPenalty[k]);
                    if (t + 1 == slots) {
                        end.at(x, net.levels[net.returnLevel], net.canSwap[net.returnLevel]);
                    }
                }
            }
        }
    }

    private static MPVariable arc(MPSolver solver, MPConstraint[][] rows, int t, int from, int to, double kw, boolean swap,
                            MPConstraint[] balance, MPConstraint[] chargers, MPObjective obj, double deg,
                            MPConstraint swapRow) {
        MPVariable x = solver.makeIntVar(0, MPSolver.infinity(), name("x"));
        rows[t][from].setCoefficient(x, 1);
        if (t + 1 < rows.length) {
            rows[t + 1][to].setCoefficient(x, -1);
        }
        if (kw != 0) {
            balance[t].setCoefficient(x, -kw);
            chargers[t].setCoefficient(x, 1);
            obj.setCoefficient(x, deg * Math.abs(kw));
        }
        if (swap) {
            swapRow.setCoefficient(x, 1);
        }
        return x;
    }

    /** Continuous arc variables of one type on the relaxed network, initial SOCs and returns split over levels. */
    private static void addRelaxedType(MPSolver solver, StationModel m, int k, int steps, MPConstraint[] balance,
                                       MPConstraint[] chargers, MPObjective obj, boolean wholeSwaps, Rows coupling) {
        RelaxedNetwork net = new RelaxedNetwork(m, k, steps);
        int n = net.levels;
        double[] supply = new double[n];
        for (int b : m.baysOfType[k]) {
            net.addSplit(m.initialSoc[b], 1.0, supply);
        }
        int slots = m.slots;
        MPConstraint[][] rows = nodeRows(solver, slots, supply);
        End end = new End(solver, m, k, obj);
        if (coupling != null) {
            coupling.swaps.put(k, new MPConstraint[slots]);
            if (end.ready != null) {
                coupling.ready.put(k, end.ready);
            }
        }
        double deg = net.degradation * m.dt;
        for (int t = 0; t < slots; t++) {
            MPConstraint swapRow = solver.makeConstraint(-MPSolver.infinity(), m.demand[k][t], name("s"));
            if (coupling != null) {
                coupling.swaps.get(k)[t] = swapRow;
            }
            if (wholeSwaps) {
                // Σ swap arcs = S with S a whole number: the row becomes S ≤ demand
                swapRow = solver.makeConstraint(0, 0, name("s"));
                swapRow.setCoefficient(solver.makeIntVar(0, m.demand[k][t], name("S")), -1);
            }
            for (int i = 0; i < n; i++) {
                MPVariable w = solver.makeNumVar(0, MPSolver.infinity(), name("x"));
                rows[t][i].setCoefficient(w, 1);
                boolean last = t + 1 == slots;
                if (!last) {
                    rows[t + 1][i].setCoefficient(w, -1);
                } else {
                    end.at(w, net.soc(i), i >= net.ready);
                }
                for (int mv = 1; mv <= Math.min(net.up, net.top - i); mv++) {
                    MPVariable x = move(solver, rows, t, i, i + mv, net.upKw[mv], balance, chargers, obj, deg);
                    if (last) {
                        end.at(x, net.soc(i + mv), i + mv >= net.ready);
                    }
                }
                for (int mv = 1; mv <= Math.min(net.down, i - net.bottom); mv++) {
                    MPVariable x = move(solver, rows, t, i, i - mv, net.downKw[mv], balance, chargers, obj, deg);
                    if (last) {
                        end.at(x, net.soc(i - mv), i - mv >= net.ready);
                    }
                }
                if (i >= net.ready) {
                    MPVariable x = solver.makeNumVar(0, MPSolver.infinity(), name("x"));
                    rows[t][i].setCoefficient(x, 1);
                    if (t + 1 < slots) {
                        rows[t + 1][net.returnLow].setCoefficient(x,
                                rows[t + 1][net.returnLow].getCoefficient(x) - (1 - net.returnHighShare));
                        if (net.returnHighShare > 0) {
                            rows[t + 1][net.returnLow + 1].setCoefficient(x, -net.returnHighShare);
                        }
                    }
                    swapRow.setCoefficient(x, 1);
                    obj.setCoefficient(x, -m.swapPenalty[k]);
                    if (t + 1 == slots) {
                        // split return: the mean SOC is returnSoc, the share on the higher level may be ready
                        end.at(x, net.soc(net.returnLow) + net.returnHighShare * net.delta, false);
                        end.readyShare(x, (net.returnLow >= net.ready ? 1 - net.returnHighShare : 0)
                                + (net.returnLow + 1 >= net.ready ? net.returnHighShare : 0));
                    }
                }
            }
        }
    }

    private static MPVariable move(MPSolver solver, MPConstraint[][] rows, int t, int from, int to, double kw,
                                   MPConstraint[] balance, MPConstraint[] chargers, MPObjective obj, double deg) {
        MPVariable x = solver.makeNumVar(0, MPSolver.infinity(), name("x"));
        rows[t][from].setCoefficient(x, 1);
        if (t + 1 < rows.length) {
            rows[t + 1][to].setCoefficient(x, -1);
        }
        balance[t].setCoefficient(x, -kw);
        chargers[t].setCoefficient(x, 1);
        obj.setCoefficient(x, deg * Math.abs(kw));
        return x;
    }

    /** The horizon's end of one type: the end value of each last-slot arc's target SOC and the end readiness row. */
    private static final class End {
        private final StationModel m;
        private final int k;
        private final MPObjective obj;
        private final MPConstraint ready;

        End(MPSolver solver, StationModel m, int k, MPObjective obj) {
            this.m = m;
            this.k = k;
            this.obj = obj;
            this.ready = m.minReadyAtEnd[k] > 0
                    ? solver.makeConstraint(m.minReadyAtEnd[k], MPSolver.infinity(), name("ready")) : null;
        }

        /** Arc x ends a pack at {@code soc} in the last slot. */
        void at(MPVariable x, double soc, boolean isReady) {
            obj.setCoefficient(x, obj.getCoefficient(x) - m.endValue(k, soc));
            if (isReady) {
                readyShare(x, 1.0);
            }
        }

        void readyShare(MPVariable x, double share) {
            if (ready != null && share > 0) {
                ready.setCoefficient(x, share);
            }
        }
    }

    /** Flow conservation rows out(t, i) − in(t, i) = supply at t = 0, 0 after, for every slot and level. */
    private static MPConstraint[][] nodeRows(MPSolver solver, int slots, double[] supply) {
        MPConstraint[][] rows = new MPConstraint[slots][supply.length];
        for (int t = 0; t < slots; t++) {
            for (int i = 0; i < supply.length; i++) {
                double rhs = t == 0 ? supply[i] : 0;
                rows[t][i] = solver.makeConstraint(rhs, rhs, name("r"));
            }
        }
        return rows;
    }
}
