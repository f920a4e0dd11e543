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

/** {@code swapflex solve PROBLEM.json|- [-o PLAN.json] [--time-limit 30s] [--gap 0.001] [--solver NAME]}. */
@Command(name = "solve", mixinStandardHelpOptions = true,
        description = "Solve a problem document: the plan to standard output (or -o), a one-line summary to "
                + "standard error.")
final class SolveCommand extends Edge {

    @Parameters(paramLabel = "PROBLEM.json", description = "The problem (contract v1), or - for standard input.")
    String input;

    @Option(names = {"-o", "--output"}, paramLabel = "PLAN.json", description = "Write the plan here.")
    Path output;

    @Option(names = "--time-limit", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "The solve's time limit (e.g. 30s, 500ms, 2m; the solver's default without it).")
    Duration timeLimit;

    @Option(names = "--gap", paramLabel = "FRACTION", description = "Stop at this relative gap (e.g. 0.001).")
    Double gap;

    @Option(names = "--solver", paramLabel = "NAME", defaultValue = Schedulers.DEFAULT,
            description = "The scheduler (default ${DEFAULT-VALUE}; swapflex --help lists them).")
    String solver;

    @Override
    public Integer call() throws IOException {
        SolveOptions options = SolveOptions.defaults();
        if (timeLimit != null) {
            options = options.withTimeLimit(timeLimit);
        }
        if (gap != null) {
            options = options.withGapTarget(gap);
        }
        Scheduler scheduler = Schedulers.byName(solver);
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
        return Main.OK;
    }
}
