package io.swapflex.forecasting.methods;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swapflex.forecasting.math.Ridge;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The Huber-weighted ridge of the price models: a few spikes in the training rows barely move it. */
class HuberFitTest {

    @Test
    void spikesInOneRowInTenPullLeastSquaresButNotTheHuberFit() {
        Random rng = new Random(11);
        int n = 300;
        double[][] x = new double[n][2];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i][0] = rng.nextGaussian();
            x[i][1] = rng.nextGaussian();
            y[i] = 1 + 2 * x[i][0] - x[i][1] + 0.1 * rng.nextGaussian() + (i % 10 == 0 ? 20 : 0);
        }
        Ridge.Fit ls = Ridge.fitGcv(x, y);
        Ridge.Fit huber = LagRidge.huberFit(x, y);
        double[] origin = {0, 0};
        double lsShift = ls.predict(origin) - 1;
        double huberShift = Math.abs(huber.predict(origin) - 1);
        assertTrue(lsShift > 1.5, "least squares moves by about the spikes' mean (2): " + lsShift);
        assertTrue(huberShift < 0.25 && huberShift < lsShift / 5, "Huber stays near the clean rows' level: " + huberShift);
        assertEquals(2, huber.coefficients()[0], 0.1);
        assertEquals(-1, huber.coefficients()[1], 0.1);
    }
}
