package org.knime.depaf.core.resample;

/**
 * Resamples lines of {@code n} samples onto the centre-keeping grid of scale {@code s} (method spec §3.3):
 * m = {@link CenterKeepResampler#outputSize} outputs at q(k) = (n − 1)/2 + (k − (m − 1)/2)/s, 0-based.
 *
 * <p>The per-query interpolation weights are computed once at construction, so resampling a line costs the
 * line preparation (O(n); a tridiagonal solve for splines) plus {@code taps} multiply-adds per output. Scale 1
 * is an exact copy. Immutable and thread-safe.
 */
final class AxisResampler {

    private final int n;
    private final int m;
    private final boolean identity;
    private final AxisKernel kernel;
    private final int taps;
    private final int[] start;
    private final double[] weights;

    AxisResampler(final Interpolation method, final int n, final double s) {
        this.n = n;
        this.m = CenterKeepResampler.outputSize(n, s);
        this.identity = s == 1.0;
        this.kernel = new AxisKernel(method, n);
        this.taps = kernel.taps();
        start = new int[m];
        weights = new double[m * 4];
        for (int k = 0; k < m; k++) {
            start[k] = kernel.weights(CenterKeepResampler.query(k, n, m, s), weights, 4 * k);
        }
    }

    int inputSize() {
        return n;
    }

    int outputSize() {
        return m;
    }

    /**
     * Resamples every line along {@code axis} of a 3-D array (dims z, y, x; x fastest).
     *
     * @return a new array whose size along axis is {@link #outputSize()}
     */
    double[] apply(final double[] in, final int[] dims, final int axis) {
        if (identity) {
            return in.clone();
        }
        final int[] outDims = dims.clone();
        outDims[axis] = m;
        final double[] out = new double[outDims[0] * outDims[1] * outDims[2]];
        final int inStride = Separable.stride(dims, axis);
        final int outStride = Separable.stride(outDims, axis);
        final double[] line = new double[n];
        final double[] prep = new double[kernel.preparedLength()];
        final double[] w1 = new double[kernel.workLength()];
        final double[] w2 = new double[kernel.workLength()];
        final int a0 = axis == 0 ? 1 : 0;
        final int a1 = axis == 2 ? 1 : 2;
        for (int p = 0; p < dims[a0]; p++) {
            for (int q = 0; q < dims[a1]; q++) {
                final int inBase = p * Separable.stride(dims, a0) + q * Separable.stride(dims, a1);
                final int outBase = p * Separable.stride(outDims, a0) + q * Separable.stride(outDims, a1);
                for (int i = 0; i < n; i++) {
                    line[i] = in[inBase + i * inStride];
                }
                kernel.prepare(line, prep, w1, w2);
                for (int k = 0; k < m; k++) {
                    out[outBase + k * outStride] = evaluate(prep, k);
                }
            }
        }
        return out;
    }

    /** Resamples one contiguous line (no strides) from prepared scratch buffers; used by frame resampling. */
    void applyLine(final double[] line, final double[] out, final int outOff, final double[] prep,
        final double[] w1, final double[] w2) {
        if (identity) {
            System.arraycopy(line, 0, out, outOff, n);
            return;
        }
        kernel.prepare(line, prep, w1, w2);
        for (int k = 0; k < m; k++) {
            out[outOff + k] = evaluate(prep, k);
        }
    }

    /**
     * Resamples all columns of a row-major block of {@code cols} columns at once (rows = this axis), with the
     * preparation done on whole rows so that memory is read row by row.
     */
    void applyColumns(final double[] in, final int cols, final double[] out) {
        if (identity) {
            System.arraycopy(in, 0, out, 0, n * cols);
            return;
        }
        final int len = kernel.preparedLength();
        final double[] prep = new double[len * cols];
        final double[] line = new double[n];
        final double[] p = new double[len];
        final double[] w1 = new double[kernel.workLength()];
        final double[] w2 = new double[kernel.workLength()];
        // Prepared values are stored row-major (len × cols) so that the weighted sums below run along rows.
        for (int c = 0; c < cols; c++) {
            for (int i = 0; i < n; i++) {
                line[i] = in[i * cols + c];
            }
            kernel.prepare(line, p, w1, w2);
            for (int i = 0; i < len; i++) {
                prep[i * cols + c] = p[i];
            }
        }
        for (int k = 0; k < m; k++) {
            final int o = k * cols;
            if (start[k] < 0) {
                java.util.Arrays.fill(out, o, o + cols, 0);
                continue;
            }
            java.util.Arrays.fill(out, o, o + cols, 0);
            for (int t = 0; t < taps; t++) {
                final double w = weights[4 * k + t];
                if (w == 0) {
                    continue;
                }
                final int src = (start[k] + t) * cols;
                for (int c = 0; c < cols; c++) {
                    out[o + c] += w * prep[src + c];
                }
            }
        }
    }

    private double evaluate(final double[] prep, final int k) {
        final int s0 = start[k];
        if (s0 < 0) {
            return 0;
        }
        double v = 0;
        for (int t = 0; t < taps; t++) {
            v += weights[4 * k + t] * prep[s0 + t];
        }
        return v;
    }

    /** Work sizes for {@link #applyLine}. */
    int preparedLength() {
        return kernel.preparedLength();
    }

    int workLength() {
        return kernel.workLength();
    }
}
