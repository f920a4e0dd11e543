package io.swapflex.cli;

import io.swapflex.datasets.examples.Examples;
import io.swapflex.optimizer.Scheduler;
import io.swapflex.optimizer.SolveOptions;
import io.swapflex.optimizer.check.CheckReport;
import io.swapflex.optimizer.check.PlanChecker;
import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.optimizer.contract.ProblemValidator;
import io.swapflex.optimizer.registry.Schedulers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code swapflex run [EXAMPLE]}: the first look. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Solve an example station for 10 s and print the plan summary and the checker's verdict.")
final class RunCommand extends Edge {

    @Parameters(arity = "0..1", paramLabel = "EXAMPLE", defaultValue = "thai-2w-12",
            description = "An example's name (default ${DEFAULT-VALUE}; swapflex example --list names them).")
    String name;

    @Override
    public Integer call() {
        Problem problem = ProblemValidator.requireValid(ContractJson.readProblem(Examples.json(name)));
        Scheduler scheduler = Schedulers.byName(Schedulers.DEFAULT);
        Plan plan = scheduler.solve(problem, SolveOptions.defaults().withTimeLimit(Main.RUN_TIME_LIMIT));
        out().print(PlanSummary.describe(problem, plan));
        out().print(PlanSummary.reproducibility(scheduler));
        CheckReport report = PlanChecker.check(problem, plan);
        out().println("checker: " + (report.hardRulesMet() ? "every hard rule met" : "violations:\n" + report.summary()));
        return Main.OK;
    }
}
