package io.swapflex.optimizer.flow;

import io.swapflex.optimizer.SolveOptions;
import io.swapflex.optimizer.check.PlanChecker;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.optimizer.generate.StationGenerator;
import io.swapflex.optimizer.registry.AutoScheduler;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bundle step alone on functions whose maximum is known, and as the dual's step on a ladder station. */
class ProximalBundleTest {

    /** f(x) = min(x₀ + 1, 3 − x₀, x₁ + 2, 4 − 2x₁), x₁ ≥ 0: the maximum is 2, at x₀ = 1 and any x₁ in [0, 1]. */
    private static double f(double[] x, double[] g) {
        double[] values = {x[0] + 1, 3 - x[0], x[1] + 2, 4 - 2 * x[1]};
        double[][] grads = {{1, 0}, {-1, 0}, {0, 1}, {0, -2}};
        int arg = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] < values[arg]) {
                arg = i;
            }
        }
        g[0] = grads[arg][0];
        g[1] = grads[arg][1];
        return values[arg];
    }

    @Test
    void climbsAPiecewiseLinearFunctionToItsMaximum() {
        ProximalBundle bundle = new ProximalBundle(new double[]{1, 1}, new boolean[]{false, true});
        double[] x = {-5, 3};
        double best = Double.NEGATIVE_INFINITY;
        for (int step = 0; step < 300; step++) {
            double[] g = new double[2];
            double value = f(x, g);
            best = Math.max(best, value);
            double[] next = x.clone();
            if (bundle.step(x.clone(), g, value, 1.0, 2.0, next) == null) {
                break;
            }
            assertTrue(next[1] >= 0, "a multiplier bounded by 0 stays at or above it");
            x = next;
        }
        assertEquals(2.0, best, 1e-6);
    }

    /** At a bounded multiplier's 0 with a subgradient pointing below it, the cut has no feasible ascent: no step. */
    @Test
    void stopsWhereTheOnlyAscentLeavesTheFeasibleSet() {
        ProximalBundle bundle = new ProximalBundle(new double[]{1}, new boolean[]{true});
        double[] next = {0};
        assertNull(bundle.step(new double[]{0}, new double[]{-1}, 1.0, 1.0, 5.0, next));
        assertArrayEquals(new double[]{0}, next);
    }

    /**
     * The 100-bay ladder station of seed 2, coarse levels, aimed at a checked 100 ms plan's total (a short solve, which
     * keeps the volume algorithm): 300 volume steps (the solve's before its first plan) then 2,700 bundle steps end at
     * least 1 % above 2,700 more volume steps (7,873 against 7,734 THB), and below the plan.
     */
    @Test
    void bundleStepsClimbAboveTheVolumeAlgorithmOnALadderStation() {
        Problem problem = StationGenerator.generate(100, StationGenerator.typesFor(100), 2);
        double total = checkedShortPlanTotal(problem);
        StationModel model = new StationModel(problem);
        LagrangianDual volume = new LagrangianDual(model, FlowScheduler.COARSE_BOUND_STEPS);
        LagrangianDual bundled = new LagrangianDual(model, FlowScheduler.COARSE_BOUND_STEPS, true);
        for (int i = 0; i < 3000; i++) {
            volume.step(total);
            bundled.step(total, i >= 300);
        }
        assertTrue(bundled.bestValue >= 1.01 * volume.bestValue,
                "bundle " + bundled.bestValue + " against volume " + volume.bestValue);
        assertTrue(bundled.bestValue <= total + 1e-6, "weak duality: " + bundled.bestValue + " above " + total);
    }

    /**
     * A bound phase ({@link SearchLoop#BOUND_PHASE_SHARE}) on the 50-bay ladder station of seed 2, the firm evening
     * request's trap: on its fine lattice, from the point 2,000 volume steps reach, 2,000 bundle steps end at least 4 %
     * above 2,000 more volume steps (about 5,300 against 5,050 THB), and below a checked plan.
     */
    @Test
    void aBoundPhaseClimbsWhereTheVolumeAlgorithmStalls() {
        Problem problem = StationGenerator.generate(50, StationGenerator.typesFor(50), 2);
        double total = checkedShortPlanTotal(problem);
        StationModel model = new StationModel(problem);
        int levels = FlowScheduler.boundSteps(FlowScheduler.BOUND_STEPS, model.bayCount());
        LagrangianDual volume = new LagrangianDual(model, levels);
        LagrangianDual phased = new LagrangianDual(model, levels);
        for (int i = 0; i < 2000; i++) {
            volume.step(total);
            phased.step(total);
        }
        assertEquals(volume.bestValue, phased.bestValue, 0.0, "the same steps so far");
        phased.bundleFromHere();
        for (int i = 0; i < 2000; i++) {
            volume.step(total);
            phased.step(total);
        }
        assertTrue(phased.bestValue >= 1.04 * volume.bestValue,
                "bound phase " + phased.bestValue + " against volume " + volume.bestValue);
        assertTrue(phased.bestValue <= total + 1e-6, "weak duality: " + phased.bestValue + " above " + total);
    }

    /** The total of the default scheduler's 100 ms plan (its work budget), through the checker: a dual's target. */
    private static double checkedShortPlanTotal(Problem problem) {
        Plan plan = FlowScheduler.workBudget(AutoScheduler.SEED).solve(problem,
                new SolveOptions(Duration.ofMillis(100), SolveOptions.DEFAULT_GAP, null));
        assertTrue(PlanChecker.check(problem, plan).feasible(), "the plan passes the checker");
        return plan.objective().total();
    }
}
