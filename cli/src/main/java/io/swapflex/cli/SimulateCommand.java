package io.swapflex.cli;

import io.swapflex.simulation.ClosedLoopStudy;
import io.swapflex.simulation.SimulationStudy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code swapflex simulate STUDY.json|--example [-o OUT_DIR] [--days N] [--policy ARM[,ARM...]] [--threads N]
 * [--replan-ms N] [--pf-ms N] [--deterministic] [--no-ablation]}:
 * runs a closed-loop study ({@link ClosedLoopStudy}), prints the tables to {@code out}, progress to {@code err}, and
 * writes {@code summary.csv} and {@code daily.csv} into OUT_DIR (default {@code simulation-out}), and any plan the plan
 * checker rejected with its problem and warm start into OUT_DIR/rejected/. The options override
 * the study's fields. Exit code 0, or 1 when a plan the checker rejected was applied or did not list the rules it
 * broke (a scheduler bug; a TIME_LIMIT plan that lists them is only counted, and replaced).
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Closed-loop simulation: the planner against rule-based baselines on realised days. The tables "
                + "go to standard output, progress to standard error; summary.csv and daily.csv to OUT_DIR, and any "
                + "plan the checker rejected (with its problem and warm start) to OUT_DIR/rejected/.",
                "The options override the study's fields. Exit 1 when a plan the checker rejected was applied or did "
                        + "not list the rules it broke."})
final class SimulateCommand extends Edge {

    @Parameters(arity = "0..1", paramLabel = "STUDY.json", description = "The study, or - for standard input.")
    String input;

    @Option(names = "--example", description = "The example study (" + SimulationStudy.EXAMPLE_RESOURCE + ").")
    boolean example;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT_DIR", defaultValue = "simulation-out",
            description = "Where the files go (default ${DEFAULT-VALUE}).")
    Path outDir;

    @Option(names = "--days", paramLabel = "N", converter = PositiveInt.class, description = "Days to simulate.")
    Integer days;

    @Option(names = "--policy", paramLabel = "ARM", split = ",", converter = ArmName.class,
            description = "Only these arms, comma-separated, of: policy, scenario, reserve, defer, typed, fall, "
                    + "saa, charge-asap, price-threshold, perfect-foresight (that one always runs: it is the reference "
                    + "of the vs-PF column; defer, typed, fall and saa run only when named here).")
    List<String> policies;

    @Option(names = "--threads", paramLabel = "N", converter = PositiveInt.class, description = "Arms at once.")
    Integer threads;

    @Option(names = "--replan-ms", paramLabel = "MS", description = "Each re-plan's time limit in milliseconds.")
    Long replanMs;

    @Option(names = "--pf-ms", paramLabel = "MS", converter = PositiveInt.class,
            description = "Each perfect-foresight day block's time limit in milliseconds.")
    Integer pfMs;

    @Option(names = "--deterministic", description = "Deterministic solves: the time limits are work budgets (the "
            + "same results whatever the machine's load; smaller budgets, shorter runs).")
    boolean deterministic;

    @Option(names = "--no-ablation", description = "Leave out the ablation arms.")
    boolean noAblation;

    @Override
    public Integer call() throws IOException {
        PrintStream out = out();
        PrintStream err = err();
        if (example == (input != null)) {
            throw new IllegalArgumentException("simulate needs one study: STUDY.json, - or --example");
        }
        boolean ablation = !noAblation;
        SimulationStudy study;
        if (example) {
            study = SimulationStudy.example();
        } else if (input.equals("-")) {
            study = SimulationStudy.read(in());
        } else {
            try (InputStream in = Files.newInputStream(Path.of(input))) {
                study = SimulationStudy.read(in);
            }
        }
        study = study.with(days != null ? days : study.days(), threads != null ? threads : study.threads(),
                replanMs != null ? replanMs : study.replanTimeLimitMillis(), ablation && study.ablation())
                .withSolves(pfMs == null ? null : pfMs.longValue(), deterministic ? Boolean.TRUE : null)
                .withDefaults();
        long start = System.nanoTime();
        ClosedLoopStudy runner = new ClosedLoopStudy(study).keepRejected(outDir.resolve("rejected"));
        if (policies != null) {
            Set<String> arms = new LinkedHashSet<>(policies);
            arms.add("perfect-foresight");
            runner.only(arms);
        }
        List<ClosedLoopStudy.Arm> arms = runner.run(err);
        double wall = (System.nanoTime() - start) / 1e9;
        out.print(runner.report(arms, wall));
        runner.writeCsv(arms, outDir);
        err.println("wrote " + outDir.resolve("summary.csv") + " and " + outDir.resolve("daily.csv"));
        int failures = arms.stream().mapToInt(a -> a.result().plans().unadmitted() + a.result().plans().appliedFailures())
                .sum();
        return failures == 0 ? 0 : 1;
    }

}
