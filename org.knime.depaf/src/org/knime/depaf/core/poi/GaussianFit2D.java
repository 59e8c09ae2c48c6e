package org.knime.depaf.core.poi;

/**
 * Least-squares fit of an axis-aligned 2-D Gaussian with constant offset,
 * {@code b + A·exp(−(y − y0)²/(2σ_y²) − (x − x0)²/(2σ_x²))}, to an image (Levenberg–Marquardt, point-sampled
 * model, unweighted). Used to register beads and to measure PSF widths. Coordinates are 0-based pixel centres.
 * Immutable result; the fit itself is stateless and thread-safe.
 */
public final class GaussianFit2D {

    private final double amplitude;
    private final double y;
    private final double x;
    private final double sigmaY;
    private final double sigmaX;
    private final double offset;

    private GaussianFit2D(final double[] p) {
        amplitude = p[0];
        y = p[1];
        x = p[2];
        sigmaY = p[3];
        sigmaX = p[4];
        offset = p[5];
    }

    /**
     * Fits the image; the start is the intensity centroid above the minimum and σ = 1.5 px.
     *
     * @param image row-major, height·width values
     * @param height rows
     * @param width columns
     * @return the fitted parameters
     */
    public static GaussianFit2D fit(final float[] image, final int height, final int width) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (final float v : image) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double s = 0;
        double sy = 0;
        double sx = 0;
        for (int i = 0; i < height; i++) {
            for (int j = 0; j < width; j++) {
                final double v = image[i * width + j] - min;
                s += v;
                sy += v * i;
                sx += v * j;
            }
        }
        final double[] p = {max - min, s > 0 ? sy / s : (height - 1) / 2.0, s > 0 ? sx / s : (width - 1) / 2.0,
            1.5, 1.5, min};
        levenbergMarquardt(image, height, width, p);
        return new GaussianFit2D(p);
    }

    private static void levenbergMarquardt(final float[] img, final int h, final int w, final double[] p) {
        double lambda = 1e-3;
        double chi2 = chi2(img, h, w, p);
        final double[] jt = new double[6];
        for (int iter = 0; iter < 100; iter++) {
            final double[][] a = new double[6][6];
            final double[] g = new double[6];
            for (int i = 0; i < h; i++) {
                for (int j = 0; j < w; j++) {
                    final double r = img[i * w + j] - model(p, i, j, jt);
                    for (int k = 0; k < 6; k++) {
                        g[k] += jt[k] * r;
                        for (int l = 0; l <= k; l++) {
                            a[k][l] += jt[k] * jt[l];
                        }
                    }
                }
            }
            for (int k = 0; k < 6; k++) {
                for (int l = k + 1; l < 6; l++) {
                    a[k][l] = a[l][k];
                }
            }
            boolean improved = false;
            for (int tries = 0; tries < 10 && !improved; tries++) {
                final double[][] m = new double[6][7];
                for (int k = 0; k < 6; k++) {
                    System.arraycopy(a[k], 0, m[k], 0, 6);
                    m[k][k] += lambda * (a[k][k] + 1e-12);
                    m[k][6] = g[k];
                }
                final double[] step = solve(m);
                final double[] q = p.clone();
                for (int k = 0; k < 6; k++) {
                    q[k] += step[k];
                }
                final double c = q[3] > 0.05 && q[4] > 0.05 && Double.isFinite(q[0]) ? chi2(img, h, w, q)
                    : Double.POSITIVE_INFINITY;
                if (c < chi2) {
                    final double rel = (chi2 - c) / Math.max(chi2, 1e-300);
                    System.arraycopy(q, 0, p, 0, 6);
                    chi2 = c;
                    lambda = Math.max(lambda / 10, 1e-12);
                    improved = true;
                    if (rel < 1e-10) {
                        return;
                    }
                } else {
                    lambda *= 10;
                }
            }
            if (!improved) {
                return;
            }
        }
    }

    private static double model(final double[] p, final int i, final int j, final double[] jac) {
        final double dy = i - p[1];
        final double dx = j - p[2];
        final double sy2 = p[3] * p[3];
        final double sx2 = p[4] * p[4];
        final double e = Math.exp(-dy * dy / (2 * sy2) - dx * dx / (2 * sx2));
        if (jac != null) {
            final double ae = p[0] * e;
            jac[0] = e;
            jac[1] = ae * dy / sy2;
            jac[2] = ae * dx / sx2;
            jac[3] = ae * dy * dy / (sy2 * p[3]);
            jac[4] = ae * dx * dx / (sx2 * p[4]);
            jac[5] = 1;
        }
        return p[5] + p[0] * e;
    }

    private static double chi2(final float[] img, final int h, final int w, final double[] p) {
        double c = 0;
        for (int i = 0; i < h; i++) {
            for (int j = 0; j < w; j++) {
                final double r = img[i * w + j] - model(p, i, j, null);
                c += r * r;
            }
        }
        return c;
    }

    private static double[] solve(final double[][] m) {
        final int n = m.length;
        for (int c = 0; c < n; c++) {
            int piv = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(m[r][c]) > Math.abs(m[piv][c])) {
                    piv = r;
                }
            }
            final double[] t = m[c];
            m[c] = m[piv];
            m[piv] = t;
            if (m[c][c] == 0) {
                return new double[n];
            }
            for (int r = c + 1; r < n; r++) {
                final double f = m[r][c] / m[c][c];
                for (int k = c; k <= n; k++) {
                    m[r][k] -= f * m[c][k];
                }
            }
        }
        final double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = m[r][n];
            for (int k = r + 1; k < n; k++) {
                s -= m[r][k] * x[k];
            }
            x[r] = s / m[r][r];
        }
        return x;
    }

    /** @return peak height above the offset */
    public double amplitude() {
        return amplitude;
    }

    /** @return centre row (0-based) */
    public double y() {
        return y;
    }

    /** @return centre column (0-based) */
    public double x() {
        return x;
    }

    /** @return standard deviation along y, pixels */
    public double sigmaY() {
        return Math.abs(sigmaY);
    }

    /** @return standard deviation along x, pixels */
    public double sigmaX() {
        return Math.abs(sigmaX);
    }

    /** @return constant offset (background) */
    public double offset() {
        return offset;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "Gaussian at (y %.3f, x %.3f), sigma (y %.3f, x %.3f), "
            + "amplitude %.4g, offset %.4g", y, x, sigmaY(), sigmaX(), amplitude, offset);
    }
}
