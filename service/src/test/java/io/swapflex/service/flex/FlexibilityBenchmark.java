package io.swapflex.service.flex;

import io.swapflex.datasets.examples.Examples;
import io.swapflex.optimizer.SolveOptions;
import io.swapflex.optimizer.check.PlanChecker;
import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.optimizer.flow.FlowScheduler;
import io.swapflex.optimizer.generate.StationGenerator;
import io.swapflex.optimizer.registry.AutoScheduler;
import io.swapflex.service.plan.Commitments;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Issue 15's flexibility target (≤ 2 s of CPU a station and plan version): the CPU time of the computing thread for
 * every clock-hour window of a station's day ({@link FlexibilityCalculator#allWindows}, as the service computes it per
 * plan version; the median of three after one that warms the JIT, and their range), the figures summed over the
 * windows, the probes, and the checker's verdict on every witness (re-checked outside the timed part); a line says so
 * if the figures differ between the computations (they are deterministic).
 *
 * <pre>
 *   ./swapflex bench flexibility [STEPS] [SEED] [STATIONS...]      STATIONS: example names or bay counts
 * </pre>
 * Default: 3 steps (the service's), the 21-bay example and generated stations of 50, 100, 200 and 400 bays of seed 1
 * ({@code StationGenerator.generate(bays, typesFor(bays), seed)}).
 * The current plan of each is the flow scheduler's on a 2 s work budget (deterministic: the same plan on any machine).
 * Set {@code swapflex.bench.plans} to a directory to keep the plans between runs (they are the same plans).
 */
public final class FlexibilityBenchmark {

    /** Measured computations per station (after one that warms the JIT): the median is printed. */
    private static final int RUNS = 3;

    private FlexibilityBenchmark() {
    }

    private static List<Double> figures(List<FlexibilityCalculator.Proven> proven) {
        return proven.stream().map(FlexibilityCalculator.Proven::exportKw).toList();
    }

    public static void main(String[] args) throws Exception {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
        List<String> stations = args.length > 2 ? List.of(args).subList(2, args.length)
                : List.of("mixed-2w3w-21", "50", "100", "200", "400");
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        FlexibilityCalculator calculator = new FlexibilityCalculator(steps);
        System.out.printf(Locale.ROOT, "flexibility, %s%n", calculator.describe());
        System.out.printf(Locale.ROOT, "%-16s %5s | %-17s | %10s | %7s %7s | %6s | %s%n", "station", "bays",
                "CPU s (range)",
                "kW summed", "windows", "offered", "probes", "witnesses");
        double cpuTotal = 0;
        for (String name : stations) {
            Problem problem = name.matches("\\d+") ? generated(Integer.parseInt(name), seed)
                    : ContractJson.readProblem(Examples.json(name));
            Plan current = plan(name.matches("\\d+") ? name + "-seed" + seed : name, problem);
            // one unmeasured computation warms the JIT on the station (the service's thread computes plan version after
            // plan version), then the median of three: the machine's other processes move single ones by up to a half
            List<FlexibilityCalculator.Proven> proven = calculator.allWindows(problem, current);
            double[] runs = new double[RUNS];
            boolean repeats = true;
            for (int r = 0; r < RUNS; r++) {
                long start = cpu.getCurrentThreadCpuTime();
                List<FlexibilityCalculator.Proven> again = calculator.allWindows(problem, current);
                runs[r] = (cpu.getCurrentThreadCpuTime() - start) / 1e9;
                repeats &= figures(again).equals(figures(proven));
            }
            Arrays.sort(runs);
            double seconds = runs[RUNS / 2];
            cpuTotal += seconds;
            double kw = 0;
            int offered = 0;
            int probes = 0;
            int passed = 0;
            for (FlexibilityCalculator.Proven p : proven) {
                kw += p.exportKw();
                probes += p.solves();
                if (p.exportKw() > 0) {
                    offered++;
                    Problem firm = Commitments.addOnTop(problem, FlexibilityCalculator.PROBE_ID, p.fromSlot(),
                            p.toSlot(), p.exportKw(), 0.0, true);
                    boolean ok = PlanChecker.check(firm, p.witness()).hardRulesMet()
                            && p.witness().unservedTotal() <= current.unservedTotal();
                    passed += ok ? 1 : 0;
                }
            }
            System.out.printf(Locale.ROOT, "%-16s %5d | %5.2f (%.2f–%.2f) | %10.1f | %7d %7d | %6d | %d/%d pass the checker%s%n",
                    name, problem.bays().size(), seconds, runs[0], runs[RUNS - 1], kw, proven.size(), offered, probes,
                    passed, offered, repeats ? "" : "; FIGURES DIFFER between runs");
        }
        System.out.printf(Locale.ROOT, "CPU summed (medians): %.2f s%n", cpuTotal);
    }

    private static Problem generated(int bays, long seed) {
        return StationGenerator.generate(bays, StationGenerator.typesFor(bays), seed);
    }

    /** The station's current plan: the flow scheduler on a 2 s work budget (kept in swapflex.bench.plans if set). */
    private static Plan plan(String name, Problem problem) throws Exception {
        String dir = System.getProperty("swapflex.bench.plans");
        Path file = dir == null ? null : Path.of(dir, name + ".plan.json");
        if (file != null && Files.exists(file)) {
            return ContractJson.readPlan(Files.readString(file));
        }
        Plan plan = FlowScheduler.workBudget(AutoScheduler.SEED).solve(problem,
                new SolveOptions(Duration.ofSeconds(2), SolveOptions.DEFAULT_GAP, null));
        if (file != null) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, ContractJson.write(plan));
        }
        return plan;
    }
}
