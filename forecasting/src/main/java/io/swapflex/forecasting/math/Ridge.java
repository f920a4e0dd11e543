package io.swapflex.forecasting.math;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;

/**
 * Ridge regression with an unpenalised intercept, on standardised columns, with the penalty chosen by generalised
 * cross-validation (GCV) over a log grid.
 *
 * <pre>
 *   z_j = (x_j − mean_j) / sd_j,   β(λ) = argmin ‖y − ȳ − Zβ‖² + λ‖β‖²
 *   with ZᵀZ = V D Vᵀ:  β(λ) = V (D + λI)⁻¹ Vᵀ Zᵀ(y − ȳ),  df(λ) = 1 + Σ d_k / (d_k + λ)
 *   GCV(λ) = n · RSS(λ) / (n − df(λ))²,   leave-one-out residual e_i / (1 − h_ii)
 * </pre>
 * One eigen-decomposition of the p×p Gram matrix serves the whole λ grid, so choosing λ costs about one fit.
 */
public final class Ridge {

    /** Penalty grid, relative to the mean eigenvalue of ZᵀZ. */
    private static final double[] RELATIVE_LAMBDAS = {1e-5, 3e-5, 1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2, 0.1, 0.3, 1, 3};

    private Ridge() {
    }

    /**
     * @param intercept    fitted intercept (original scale)
     * @param coefficients per column of x (original scale)
     * @param lambda       chosen penalty on standardised columns
     * @param dof          effective degrees of freedom including the intercept
     * @param looResiduals leave-one-out residuals, one per row
     */
    public record Fit(double intercept, double[] coefficients, double lambda, double dof, double[] looResiduals) {

        public double predict(double[] row) {
            double s = intercept;
            for (int j = 0; j < coefficients.length; j++) {
                s += coefficients[j] * row[j];
            }
            return s;
        }
    }

    /** Fits with λ chosen by GCV. Rows with a NaN anywhere must be removed by the caller. */
    public static Fit fitGcv(double[][] x, double[] y) {
        return fit(x, y, RELATIVE_LAMBDAS);
    }

    /**
     * Weighted fit with λ chosen by GCV: minimises Σ w_i (y_i − ŷ_i)² + λ‖β‖² (weights rescaled to mean 1, means and
     * standard deviations weighted too); the leave-one-out residuals are on the original scale of y.
     */
    public static Fit fitGcv(double[][] x, double[] y, double[] weights) {
        return fit(x, y, weights, RELATIVE_LAMBDAS);
    }

    public static Fit fit(double[][] x, double[] y, double[] relativeLambdas) {
        return fit(x, y, null, relativeLambdas);
    }

    private static Fit fit(double[][] x, double[] y, double[] weights, double[] relativeLambdas) {
        int n = x.length;
        int p = n == 0 ? 0 : x[0].length;
        if (n < 3) {
            throw new IllegalArgumentException("ridge needs at least 3 rows, got " + n);
        }
        double[] w = new double[n];
        double wSum = 0;
        for (int i = 0; i < n; i++) {
            w[i] = weights == null ? 1 : weights[i];
            if (!(w[i] > 0) || Double.isInfinite(w[i])) {
                throw new IllegalArgumentException("weights must be positive and finite, got " + w[i] + " at row " + i);
            }
            wSum += w[i];
        }
        double[] sw = new double[n]; // √w_i with the weights rescaled to mean 1
        for (int i = 0; i < n; i++) {
            w[i] *= n / wSum;
            sw[i] = Math.sqrt(w[i]);
        }
        double[] mean = new double[p];
        double[] sd = new double[p];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                mean[j] += w[i] * x[i][j];
            }
        }
        for (int j = 0; j < p; j++) {
            mean[j] /= n;
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                double d = x[i][j] - mean[j];
                sd[j] += w[i] * d * d;
            }
        }
        for (int j = 0; j < p; j++) {
            sd[j] = Math.sqrt(sd[j] / n);
            // A constant column carries no information beyond the intercept: zero it instead of dividing by 0.
            if (sd[j] < 1e-12) {
                sd[j] = Double.POSITIVE_INFINITY;
            }
        }
        double yMean = 0;
        for (int i = 0; i < n; i++) {
            yMean += w[i] * y[i];
        }
        yMean /= n;
        // rows scaled by √w_i: ordinary ridge on the scaled rows is the weighted ridge
        double[][] z = new double[n][p];
        double[] yc = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                z[i][j] = sw[i] * (x[i][j] - mean[j]) / sd[j];
            }
            yc[i] = sw[i] * (y[i] - yMean);
        }
        double[][] gram = new double[p][p];
        double[] zty = new double[p];
        for (int i = 0; i < n; i++) {
            double[] zi = z[i];
            for (int a = 0; a < p; a++) {
                double za = zi[a];
                if (za == 0) {
                    continue;
                }
                zty[a] += za * yc[i];
                for (int b = a; b < p; b++) {
                    gram[a][b] += za * zi[b];
                }
            }
        }
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < a; b++) {
                gram[a][b] = gram[b][a];
            }
        }
        EigenDecomposition eig = new EigenDecomposition(new Array2DRowRealMatrix(gram, false));
        double[] d = eig.getRealEigenvalues();
        double[][] v = eig.getV().getData();
        double[] c = new double[p]; // Vᵀ Zᵀ y
        double trace = 0;
        for (int k = 0; k < p; k++) {
            d[k] = Math.max(0, d[k]);
            trace += d[k];
            for (int a = 0; a < p; a++) {
                c[k] += v[a][k] * zty[a];
            }
        }
        double[][] zv = new double[n][p];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < p; a++) {
                double za = z[i][a];
                if (za == 0) {
                    continue;
                }
                for (int k = 0; k < p; k++) {
                    zv[i][k] += za * v[a][k];
                }
            }
        }
        double scale = p == 0 ? 1 : Math.max(trace / p, 1e-12);
        double bestGcv = Double.POSITIVE_INFINITY;
        double bestLambda = 0;
        for (double rel : relativeLambdas) {
            double lambda = rel * scale;
            double rss = 0;
            for (int i = 0; i < n; i++) {
                double f = 0;
                for (int k = 0; k < p; k++) {
                    f += zv[i][k] * c[k] / (d[k] + lambda);
                }
                double r = yc[i] - f;
                rss += r * r;
            }
            double dof = 1;
            for (int k = 0; k < p; k++) {
                dof += d[k] / (d[k] + lambda);
            }
            double gcv = n * rss / Math.pow(Math.max(n - dof, 1e-9), 2);
            if (gcv < bestGcv) {
                bestGcv = gcv;
                bestLambda = lambda;
            }
        }
        double lambda = bestLambda;
        double[] betaZ = new double[p];
        for (int a = 0; a < p; a++) {
            for (int k = 0; k < p; k++) {
                betaZ[a] += v[a][k] * c[k] / (d[k] + lambda);
            }
        }
        double[] loo = new double[n];
        for (int i = 0; i < n; i++) {
            double f = 0;
            double h = w[i] / n; // the intercept's leverage: w_i / Σw
            for (int k = 0; k < p; k++) {
                double inv = 1.0 / (d[k] + lambda);
                f += zv[i][k] * c[k] * inv;
                h += zv[i][k] * zv[i][k] * inv;
            }
            loo[i] = (yc[i] - f) / Math.max(1 - h, 1e-6) / sw[i];
        }
        double dof = 1;
        for (int k = 0; k < p; k++) {
            dof += d[k] / (d[k] + lambda);
        }
        double[] coef = new double[p];
        double intercept = yMean;
        for (int j = 0; j < p; j++) {
            coef[j] = betaZ[j] / sd[j];
            intercept -= coef[j] * mean[j];
        }
        return new Fit(intercept, coef, lambda, dof, loo);
    }
}
