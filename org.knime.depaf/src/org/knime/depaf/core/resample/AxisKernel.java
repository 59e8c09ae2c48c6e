package org.knime.depaf.core.resample;

/**
 * One axis of a separable interpolation: the 1-D rule of an {@link Interpolation} on a line of {@code n} samples
 * padded by one sample of edge replication at each end (padded nodes at coordinates −1 … n).
 *
 * <p>A line is first {@linkplain #prepare prepared} into {@link #preparedLength()} values (spline coefficients,
 * Keys-extended nodes, or just the padded nodes); an interpolated value is then a short weighted sum
 * ({@link #taps()} terms) of prepared values, with weights from {@link #weights}. A line of one sample is
 * constant: one prepared value, one tap of weight 1. Immutable and thread-safe.
 */
final class AxisKernel {

    private final Interpolation method;
    private final int n;
    private final int padded;
    private final int taps;
    private final SplineLine spline;

    AxisKernel(final Interpolation method, final int n) {
        if (n < 1) {
            throw new IllegalArgumentException("An axis needs at least one sample, got " + n);
        }
        this.method = method;
        this.n = n;
        this.padded = n + 2;
        this.taps = n == 1 ? 1 : method.taps();
        this.spline = method == Interpolation.SPLINE && n > 1 ? new SplineLine(padded) : null;
    }

    int samples() {
        return n;
    }

    int taps() {
        return taps;
    }

    /** @return number of prepared values per line */
    int preparedLength() {
        if (n == 1) {
            return 1;
        }
        return method == Interpolation.SPLINE || method == Interpolation.CUBIC ? padded + 2 : padded;
    }

    /** @return length of each of the two work arrays {@link #prepare} needs */
    int workLength() {
        return padded;
    }

    /**
     * Prepares one line.
     *
     * @param line the n samples
     * @param out receives {@link #preparedLength()} values from offset 0
     * @param fWork work array of length ≥ {@link #workLength()}
     * @param mWork a second work array of length ≥ {@link #workLength()}
     */
    void prepare(final double[] line, final double[] out, final double[] fWork, final double[] mWork) {
        if (n == 1) {
            out[0] = line[0];
            return;
        }
        switch (method) {
            case SPLINE: {
                fWork[0] = line[0];
                System.arraycopy(line, 0, fWork, 1, n);
                fWork[n + 1] = line[n - 1];
                spline.coefficients(fWork, out, 0, mWork);
                return;
            }
            case CUBIC: {
                out[1] = line[0];
                System.arraycopy(line, 0, out, 2, n);
                out[n + 2] = line[n - 1];
                // Keys' boundary rule on the padded nodes (indices 1 … padded in out)
                out[0] = 3 * out[1] - 3 * out[2] + out[3];
                out[padded + 1] = 3 * out[padded] - 3 * out[padded - 1] + out[padded - 2];
                return;
            }
            default:
                out[0] = line[0];
                System.arraycopy(line, 0, out, 1, n);
                out[n + 1] = line[n - 1];
        }
    }

    /**
     * Weights of the prepared values for one coordinate.
     *
     * @param coord 0-based coordinate in the original samples; valid range [−1, n]
     * @param w receives {@link #taps()} weights from offset {@code off}
     * @param off offset into w
     * @return index of the first prepared value the weights apply to, or −1 if coord is outside [−1, n] or NaN
     */
    int weights(final double coord, final double[] w, final int off) {
        if (!(coord >= -1 && coord <= n)) {
            return -1;
        }
        if (n == 1) {
            w[off] = 1;
            return 0;
        }
        final double u = coord + 1; // padded coordinate, in [0, padded − 1]
        switch (method) {
            case NEAREST: {
                w[off] = 1;
                return Math.min((int)Math.floor(u + 0.5), padded - 1);
            }
            case LINEAR: {
                final int i = Math.min((int)Math.floor(u), padded - 2);
                final double t = u - i;
                w[off] = 1 - t;
                w[off + 1] = t;
                return i;
            }
            case SPLINE: {
                final int i = Math.min((int)Math.floor(u), padded - 2);
                SplineLine.bsplineWeights(u - i, w, off);
                return i; // prepared index i holds c_{i−1}
            }
            default: {
                final int i = Math.min((int)Math.floor(u), padded - 2);
                keysWeights(u - i, w, off);
                return i; // prepared index i holds padded node i−1
            }
        }
    }

    /** Keys cubic convolution weights (a = −0.5) for nodes i−1 … i+2 at fractional offset t ∈ [0, 1]. */
    static void keysWeights(final double t, final double[] w, final int off) {
        w[off] = keys(1 + t);
        w[off + 1] = keys(t);
        w[off + 2] = keys(1 - t);
        w[off + 3] = keys(2 - t);
    }

    private static double keys(final double d) {
        final double x = Math.abs(d);
        if (x <= 1) {
            return (1.5 * x - 2.5) * x * x + 1;
        }
        if (x < 2) {
            return ((-0.5 * x + 2.5) * x - 4) * x + 2;
        }
        return 0;
    }
}
