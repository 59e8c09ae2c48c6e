package org.knime.depaf.core.resample;

/**
 * The not-a-knot cubic spline through {@code n} values at the nodes 0, 1, …, n−1, in the uniform cubic B-spline
 * basis: s(u) = Σ_j c_j β(u − j), j = −1 … n, where β is the centred cubic B-spline.
 *
 * <p>With unit spacing the not-a-knot conditions (third derivative continuous at nodes 1 and n−2) fix the
 * second derivatives there to the central second differences, M_1 = d_1 and M_{n−2} = d_{n−2}; the remaining
 * M_2 … M_{n−3} solve the tridiagonal system M_{i−1} + 4 M_i + M_{i+1} = 6 d_i (solved by the Thomas algorithm
 * with factors precomputed for n), and M_0 = 2 M_1 − M_2, M_{n−1} = 2 M_{n−2} − M_{n−3}. The B-spline
 * coefficients are then c_i = f_i − M_i / 6, with c_{−1}, c_n from the interpolation conditions at the ends.
 * Like MATLAB's {@code spline}, 3 nodes give the parabola through them, 2 nodes the straight line, 1 node a
 * constant. Immutable and thread-safe; callers pass their own work arrays.
 */
final class SplineLine {

    private final int n;
    /** Thomas algorithm: super-diagonal factors c'_i of the interior system. */
    private final double[] cPrime;
    /** Thomas algorithm: 1 / (4 − c'_{i−1}). */
    private final double[] inv;

    SplineLine(final int n) {
        if (n < 1) {
            throw new IllegalArgumentException("A spline needs at least one node, got " + n);
        }
        this.n = n;
        final int k = Math.max(0, n - 4);
        cPrime = new double[k];
        inv = new double[k];
        double prev = 0;
        for (int i = 0; i < k; i++) {
            inv[i] = 1.0 / (4.0 - prev);
            cPrime[i] = inv[i];
            prev = cPrime[i];
        }
    }

    int nodes() {
        return n;
    }

    /**
     * Computes the n + 2 B-spline coefficients c_{−1} … c_n into {@code coef[off] … coef[off + n + 1]}.
     *
     * @param f the n node values (read only)
     * @param coef output
     * @param off offset into coef
     * @param m work array of length ≥ n (second derivatives)
     */
    void coefficients(final double[] f, final double[] coef, final int off, final double[] m) {
        if (n == 1) {
            coef[off] = f[0];
            coef[off + 1] = f[0];
            coef[off + 2] = f[0];
            return;
        }
        if (n == 2) {
            m[0] = 0;
            m[1] = 0;
        } else if (n == 3) {
            final double d = f[0] - 2 * f[1] + f[2];
            m[0] = d;
            m[1] = d;
            m[2] = d;
        } else {
            m[1] = f[0] - 2 * f[1] + f[2];
            m[n - 2] = f[n - 3] - 2 * f[n - 2] + f[n - 1];
            final int k = n - 4;
            // unknowns M_2 … M_{n−3} at positions 0 … k−1; rhs into m[2 …] then solved in place
            for (int j = 0; j < k; j++) {
                final int i = j + 2;
                double rhs = 6 * (f[i - 1] - 2 * f[i] + f[i + 1]);
                if (j == 0) {
                    rhs -= m[1];
                }
                if (j == k - 1) {
                    rhs -= m[n - 2];
                }
                final double prevD = j == 0 ? 0 : m[i - 1];
                m[i] = (rhs - prevD) * inv[j];
            }
            for (int j = k - 2; j >= 0; j--) {
                m[j + 2] -= cPrime[j] * m[j + 3];
            }
            m[0] = 2 * m[1] - m[2];
            m[n - 1] = 2 * m[n - 2] - m[n - 3];
        }
        for (int i = 0; i < n; i++) {
            coef[off + 1 + i] = f[i] - m[i] / 6.0;
        }
        coef[off] = 6 * f[0] - 4 * coef[off + 1] - coef[off + 2];
        coef[off + n + 1] = 6 * f[n - 1] - 4 * coef[off + n] - coef[off + n - 1];
    }

    /**
     * Cubic B-spline weights at fractional offset t ∈ [0, 1] for coefficients c_{i−1} … c_{i+2}.
     */
    static void bsplineWeights(final double t, final double[] w, final int off) {
        final double t2 = t * t;
        final double t3 = t2 * t;
        final double u = 1 - t;
        w[off] = u * u * u / 6.0;
        w[off + 1] = (3 * t3 - 6 * t2 + 4) / 6.0;
        w[off + 2] = (-3 * t3 + 3 * t2 + 3 * t + 1) / 6.0;
        w[off + 3] = t3 / 6.0;
    }
}
