package io.swapflex.optimizer.bench;

import io.swapflex.optimizer.SolveOptions;
import io.swapflex.optimizer.generate.StationGenerator;
import io.swapflex.optimizer.check.CheckReport;
import io.swapflex.optimizer.check.PlanChecker;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.optimizer.flow.BatteryEvent;
import io.swapflex.optimizer.flow.FlowScheduler;
import io.swapflex.optimizer.flow.HighsReference;
import io.swapflex.optimizer.reference.HighsExactReference;
import io.swapflex.optimizer.reference.ReferenceMipScheduler;

import java.time.Duration;
import java.util.Locale;

/**
 * The scheduler benchmark of issue 3 (a command, not a test): the seeded station ladder (12, 21, 50, 100, 200, 400
 * bays; 96 slots of 15 minutes; 1–4 pack types, see {@link StationGenerator}) solved by
 * <ul>
 *   <li>the flow scheduler under the time target for the size, once more without its swap-first start
 *   ({@code noSweep}: what that construction adds), and once more warm started after one battery event (bay 1's pack
 *   replaced by an empty one), stopping at the gap the cold solve certified;</li>
 *   <li>the exact per-bay reference MIP under the same time limit;</li>
 *   <li>HiGHS 1.9 through OR-Tools on the exact per-bay model of the contract (the reference MIP's model, see
 *   {@link HighsExactReference}) as the independent reference, under {@code highsSeconds}: its best plan total and
 *   its dual bound, both of the very problem we solve, read from its log;</li>
 *   <li>HiGHS (interior point) on the LP of our relaxed network: the value our Lagrangian dual tends to, so the
 *   distance of our bound to it measures the ascent, and its distance to the plans measures the relaxation.</li>
 * </ul>
 * Every flow plan goes through the {@link PlanChecker}. Usage: {@code SchedulerBenchmark [highsSeconds] [seed]
 * [bays...]} (highsSeconds 0 skips HiGHS); run with {@code -Xmx1g} to check the memory target. {@code
 * SchedulerBenchmark anatomy ...} prints the gap anatomy instead ({@link GapAnatomy}), {@code SchedulerBenchmark quality
 * ...} the plan quality at 100 ms and 2 s against the best plan known ({@link PlanQuality}).
 */
public final class SchedulerBenchmark {

    private SchedulerBenchmark() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("anatomy")) {
            // ./swapflex bench scheduler anatomy [highsSeconds] [seed] [bays... | small]: the gap anatomy table
            GapAnatomy.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("quality")) {
            // ./swapflex bench scheduler quality [bestSeconds] [seed] [bays...]: plan quality against the budget
            PlanQuality.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        double highsSeconds = args.length > 0 ? Double.parseDouble(args[0]) : 60;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
        int[] ladder = {12, 21, 50, 100, 200, 400};
        if (args.length > 2) {
            ladder = new int[args.length - 2];
            for (int i = 2; i < args.length; i++) {
                ladder[i - 2] = Integer.parseInt(args[i]);
            }
        }
        System.out.printf(Locale.ROOT, "%-5s %-5s | %-10s %10s %10s %7s %6s %5s %6s %10s | %6s %5s | %-10s %10s %7s | "
                        + "%-9s %10s %10s %7s %6s %7s | %5s%n",
                "bays", "types", "flow", "total", "bound", "gap%", "ms", "check", "unsrv", "noSweep", "warmMs", "warm%",
                "refMIP", "total", "gap%", "HiGHS", "total", "bound", "gap%", "ms", "ours-H%", "heapM");
        for (int bays : ladder) {
            int types = StationGenerator.typesFor(bays);
            Problem problem = StationGenerator.generate(bays, types, seed);
            Duration limit = Duration.ofMillis(targetMillis(bays));
            double gapTarget = bays <= 21 ? 0.005 : 0.01;
            HeapPeak.reset();
            FlowScheduler flow = new FlowScheduler();
            Plan cold = flow.solve(problem, new SolveOptions(limit, gapTarget, null));
            long heapMb = HeapPeak.mib();
            CheckReport report = PlanChecker.check(problem, cold);
            // the same search without the swap-first start: what the construction adds
            Plan plain = new FlowScheduler(20261126L, FlowScheduler.PRIMAL_STEPS, FlowScheduler.BOUND_STEPS, false)
                    .solve(problem, new SolveOptions(limit, gapTarget, null));
            boolean plainChecked = PlanChecker.check(problem, plain).feasible();
            Problem event = BatteryEvent.apply(problem, 0, problem.packTypes().get(0).returnSoc());
            double warmGap = Math.max(gapTarget, cold.gap() == null ? gapTarget : Math.min(0.99, cold.gap()));
            Plan warm = flow.solve(event, new SolveOptions(limit, warmGap, cold));
            boolean warmChecked = PlanChecker.check(event, warm).feasible();
            Plan ref = new ReferenceMipScheduler().solve(problem, new SolveOptions(limit, gapTarget, null));
            HighsExactReference.Result highs = highsSeconds > 0 ? HighsExactReference.solve(problem, highsSeconds)
                    : new HighsExactReference.Result("skipped", Double.NaN, Double.NaN, 0);
            HighsReference.Result lp = highsSeconds > 0
                    ? HighsReference.relaxedLp(problem, FlowScheduler.boundSteps(FlowScheduler.BOUND_STEPS, problem.bays().size()), highsSeconds / 2)
                    : new HighsReference.Result("skipped", Double.NaN, Double.NaN, 0);
            double diff = 100 * (cold.objective().total() - highs.total()) / Math.max(1, Math.abs(highs.total()));
            System.out.printf(Locale.ROOT, "%-5d %-5d | %-10s %10.2f %10.2f %7.3f %6d %5s %6s %10.2f | %6d %5.0f | %-10s %10.2f "
                            + "%7s | %-9s %10.2f %10.2f %7.3f %6d %7.2f | %5d%n",
                    bays, types, cold.status(), cold.objective().total(), nan(cold.bound()), pct(cold.gap()),
                    cold.solveMillis(), report.feasible() && warmChecked && plainChecked ? "ok" : "FAIL",
                    cold.unservedTotal() + "/" + demand(problem), plain.objective().total(), warm.solveMillis(),
                    100.0 * warm.solveMillis() / Math.max(1, cold.solveMillis()), ref.status(),
                    ref.objective().total(), ref.gap() == null ? "-" : String.format(Locale.ROOT, "%.3f",
                            100 * ref.gap()), shortStatus(highs.status()), highs.total(), highs.bound(),
                    100 * (highs.total() - highs.bound()) / Math.max(1, Math.abs(highs.total())),
                    highs.millis(), diff, heapMb);
            System.out.printf(Locale.ROOT, "      HiGHS LP of the relaxed network (the best bound the dual can reach): %s %.2f"
                    + " in %d ms; our bound is %.3f %% of it%n", lp.status(), lp.objective(), lp.millis(),
                    100 * nan(cold.bound()) / lp.objective());
            if (!report.feasible()) {
                System.out.println("  checker: " + report.violations());
            }
        }
    }

    /** The time targets: 1 s up to 21 bays, 3 s at 100, 10 s at 400 (interpolated in between). */
    static long targetMillis(int bays) {
        return bays <= 21 ? 1000 : bays <= 50 ? 2000 : bays <= 100 ? 3000 : bays <= 200 ? 6000 : 10000;
    }

    /**
     * HiGHS's status words in the table's column: "Optimal", "Time limit reached" → "TIME_LIMIT", a child stopped
     * while still building or solving (its limit plus two minutes) → "STOPPED".
     */
    private static String shortStatus(String words) {
        String w = words.toLowerCase(Locale.ROOT);
        return w.startsWith("time limit") ? "TIME_LIMIT" : w.startsWith("stopped") ? "STOPPED"
                : words.length() > 9 ? words.substring(0, 9) : words;
    }

    static int demand(Problem problem) {
        int sum = 0;
        for (int[] row : problem.swapDemand().values()) {
            for (int d : row) {
                sum += d;
            }
        }
        return sum;
    }

    private static double pct(Double gap) {
        return gap == null ? Double.NaN : 100 * gap;
    }

    private static double nan(Double v) {
        return v == null ? Double.NaN : v;
    }
}
