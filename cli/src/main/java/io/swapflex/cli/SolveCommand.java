package io.swapflex.cli;

import io.swapflex.optimizer.Scheduler;
import io.swapflex.optimizer.SolveOptions;
import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.optimizer.contract.ProblemValidator;
import io.swapflex.optimizer.registry.Schedulers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code swapflex solve PROBLEM.json|- [-o PLAN.json] [--time-limit 30s | --work-limit 30s] [--gap 0.001]
 * [--solver NAME]}.
 */
@Command(name = "solve", mixinStandardHelpOptions = true,
        description = "Solve a problem document: the plan to standard output (or -o), a one-line summary to "
                + "standard error.")
final class SolveCommand extends Edge {

    @Parameters(paramLabel = "PROBLEM.json", description = "The problem (contract v1), or - for standard input.")
    String input;

    @Option(names = {"-o", "--output"}, paramLabel = "PLAN.json", description = "Write the plan here.")
    Path output;

    @Option(names = "--time-limit", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "The solve's time limit (e.g. 30s, 500ms, 2m), also a cap on its wall time. Without it and "
                    + "without --work-limit the solve does the default limit's work (30 s of the reference machine's), "
                    + "the same plan on any machine.")
    Duration timeLimit;

    @Option(names = "--work-limit", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Instead of a time limit, this much of the reference machine's work: the same plan on any "
                    + "machine and under any load, where a slower machine takes longer (a time limit also stops "
                    + "the search on the wall clock, and the summary says when that made the plan this machine's).")
    Duration workLimit;

    @Option(names = "--gap", paramLabel = "FRACTION", description = "Stop at this relative gap (e.g. 0.001).")
    Double gap;

    @Option(names = "--solver", paramLabel = "NAME", defaultValue = Schedulers.DEFAULT,
            description = "The scheduler (default ${DEFAULT-VALUE}; swapflex --help lists them).")
    String solver;

    @Override
    public Integer call() throws IOException {
        if (timeLimit != null && workLimit != null) {
            throw new IllegalArgumentException("--time-limit and --work-limit: give one of them, not both");
        }
        SolveOptions options = SolveOptions.defaults();
        if (timeLimit != null) {
            options = options.withTimeLimit(timeLimit);
        }
        if (workLimit != null) {
            options = options.withTimeLimit(workLimit);
        }
        if (gap != null) {
            options = options.withGapTarget(gap);
        }
        // no time limit asked for, none imposed: the default limit's work, so that the same problem gives the same
        // plan wherever it is solved; a time limit given is honoured on the wall clock
        Scheduler scheduler = timeLimit == null ? Schedulers.workLimited(solver) : Schedulers.byName(solver);
        Problem problem = ProblemValidator.requireValid(readProblem(input));
        Plan plan = scheduler.solve(problem, options);
        String json = ContractJson.write(plan) + "\n";
        if (output == null) {
            out().print(json);
        } else {
            Files.writeString(output, json, StandardCharsets.UTF_8);
        }
        err().println(PlanSummary.oneLine(plan));
        err().print(PlanSummary.economics(problem, plan));
        err().print(PlanSummary.reproducibility(scheduler));
        return Main.OK;
    }
}
