package io.swapflex.forecasting.math;

/**
 * Negative binomial (NB2) count distribution with mean μ and dispersion α (Var = μ + αμ²); α = 0 is Poisson.
 * CDF and quantiles by summing the pmf recursion, which is exact and fast for the small means of hourly arrivals.
 */
public record NegativeBinomial(double mean, double alpha) {

    private static final int MAX_COUNT = 100_000;

    public NegativeBinomial {
        if (!(mean >= 0) || !(alpha >= 0)) {
            throw new IllegalArgumentException("mean and alpha must be ≥ 0, got " + mean + ", " + alpha);
        }
    }

    public double cdf(int y) {
        if (y < 0) {
            return 0;
        }
        double pmf = pmf0();
        double cdf = pmf;
        for (int k = 0; k < y && cdf < 1; k++) {
            pmf = nextPmf(pmf, k);
            cdf += pmf;
        }
        return Math.min(1, cdf);
    }

    /** Smallest y with CDF(y) ≥ level. */
    public int quantile(double level) {
        double pmf = pmf0();
        double cdf = pmf;
        int k = 0;
        while (cdf < level - 1e-12 && k < MAX_COUNT) {
            pmf = nextPmf(pmf, k);
            cdf += pmf;
            k++;
        }
        return k;
    }

    private double pmf0() {
        if (mean == 0) {
            return 1;
        }
        if (alpha < 1e-9) {
            return Math.exp(-mean);
        }
        double r = 1 / alpha;
        return Math.exp(r * Math.log(r / (r + mean)));
    }

    /** pmf(k + 1) from pmf(k). */
    private double nextPmf(double pmf, int k) {
        if (alpha < 1e-9) {
            return pmf * mean / (k + 1);
        }
        double r = 1 / alpha;
        return pmf * (k + r) / (k + 1) * (mean / (r + mean));
    }
}
