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
        description = "Solve an example station with 10 s of the reference machine's work (the same plan on any "
                + "machine) and print the plan summary and the checker's verdict.")
final class RunCommand extends Edge {

    @Parameters(arity = "0..1", paramLabel = "EXAMPLE", defaultValue = "thai-2w-12",
            description = "An example's name (default ${DEFAULT-VALUE}; swapflex example --list names them).")
    String name;

    @Override
    public Integer call() {
        Problem problem = ProblemValidator.requireValid(ContractJson.readProblem(Examples.json(name)));
        // a first look gives the same figures everywhere: a work limit, not a time limit (on a slower machine it takes
        // longer than 10 s; a fresh JVM's first seconds alone made the time limit's plan differ from run to run)
        Scheduler scheduler = Schedulers.workLimited(Schedulers.DEFAULT);
        Plan plan = scheduler.solve(problem, SolveOptions.defaults().withTimeLimit(Main.RUN_TIME_LIMIT));
        out().print(PlanSummary.describe(problem, plan));
        CheckReport report = PlanChecker.check(problem, plan);
        out().println("checker: " + (report.hardRulesMet() ? "every hard rule met" : "violations:\n" + report.summary()));
        return Main.OK;
    }
}
