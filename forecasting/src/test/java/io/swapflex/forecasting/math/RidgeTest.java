package io.swapflex.forecasting.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RidgeTest {

    @Test
    void recoversALinearModelAndGivesHonestLeaveOneOutResiduals() {
        Random rng = new Random(7);
        int n = 400;
        double[][] x = new double[n][3];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i][0] = rng.nextGaussian();
            x[i][1] = 10 * rng.nextGaussian();
            x[i][2] = 5; // constant column: must not break the fit
            y[i] = 3 + 2 * x[i][0] - 0.5 * x[i][1] + 0.1 * rng.nextGaussian();
        }
        Ridge.Fit fit = Ridge.fitGcv(x, y);
        assertEquals(2, fit.coefficients()[0], 0.02);
        assertEquals(-0.5, fit.coefficients()[1], 0.002);
        assertEquals(0, fit.coefficients()[2], 1e-9);
        assertEquals(3, fit.predict(new double[] {0, 0, 5}), 0.02);
        double ss = 0;
        for (double r : fit.looResiduals()) {
            ss += r * r;
        }
        // noise sd is 0.1: leave-one-out RMS must be close to it, not far below (overfit) or above
        double rms = Math.sqrt(ss / n);
        assertTrue(rms > 0.09 && rms < 0.115, "LOO RMS " + rms);
    }

    @Test
    void weightsDecideWhichRowsTheFitFollowsAndLeaveOneOutMatchesARefit() {
        // two regimes: y = 1 + x on the first half, y = 5 + x on the second; weighting one half follows that half
        Random rng = new Random(3);
        int n = 200;
        double[][] x = new double[n][1];
        double[] y = new double[n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            x[i][0] = rng.nextGaussian();
            y[i] = (i < n / 2 ? 1 : 5) + x[i][0] + 0.01 * rng.nextGaussian();
            w[i] = i < n / 2 ? 1e-4 : 1;
        }
        Ridge.Fit late = Ridge.fitGcv(x, y, w);
        assertEquals(5, late.predict(new double[] {0}), 0.01, "almost all weight on the second regime");
        Ridge.Fit plain = Ridge.fitGcv(x, y);
        assertEquals(3, plain.predict(new double[] {0}), 0.2, "equal weights: the middle of the two regimes");

        // the leave-one-out residual of a weighted row equals the residual of a refit without it (at the same λ)
        double[] half = new double[n];
        for (int i = 0; i < n; i++) {
            half[i] = 0.5 + (i % 3);
        }
        Ridge.Fit all = Ridge.fitGcv(x, y, half);
        double[][] x1 = java.util.Arrays.copyOfRange(x, 1, n);
        double[] y1 = java.util.Arrays.copyOfRange(y, 1, n);
        double[] w1 = java.util.Arrays.copyOfRange(half, 1, n);
        Ridge.Fit without = Ridge.fitGcv(x1, y1, w1);
        assertEquals(y[0] - without.predict(x[0]), all.looResiduals()[0], 0.01);
    }
}
