package org.knime.depaf.core.resample;

/**
 * Test oracle: the not-a-knot cubic spline on unit-spaced nodes in the textbook piecewise form (second
 * derivatives from a dense Gaussian elimination), independent of the B-spline implementation under test.
 */
final class NotAKnotReference {

    private NotAKnotReference() {
    }

    static double eval(final double[] f, final double u) {
        final int n = f.length;
        if (n == 1) {
            return f[0];
        }
        if (n == 2) {
            return f[0] + (f[1] - f[0]) * u;
        }
        final double[] m = new double[n];
        if (n == 3) {
            final double d = f[0] - 2 * f[1] + f[2];
            m[0] = d;
            m[1] = d;
            m[2] = d;
        } else {
            final double[][] a = new double[n][n + 1];
            a[0][0] = 1;
            a[0][1] = -2;
            a[0][2] = 1;
            for (int i = 1; i < n - 1; i++) {
                a[i][i - 1] = 1;
                a[i][i] = 4;
                a[i][i + 1] = 1;
                a[i][n] = 6 * (f[i - 1] - 2 * f[i] + f[i + 1]);
            }
            a[n - 1][n - 3] = 1;
            a[n - 1][n - 2] = -2;
            a[n - 1][n - 1] = 1;
            solve(a, m);
        }
        final int i = Math.min((int)Math.floor(u), n - 2);
        final double t = u - i;
        final double s = 1 - t;
        return s * f[i] + t * f[i + 1] + (s * s * s - s) * m[i] / 6 + (t * t * t - t) * m[i + 1] / 6;
    }

    /** Interpolates like the project's interpolator: the line padded by edge replication, coordinate 0-based. */
    static double evalPadded(final double[] line, final double coord) {
        final double[] p = new double[line.length + 2];
        p[0] = line[0];
        System.arraycopy(line, 0, p, 1, line.length);
        p[p.length - 1] = line[line.length - 1];
        return eval(p, coord + 1);
    }

    private static void solve(final double[][] a, final double[] x) {
        final int n = x.length;
        for (int c = 0; c < n; c++) {
            int piv = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[piv][c])) {
                    piv = r;
                }
            }
            final double[] t = a[c];
            a[c] = a[piv];
            a[piv] = t;
            for (int r = c + 1; r < n; r++) {
                final double f = a[r][c] / a[c][c];
                for (int k = c; k <= n; k++) {
                    a[r][k] -= f * a[c][k];
                }
            }
        }
        for (int r = n - 1; r >= 0; r--) {
            double s = a[r][n];
            for (int k = r + 1; k < n; k++) {
                s -= a[r][k] * x[k];
            }
            x[r] = s / a[r][r];
        }
    }
}
