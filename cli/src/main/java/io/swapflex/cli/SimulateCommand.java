package io.swapflex.cli;

import io.swapflex.simulation.ClosedLoopStudy;
import io.swapflex.simulation.Study;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code swapflex simulate STUDY.json|--example [-o OUT_DIR] [--days N] [--threads N] [--replan-ms N] [--no-ablation]}:
 * runs a closed-loop study ({@link ClosedLoopStudy}), prints the tables to {@code out}, progress to {@code err}, and
 * writes {@code summary.csv} and {@code daily.csv} into OUT_DIR (default {@code simulation-out}), and any plan the plan
 * checker rejected with its problem and warm start into OUT_DIR/rejected/. The options override
 * the study's fields. Exit code 0, or 1 when a plan the checker rejected was applied or did not list the rules it
 * broke (a scheduler bug; a TIME_LIMIT plan that lists them is only counted, and replaced).
 */
public final class SimulateCommand {

    public static final String USAGE =
            "simulate STUDY.json|--example [-o OUT_DIR] [--days N] [--threads N] [--replan-ms N] [--no-ablation]";

    private SimulateCommand() {
    }

    public static int run(String[] args, InputStream stdin, PrintStream out, PrintStream err) throws IOException {
        String input = null;
        Path outDir = Path.of("simulation-out");
        Integer days = null;
        Integer threads = null;
        Long replanMs = null;
        boolean ablation = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "-o", "--output" -> outDir = Path.of(value(args, ++i, "-o"));
                case "--days" -> days = Integer.parseInt(value(args, ++i, "--days"));
                case "--threads" -> threads = Integer.parseInt(value(args, ++i, "--threads"));
                case "--replan-ms" -> replanMs = Long.parseLong(value(args, ++i, "--replan-ms"));
                case "--no-ablation" -> ablation = false;
                default -> {
                    if (input != null) {
                        throw new IllegalArgumentException("one study only; usage: swapflex " + USAGE);
                    }
                    input = args[i];
                }
            }
        }
        if (input == null) {
            throw new IllegalArgumentException("usage: swapflex " + USAGE);
        }
        Study study;
        if (input.equals("--example")) {
            study = Study.example();
        } else if (input.equals("-")) {
            study = Study.read(stdin);
        } else {
            try (InputStream in = Files.newInputStream(Path.of(input))) {
                study = Study.read(in);
            }
        }
        study = study.with(days != null ? days : study.days(), threads != null ? threads : study.threads(),
                replanMs != null ? replanMs : study.replanTimeLimitMillis(), ablation && study.ablation())
                .withDefaults();
        long start = System.nanoTime();
        ClosedLoopStudy runner = new ClosedLoopStudy(study).keepRejected(outDir.resolve("rejected"));
        List<ClosedLoopStudy.Arm> arms = runner.run(err);
        double wall = (System.nanoTime() - start) / 1e9;
        out.print(runner.report(arms, wall));
        runner.writeCsv(arms, outDir);
        err.println("wrote " + outDir.resolve("summary.csv") + " and " + outDir.resolve("daily.csv"));
        int failures = arms.stream().mapToInt(a -> a.result().plans().unadmitted() + a.result().plans().appliedFailures())
                .sum();
        return failures == 0 ? 0 : 1;
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[i];
    }
}
