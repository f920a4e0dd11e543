package io.swapflex.cluster;

import com.hazelcast.core.HazelcastInstance;
import io.swapflex.optimizer.check.fleet.FleetChecker;
import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.optimizer.fleet.FleetPlan;
import io.swapflex.optimizer.fleet.FleetPlanner;
import io.swapflex.optimizer.fleet.FleetProblem;
import io.swapflex.optimizer.fleet.StationSolver;
import io.swapflex.optimizer.generate.FleetGenerator;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * How a deterministic fleet plan scales over threads and Hazelcast members, as a table. Arguments:
 * {@code [MS_PER_STATION] [SEED] [STATIONS…]} (default 150 ms, seed 1, 100 and 300 stations). Each generated fleet
 * ({@link FleetGenerator}) is planned with a one-core work budget of {@code MS_PER_STATION × stations}
 * ({@link FleetPlanner#deterministic}) on: 1 thread, 2 threads, and 1, 2 and 3 Hazelcast members started in this JVM
 * on 127.0.0.1 (one solve at a time on each). Per row: the wall time of the plan, the station solves' wall time summed
 * and per solve, their CPU time per solve (what a solve costs whatever else the machine runs: the figure to
 * extrapolate from), on a cluster the JSON (both sides), transport time and JSON size per task, the fleet checker's
 * time on the coordinator, whether the fleet plan is the 1-thread plan to the byte (but the wall times), and the
 * machine's load average. A warm-up fleet of
 * ten stations goes first, on one machine and on the cluster, so that no row pays for the JIT alone.
 *
 * <p>Run: {@code ./mvnw -q -B -ntp -pl service -am test-compile dependency:build-classpath
 * -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test} then
 * {@code java -Xmx3g -cp service/target/test-classes:service/target/classes:$(cat service/target/bench-classpath.txt)
 * io.swapflex.cluster.FleetClusterBenchmark 150 1 100 300}.
 */
public final class FleetClusterBenchmark {

    private FleetClusterBenchmark() {
    }

    private record Row(double wallS, long solves, double solveS, double cpuS, double jsonMs, double transportMs,
                       double kbPerTask, double checkS, FleetPlan plan, String members) {
    }

    public static void main(String[] args) throws Exception {
        long perStation = args.length > 0 ? Long.parseLong(args[0]) : 150;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
        int[] sizes = {100, 300};
        if (args.length > 2) {
            sizes = new int[args.length - 2];
            for (int i = 2; i < args.length; i++) {
                sizes[i - 2] = Integer.parseInt(args[i]);
            }
        }
        System.out.printf(Locale.ROOT, "fleet cluster benchmark: %d ms per station (one core), seed %d, %d cores, "
                + "heap max %d MiB, load average %s%n", perStation, seed, Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, load());
        FleetProblem warmFleet = FleetGenerator.generate(10, seed + 1000);
        Duration warmBudget = Duration.ofMillis(10 * perStation);
        FleetPlanner.deterministic(StationSolver.deterministic(seed, 2), false).plan(warmFleet, warmBudget);
        System.out.printf(Locale.ROOT, "%-8s %-6s %-18s %7s %6s %8s %8s %8s %7s %7s %7s %7s %5s %11s %7s %5s%n",
                "stations", "bays", "how", "wall s", "solves", "solve s", "ms/solve", "CPU ms", "JSON ms", "trans ms",
                "kB/task", "check s", "same", "total", "gap %", "load");
        for (int n : sizes) {
            FleetProblem fleet = FleetGenerator.generate(n, seed);
            int bays = fleet.stations().stream().mapToInt(p -> p.bays().size()).sum();
            Duration budget = Duration.ofMillis(perStation * n);
            String reference = null;
            for (String how : List.of("1 thread", "2 threads", "cluster 1 member", "cluster 2 members",
                    "cluster 3 members")) {
                Row row = how.startsWith("cluster") ? cluster(fleet, budget, seed, how.charAt(8) - '0', warmFleet,
                        warmBudget) : local(fleet, budget, seed, how.charAt(0) - '0');
                String json = ContractJson.write(row.plan()).replaceAll("\"solveMillis\" : \\d+", "");
                reference = reference == null ? json : reference;
                System.out.printf(Locale.ROOT, "%-8d %-6d %-18s %7.1f %6d %8.1f %8.1f %8.1f %7s %7s %7s %7.2f %5s "
                                + "%11.1f %7.2f %5s%n", n, bays, how, row.wallS(), row.solves(), row.solveS(),
                        1000 * row.solveS() / Math.max(1, row.solves()), 1000 * row.cpuS() / Math.max(1, row.solves()),
                        dash(row.jsonMs()), dash(row.transportMs()), dash(row.kbPerTask()), row.checkS(),
                        reference.equals(json) ? "yes" : "NO", row.plan().total(),
                        row.plan().gap() == null ? Double.NaN : 100 * row.plan().gap(), load());
                if (row.members() != null) {
                    System.out.println("         solves per member: " + row.members());
                }
            }
        }
    }

    private static String dash(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f", v);
    }

    /** The machine's 1-minute load average (other processes compete for the cores: it says how much). */
    private static String load() throws java.io.IOException {
        return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
    }

    private static Row local(FleetProblem fleet, Duration budget, long seed, int threads) {
        StationSolver.Local solver = StationSolver.deterministic(seed, threads);
        long t0 = System.nanoTime();
        FleetPlan plan = FleetPlanner.deterministic(solver, false).plan(fleet, budget);
        long t1 = System.nanoTime();
        return new Row((t1 - t0) / 1e9, solver.solves(), solver.solveNanos() / 1e9, solver.cpuNanos() / 1e9,
                Double.NaN, Double.NaN, Double.NaN, checkSeconds(fleet, plan), plan, null);
    }

    /** The fleet checker's time on the plan; a finding stops the benchmark (a plan that fails is no result). */
    private static double checkSeconds(FleetProblem fleet, FleetPlan plan) {
        long t0 = System.nanoTime();
        List<String> found = FleetChecker.check(fleet, plan);
        long t1 = System.nanoTime();
        if (!found.isEmpty()) {
            throw new IllegalStateException("the fleet checker found " + found.subList(0, Math.min(5, found.size())));
        }
        return (t1 - t0) / 1e9;
    }

    private static Row cluster(FleetProblem fleet, Duration budget, long seed, int size, FleetProblem warmFleet,
                               Duration warmBudget) {
        List<HazelcastInstance> members = ClusterMembers.startLocal(size, "swapflex-bench-" + UUID.randomUUID(), 1,
                Duration.ofSeconds(60));
        try {
            FleetPlanner.deterministic(new ClusterStationSolver(members.get(0), seed, 1), false)
                    .plan(warmFleet, warmBudget);
            ClusterStationSolver solver = new ClusterStationSolver(members.get(0), seed, 1);
            long t0 = System.nanoTime();
            FleetPlan plan = FleetPlanner.deterministic(solver, false).plan(fleet, budget);
            long t1 = System.nanoTime();
            double check = checkSeconds(fleet, plan);
            ClusterStationSolver.Stats s = solver.stats();
            double per = Math.max(1, s.tasks());
            return new Row((t1 - t0) / 1e9, s.tasks(), s.solveNanos() / 1e9, s.cpuNanos() / 1e9,
                    s.codecNanos() / per / 1e6, s.transportNanos() / per / 1e6, s.jsonCharsPerTask() / 1e3,
                    check, plan, s.perMember().values().toString());
        } finally {
            ClusterMembers.shutdown(members);
        }
    }
}
