package io.swapflex.cli;

import com.hazelcast.core.HazelcastInstance;
import io.swapflex.cluster.ClusterMembers;
import io.swapflex.cluster.ClusterStationSolver;
import io.swapflex.optimizer.check.fleet.FleetChecker;
import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.fleet.FleetPlan;
import io.swapflex.optimizer.fleet.FleetPlanner;
import io.swapflex.optimizer.fleet.FleetProblem;
import io.swapflex.optimizer.fleet.FleetValidator;
import io.swapflex.optimizer.fleet.StationSolver;
import io.swapflex.optimizer.flow.FlowScheduler;
import io.swapflex.optimizer.generate.FleetGenerator;
import io.swapflex.studies.report.CsvTable;
import io.swapflex.studies.whatif.Kpis;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * {@code swapflex fleet}: plans a fleet problem (or writes a generated one). The plans go to a directory: one
 * contract-v1 plan per station, {@code fleet-plan.json} (the fleet's figures and its rows, without the station plans)
 * and {@code stations.csv}; a summary goes to stdout, and the independent fleet checker's verdict with it.
 */
@Command(name = "fleet", mixinStandardHelpOptions = true,
        description = {"Plan a fleet (stations, feeders, fleet requests): a plan per station, fleet-plan.json and "
                + "stations.csv in DIR, a summary and the fleet checker's verdict on standard output.",
                "Or, with --generate N, write a generated fleet of N stations (8-50 bays, feeders, an evening request)."})
final class FleetCommand extends Edge {

    @Parameters(arity = "0..1", paramLabel = "FLEET.json", description = "The fleet problem, or - for standard input.")
    String input;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR",
            description = "Write the plans here (with --generate: the fleet file).")
    String output;

    @Option(names = "--time-limit", paramLabel = "DURATION", defaultValue = "60s", converter = DurationConverter.class,
            description = "The fleet's time limit (default ${DEFAULT-VALUE}).")
    Duration limit;

    @Option(names = "--deterministic", description = "The time limit is a work budget on one core, and the plans "
            + "the same on any number of threads or members (implied by --cluster and --cluster-members).")
    boolean deterministic;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", converter = PositiveInt.class,
            description = "The deterministic solves' seed, or the generator's (default ${DEFAULT-VALUE}).")
    int seed;

    @Option(names = "--generate", paramLabel = "N", converter = PositiveInt.class,
            description = "Write a generated fleet of N stations instead of planning one.")
    Integer generate;

    @Mixin
    ClusterOptions cluster;

    @Override
    public Integer call() throws IOException {
        PrintStream out = out();
        PrintStream err = err();
        boolean deterministic = this.deterministic;
        if (generate != null) {
            String json = ContractJson.write(FleetGenerator.generate(generate, seed)) + "\n";
            if (output == null) {
                out.print(json);
            } else {
                Files.writeString(Path.of(output), json, StandardCharsets.UTF_8);
                err.println("wrote a fleet of " + generate + " stations to " + output);
            }
            return Main.OK;
        }
        if (input == null) {
            throw new IllegalArgumentException("fleet needs a fleet file, - for standard input, or --generate N");
        }
        FleetProblem fleet = ContractJson.read(read(input), FleetProblem.class);
        cluster.validate();
        FleetValidator.requireValid(fleet);
        int bays = fleet.stations().stream().mapToInt(p -> p.bays().size()).sum();
        boolean spread = cluster.spread();
        deterministic |= spread; // a cluster's plans are the single machine's only when every solve is deterministic
        // members started here share this machine's cores; a member of its own has them all
        int threads = cluster.threads(Runtime.getRuntime().availableProcessors());
        err.printf(Locale.ROOT, "planning %d stations (%d bays), %d feeders, %d fleet requests, %s%n",
                fleet.stations().size(), bays, fleet.feederList().size(), fleet.requestList().size(),
                deterministic ? String.format(Locale.ROOT, "deterministic (seed %d): a work budget of %s on one core",
                        seed, seconds(limit)) : seconds(limit) + " on " + threads + " threads");
        long start = System.nanoTime();
        FleetPlan plan;
        if (!spread) {
            plan = (deterministic ? FleetPlanner.deterministic(StationSolver.deterministic(seed, threads), false)
                    : new FleetPlanner(new FlowScheduler(), threads)).plan(fleet, limit);
        } else {
            List<HazelcastInstance> members = cluster.startOrJoin(threads);
            try {
                err.printf(Locale.ROOT, "on a cluster of %d members (up in %.1f s), %d solves at once on each%n",
                        members.get(0).getCluster().getMembers().size(), (System.nanoTime() - start) / 1e9,
                        threads);
                ClusterStationSolver solver = new ClusterStationSolver(members.get(0), seed, threads);
                plan = FleetPlanner.deterministic(solver, false).plan(fleet, limit);
                err.println(solver.stats().describe());
            } finally {
                ClusterMembers.shutdown(members);
            }
        }
        long planned = System.nanoTime();
        List<String> found = FleetChecker.check(fleet, plan);
        err.printf(Locale.ROOT, "planned in %.1f s, checked in %.2f s%n", plan.solveMillis() / 1000.0,
                (System.nanoTime() - planned) / 1e9);
        if (output != null) {
            write(Path.of(output), plan);
        }
        out.print(summary(fleet, plan, found));
        return Main.OK;
    }

    static String summary(FleetProblem fleet, FleetPlan plan, List<String> found) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "fleet %s: %s, %d stations, total %.2f, bound %s, gap %s, %.1f s, %d price"
                        + " rounds%n", plan.fleetId(), plan.status(), plan.stations().size(), plan.total(),
                plan.bound() == null ? "none" : String.format(Locale.ROOT, "%.2f", plan.bound()),
                plan.gap() == null ? "none" : String.format(Locale.ROOT, "%.2f %%", 100 * plan.gap()),
                plan.solveMillis() / 1000.0, plan.priceRounds()));
        Kpis figures = Kpis.of(fleet, plan, "fleet"); // the same figures a what-if study of the fleet reports
        s.append(String.format(Locale.ROOT, "swaps: %d demanded, %d unserved%n", figures.swapsDemanded(),
                figures.swapsUnserved()));
        for (FleetPlan.Coupling c : plan.coupling()) {
            // the slot closest to its limit (or beyond it), and the highest price the rounds gave the row
            boolean request = c.kind().equals("REQUEST");
            int worst = 0;
            double price = 0;
            for (int i = 0; i < c.valueKw().length; i++) {
                double slack = request ? c.valueKw()[i] - c.limitKw()[i] : c.limitKw()[i] - c.valueKw()[i];
                double worstSlack = request ? c.valueKw()[worst] - c.limitKw()[worst]
                        : c.limitKw()[worst] - c.valueKw()[worst];
                worst = slack < worstSlack ? i : worst;
                price = Math.max(price, c.priceMultiplier()[i]);
            }
            s.append(String.format(Locale.ROOT, "  %-24s %-13s tightest slot %3d: %9.1f kW of %9.1f kW  price %.3f/kWh%n",
                    c.id(), c.kind(), c.fromSlot() + worst, c.valueKw()[worst], c.limitKw()[worst], price));
        }
        for (String v : plan.violations()) {
            s.append("violation: ").append(v).append('\n');
        }
        s.append("fleet checker: ").append(found.isEmpty() ? "every station plan and every fleet row checked"
                : found.size() + " findings\n  " + String.join("\n  ", found.subList(0, Math.min(20, found.size()))))
                .append('\n');
        return s.toString();
    }

    private static void write(Path dir, FleetPlan plan) throws IOException {
        Files.createDirectories(dir);
        CsvTable csv = new CsvTable(List.of("station", "status", "total", "bound", "gap", "import_cost",
                "export_revenue", "unserved_penalty"));
        for (Plan p : plan.stations()) {
            Files.writeString(dir.resolve(p.stationId() + ".plan.json"), ContractJson.write(p) + "\n",
                    StandardCharsets.UTF_8);
            csv.row(List.of(p.stationId(), p.status().toString(), fixed4(p.objective().total()),
                    p.bound() == null ? "" : p.bound().toString(), p.gap() == null ? "" : p.gap().toString(),
                    fixed4(p.objective().importCost()), fixed4(p.objective().exportRevenue()),
                    fixed4(p.objective().unservedSwapPenalty())));
        }
        Files.writeString(dir.resolve("stations.csv"), csv.write(), StandardCharsets.UTF_8);
        FleetPlan figures = new FleetPlan(plan.formatVersion(), plan.fleetId(), plan.status(), plan.total(),
                plan.bound(), plan.gap(), plan.solveMillis(), plan.priceRounds(), plan.coupling(), List.of(),
                plan.violations());
        Files.writeString(dir.resolve("fleet-plan.json"), ContractJson.write(figures) + "\n", StandardCharsets.UTF_8);
    }

    private static String fixed4(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.3g s", d.toMillis() / 1000.0);
    }
}
