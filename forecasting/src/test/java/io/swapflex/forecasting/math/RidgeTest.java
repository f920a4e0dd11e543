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
}
