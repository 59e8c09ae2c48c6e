package org.knime.depaf.core.resample;

/** Applies 1-D line operations along one axis of a 3-D double array (dims z, y, x; x fastest). */
final class Separable {

    private Separable() {
    }

    /**
     * Prepares every line along {@code axis} with {@code kernel}.
     *
     * @return a new array whose size along axis is {@code kernel.preparedLength()}
     */
    static double[] prepareAxis(final double[] in, final int[] dims, final int axis, final AxisKernel kernel) {
        final int n = dims[axis];
        final int len = kernel.preparedLength();
        final int[] outDims = dims.clone();
        outDims[axis] = len;
        final double[] out = new double[outDims[0] * outDims[1] * outDims[2]];
        final int inStride = stride(dims, axis);
        final int outStride = stride(outDims, axis);
        final double[] line = new double[n];
        final double[] prep = new double[len];
        final double[] w1 = new double[kernel.workLength()];
        final double[] w2 = new double[kernel.workLength()];
        // iterate over all positions of the other two axes
        final int a0 = axis == 0 ? 1 : 0;
        final int a1 = axis == 2 ? 1 : 2;
        for (int p = 0; p < dims[a0]; p++) {
            for (int q = 0; q < dims[a1]; q++) {
                final int inBase = p * stride(dims, a0) + q * stride(dims, a1);
                final int outBase = p * stride(outDims, a0) + q * stride(outDims, a1);
                for (int i = 0; i < n; i++) {
                    line[i] = in[inBase + i * inStride];
                }
                kernel.prepare(line, prep, w1, w2);
                for (int i = 0; i < len; i++) {
                    out[outBase + i * outStride] = prep[i];
                }
            }
        }
        return out;
    }

    static int stride(final int[] dims, final int axis) {
        int s = 1;
        for (int a = axis + 1; a < dims.length; a++) {
            s *= dims[a];
        }
        return s;
    }
}
