package io.swapflex.optimizer.reference;

import io.swapflex.optimizer.Problems;
import io.swapflex.optimizer.SolveOptions;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.contract.PlanStatus;
import io.swapflex.optimizer.contract.Problem;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The benchmark's independent reference (HiGHS in a child JVM, its log read) agrees with our proven optimum. */
class HighsExactReferenceTest {

    @Test
    void highsFindsTheReferenceOptimumOfOneBayOverADay() {
        Problem problem = Problems.random(2, 1, 24);
        Plan ours = new ReferenceMipScheduler().solve(problem, new SolveOptions(Duration.ofSeconds(60), 0.0, null));
        assertEquals(PlanStatus.OPTIMAL, ours.status());
        HighsExactReference.Result highs = HighsExactReference.solve(problem, 30);
        assertTrue(highs.status().toLowerCase().startsWith("optimal"), highs.status());
        double tol = 1e-4 * Math.max(1, Math.abs(ours.objective().total()));
        assertEquals(ours.objective().total(), highs.total(), tol, "HiGHS's optimum vs ours");
        assertEquals(ours.objective().total(), highs.bound(), tol, "HiGHS's bound at its optimum");
    }

    @Test
    void aLogWithoutAPlanGivesNoTotal() {
        String log = "constant -3.0\nSolving report\n  Status            Time limit reached\n"
                + "  Primal bound      inf\n  Dual bound        1107.5\n";
        HighsExactReference.Result r = HighsExactReference.parse(log, 5);
        assertEquals("Time limit reached", r.status());
        assertTrue(Double.isNaN(r.total()));
        assertEquals(1104.5, r.bound(), 1e-9);
    }
}
