package io.swapflex.forecasting.math;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.RealVector;

/**
 * Poisson regression with a log link, fitted by iteratively reweighted least squares (IRLS).
 *
 * <pre>
 *   y_i ~ Poisson(μ_i),  log μ_i = x_iᵀβ
 *   repeat: μ = exp(Xβ);  z = Xβ + (y − μ)/μ;  β ← (XᵀWX + εI)⁻¹ XᵀWz  with W = diag(μ)
 * </pre>
 * The small ridge ε keeps XᵀWX invertible when a one-hot column never fires (e.g. an hour with no arrivals); it is
 * not applied to column 0, which callers use for the intercept. The fit also reports the NB2 dispersion α estimated
 * from Pearson residuals (Var = μ + αμ²), which is 0 for data that are not overdispersed.
 */
public final class PoissonRegression {

    private static final double RIDGE = 1e-4;
    private static final int MAX_ITERATIONS = 50;
    private static final double TOLERANCE = 1e-8;

    private PoissonRegression() {
    }

    /**
     * @param beta       coefficients, one per column of x
     * @param dispersion NB2 α ≥ 0 (method of moments on Pearson residuals)
     * @param iterations IRLS iterations used
     */
    public record Fit(double[] beta, double dispersion, int iterations) {

        public double mean(double[] row) {
            double eta = 0;
            for (int j = 0; j < beta.length; j++) {
                eta += beta[j] * row[j];
            }
            return Math.exp(Math.min(eta, 30));
        }
    }

    public static Fit fit(double[][] x, double[] y, double[] start) {
        int n = x.length;
        int p = x[0].length;
        double[] beta = start != null ? start.clone() : new double[p];
        if (start == null) {
            double m = 0;
            for (double v : y) {
                m += v;
            }
            beta[0] = Math.log(Math.max(m / n, 1e-3));
        }
        double previousDeviance = Double.POSITIVE_INFINITY;
        int it = 0;
        for (; it < MAX_ITERATIONS; it++) {
            double[][] a = new double[p][p];
            double[] b = new double[p];
            double deviance = 0;
            for (int i = 0; i < n; i++) {
                double[] xi = x[i];
                double eta = 0;
                for (int j = 0; j < p; j++) {
                    eta += beta[j] * xi[j];
                }
                eta = Math.max(-30, Math.min(30, eta));
                double mu = Math.exp(eta);
                double z = eta + (y[i] - mu) / mu;
                deviance += 2 * ((y[i] > 0 ? y[i] * Math.log(y[i] / mu) : 0) - (y[i] - mu));
                for (int j = 0; j < p; j++) {
                    double wx = mu * xi[j];
                    if (wx == 0) {
                        continue;
                    }
                    b[j] += wx * z;
                    for (int k = j; k < p; k++) {
                        a[j][k] += wx * xi[k];
                    }
                }
            }
            for (int j = 0; j < p; j++) {
                for (int k = 0; k < j; k++) {
                    a[j][k] = a[k][j];
                }
                if (j > 0) {
                    a[j][j] += RIDGE;
                }
            }
            RealVector next = new CholeskyDecomposition(new Array2DRowRealMatrix(a, false), 1e-12, 1e-14)
                    .getSolver().solve(new ArrayRealVector(b, false));
            beta = next.toArray();
            if (Math.abs(previousDeviance - deviance) <= TOLERANCE * (Math.abs(deviance) + 1)) {
                break;
            }
            previousDeviance = deviance;
        }
        double num = 0;
        double den = 0;
        for (int i = 0; i < n; i++) {
            double mu = new Fit(beta, 0, 0).mean(x[i]);
            double r = y[i] - mu;
            num += r * r - mu;
            den += mu * mu;
        }
        double alpha = den > 0 ? Math.max(0, num / den) : 0;
        return new Fit(beta, alpha, it + 1);
    }
}
