package io.swapflex.forecasting.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.distribution.PoissonDistribution;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

class PoissonRegressionTest {

    @Test
    void recoversCoefficientsFromSimulatedPoissonData() {
        double[] truth = {0.5, 0.8, -0.6, 0.3};
        Well19937c rng = new Well19937c(42);
        int n = 20_000;
        double[][] x = new double[n][];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double a = rng.nextInt(2);
            double b = rng.nextInt(2);
            double c = rng.nextDouble() * 2 - 1;
            x[i] = new double[] {1, a, b, c};
            double mu = Math.exp(truth[0] + truth[1] * a + truth[2] * b + truth[3] * c);
            PoissonDistribution p = new PoissonDistribution(rng, mu, 1e-12, 10_000_000);
            y[i] = p.sample();
        }
        PoissonRegression.Fit fit = PoissonRegression.fit(x, y, null);
        for (int j = 0; j < truth.length; j++) {
            // standard errors here are ≈ 0.01–0.02; 0.05 is > 2.5 s.e. and still catches a wrong update
            assertEquals(truth[j], fit.beta()[j], 0.05, "coefficient " + j);
        }
        assertTrue(fit.dispersion() < 0.02, "Poisson data should show no overdispersion: " + fit.dispersion());
        assertTrue(fit.iterations() < 20);
    }

    @Test
    void negativeBinomialWithZeroDispersionIsPoisson() {
        PoissonDistribution p = new PoissonDistribution(4.2);
        NegativeBinomial nb = new NegativeBinomial(4.2, 0);
        for (int k = 0; k < 15; k++) {
            assertEquals(p.cumulativeProbability(k), nb.cdf(k), 1e-12);
        }
        assertEquals(2, nb.quantile(0.1)); // P(Y ≤ 1) = 0.078, P(Y ≤ 2) = 0.210
        assertEquals(0.0, nb.cdf(-1));
        // Overdispersion widens the distribution: more mass at 0 than Poisson with the same mean.
        assertTrue(new NegativeBinomial(4.2, 0.5).cdf(0) > p.probability(0));
    }
}
