package io.swapflex.cli;

import io.swapflex.optimizer.check.CheckReport;
import io.swapflex.optimizer.check.PlanChecker;
import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.optimizer.contract.ProblemValidator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;

/** {@code swapflex check PROBLEM.json PLAN.json}: the independent checker's verdict. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Check a plan against its problem: print ok, or each violation. Exit 0 only when the plan is "
                + "feasible, 1 when it is not.")
final class CheckCommand extends Edge {

    @Parameters(index = "0", paramLabel = "PROBLEM.json", description = "The problem (contract v1).")
    String problemFile;

    @Parameters(index = "1", paramLabel = "PLAN.json", description = "The plan, or - for standard input.")
    String planFile;

    @Override
    public Integer call() throws IOException {
        Problem problem = ProblemValidator.requireValid(readProblem(problemFile));
        Plan plan = ContractJson.readPlan(read(planFile));
        CheckReport report = PlanChecker.check(problem, plan);
        out().println(report.feasible() ? "ok" : report.summary());
        return report.feasible() ? Main.OK : Main.FAILED;
    }
}
