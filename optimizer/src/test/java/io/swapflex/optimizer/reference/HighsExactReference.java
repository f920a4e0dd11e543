package io.swapflex.optimizer.reference;

import com.google.ortools.Loader;
import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPModelProto;
import com.google.ortools.linearsolver.MPModelRequest;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPVariable;
import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.optimizer.contract.Problem;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Variable;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The independent reference of the scheduler benchmark: HiGHS (through OR-Tools, test scope only) on the exact
 * per-bay model of the contract — the {@link ReferenceMipModel}, copied row by row — so its optimum is the contract
 * problem's optimum, and its dual bound a bound of the very problem our schedulers solve.
 *
 * <p>HiGHS runs in a child JVM whose log is read: OR-Tools 9.12 hands back no values when HiGHS stops at its time
 * limit, and reports the objective as the bound, but HiGHS's own log ("Primal bound", "Dual bound") states both.
 */
public final class HighsExactReference {

    /** A reference solve: HiGHS's status words, its best plan total and its dual bound (NaN if none), wall time. */
    public record Result(String status, double total, double bound, long millis) {
    }

    private static final Pattern PRIMAL = Pattern.compile("^\\s*Primal bound\\s+(\\S+)", Pattern.MULTILINE);
    private static final Pattern DUAL = Pattern.compile("^\\s*Dual bound\\s+(\\S+)", Pattern.MULTILINE);
    private static final Pattern STATUS = Pattern.compile("^\\s*Status\\s+(.+)$", Pattern.MULTILINE);
    private static final Pattern CONSTANT = Pattern.compile("^constant (\\S+)$", Pattern.MULTILINE);

    private HighsExactReference() {
    }

    /** Solves the problem with HiGHS in a child JVM under the time limit (plus start-up) and reads its log. */
    public static Result solve(Problem problem, double seconds) {
        long t0 = System.nanoTime();
        try {
            Path file = Files.createTempFile("swapflex-highs-", ".json");
            Path log = Files.createTempFile("swapflex-highs-", ".log");
            try {
                Files.writeString(file, ContractJson.write(problem));
                Path java = Path.of(System.getProperty("java.home"), "bin", "java");
                Process child = new ProcessBuilder(java.toString(), "-Xmx4g", "-cp",
                        System.getProperty("java.class.path"), HighsExactReference.class.getName(),
                        file.toString(), Double.toString(seconds))
                        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
                // building the per-bay model of a large station can take longer than the solve: a hard stop at the
                // limit plus two minutes, and what the log says by then
                boolean ended = child.waitFor((long) seconds + 120, TimeUnit.SECONDS);
                if (!ended) {
                    child.destroyForcibly().waitFor();
                }
                long millis = (System.nanoTime() - t0) / 1_000_000L;
                Result r = parse(Files.readString(log, StandardCharsets.UTF_8), millis);
                return ended ? r : new Result("stopped after " + (millis / 1000) + " s", r.total(), r.bound(), millis);
            } finally {
                Files.deleteIfExists(file);
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            return new Result("failed: " + e.getMessage(), Double.NaN, Double.NaN, 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result("interrupted", Double.NaN, Double.NaN, 0);
        }
    }

    static Result parse(String log, long millis) {
        double constant = number(CONSTANT, log);
        if (Double.isNaN(constant)) {
            return new Result("no model", Double.NaN, Double.NaN, millis);
        }
        Matcher status = STATUS.matcher(log);
        String words = "no report";
        while (status.find()) {
            words = status.group(1).trim();
        }
        double primal = number(PRIMAL, log);
        double dual = number(DUAL, log);
        return new Result(words, primal + constant, dual + constant, millis);
    }

    /** The last match's number; NaN when absent or "inf". */
    private static double number(Pattern pattern, String log) {
        Matcher m = pattern.matcher(log);
        double v = Double.NaN;
        while (m.find()) {
            try {
                v = Double.parseDouble(m.group(1));
            } catch (NumberFormatException e) {
                v = Double.NaN;
            }
        }
        return Double.isInfinite(v) ? Double.NaN : v;
    }

    /** Child: {@code HighsExactReference problem.json seconds}; prints the model constant, then HiGHS's log. */
    public static void main(String[] args) throws IOException {
        Problem problem = ContractJson.readProblem(Files.readString(Path.of(args[0])));
        double seconds = Double.parseDouble(args[1]);
        ReferenceMipModel mip = new ReferenceMipModel(problem);
        System.out.println(String.format(Locale.ROOT, "constant %.10f", mip.constant));
        System.out.flush();
        MPSolver solver = copy(mip.model); // built in OR-Tools' model API; HiGHS solves its proto
        MPModelProto.Builder proto = solver.exportModelToProto().toBuilder().setName("swapflex-exact");
        // 9.12's HiGHS proto solver mis-indexes row and column names: send none.
        for (int i = 0; i < proto.getVariableCount(); i++) {
            proto.getVariableBuilder(i).clearName();
        }
        for (int i = 0; i < proto.getConstraintCount(); i++) {
            proto.getConstraintBuilder(i).clearName();
        }
        solver.delete();
        MPModelRequest request = MPModelRequest.newBuilder()
                .setModel(proto)
                .setSolverType(MPModelRequest.SolverType.HIGHS_MIXED_INTEGER_PROGRAMMING)
                .setSolverTimeLimitSeconds(seconds)
                .setEnableInternalSolverOutput(true)
                .build();
        MPSolver.solveWithProto(request);
        System.out.flush();
    }

    /** An ojalgo model copied row by row into an OR-Tools (SCIP) model: same variables, bounds, rows, objective. */
    static MPSolver copy(ExpressionsBasedModel model) {
        Loader.loadNativeLibraries();
        MPSolver solver = MPSolver.createSolver("SCIP");
        double inf = MPSolver.infinity();
        List<Variable> variables = model.getVariables();
        MPVariable[] vars = new MPVariable[variables.size()];
        MPObjective objective = solver.objective();
        for (int i = 0; i < vars.length; i++) {
            Variable v = variables.get(i);
            double lo = limit(v.getLowerLimit(), -inf);
            double hi = limit(v.getUpperLimit(), inf);
            vars[i] = v.isInteger() ? solver.makeIntVar(lo, hi, "x" + i) : solver.makeNumVar(lo, hi, "x" + i);
            objective.setCoefficient(vars[i], limit(v.getContributionWeight(), 0));
        }
        objective.setMinimization();
        int row = 0;
        for (Expression e : model.getExpressions()) {
            MPConstraint c = solver.makeConstraint(limit(e.getLowerLimit(), -inf), limit(e.getUpperLimit(), inf),
                    "r" + row++);
            for (var entry : e.getLinearEntrySet()) {
                c.setCoefficient(vars[entry.getKey().index], entry.getValue().doubleValue());
            }
        }
        return solver;
    }

    private static double limit(BigDecimal value, double absent) {
        return value == null ? absent : value.doubleValue();
    }
}
