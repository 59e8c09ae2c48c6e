package org.knime.depaf.core.resample;

import java.util.Objects;

/**
 * Centre-keeping resampling (see {@link CenterKeepResampler}) of 2-D frames of one fixed size, with the
 * interpolation weights precomputed once.
 *
 * <p>Rows are resampled along x, then the columns of the result along y. A frame costs O(pixels) with a small
 * constant: for splines a tridiagonal solve per line plus 4 multiply-adds per output value per axis. Immutable
 * and thread-safe: {@link #resample} allocates its own scratch space, so one instance can serve parallel loops.
 */
public final class FrameResampler {

    private final int ny;
    private final int nx;
    private final AxisResampler ry;
    private final AxisResampler rx;

    /**
     * @param ny input rows
     * @param nx input columns
     * @param sy scale along y
     * @param sx scale along x
     * @param method interpolation method
     */
    public FrameResampler(final int ny, final int nx, final double sy, final double sx, final Interpolation method) {
        Objects.requireNonNull(method, "method");
        if (ny < 1 || nx < 1) {
            throw new IllegalArgumentException("Frame size must be at least 1 × 1, got " + ny + " × " + nx);
        }
        this.ny = ny;
        this.nx = nx;
        ry = new AxisResampler(method, ny, CenterKeepResampler.requireScale(sy, "y scale"));
        rx = new AxisResampler(method, nx, CenterKeepResampler.requireScale(sx, "x scale"));
    }

    public int inputHeight() {
        return ny;
    }

    public int inputWidth() {
        return nx;
    }

    public int outputHeight() {
        return ry.outputSize();
    }

    public int outputWidth() {
        return rx.outputSize();
    }

    /**
     * Resamples the frame at {@code src[srcOff …]} into {@code dst[dstOff …]}.
     *
     * @param src input pixels, ny·nx values from srcOff, row-major
     * @param srcOff offset of the frame in src
     * @param dst output, outputHeight·outputWidth values from dstOff, row-major
     * @param dstOff offset in dst
     */
    public void resample(final float[] src, final int srcOff, final float[] dst, final int dstOff) {
        final int mx = rx.outputSize();
        final int my = ry.outputSize();
        if (srcOff < 0 || srcOff + ny * nx > src.length) {
            throw new IllegalArgumentException("Source array has no " + ny + " × " + nx + " frame at offset "
                + srcOff);
        }
        if (dstOff < 0 || dstOff + my * mx > dst.length) {
            throw new IllegalArgumentException("Destination array has no room for a " + my + " × " + mx
                + " frame at offset " + dstOff);
        }
        final double[] rows = new double[ny * mx];
        final double[] line = new double[nx];
        final double[] prep = new double[rx.preparedLength()];
        final double[] w1 = new double[rx.workLength()];
        final double[] w2 = new double[rx.workLength()];
        for (int y = 0; y < ny; y++) {
            final int o = srcOff + y * nx;
            for (int x = 0; x < nx; x++) {
                line[x] = src[o + x];
            }
            rx.applyLine(line, rows, y * mx, prep, w1, w2);
        }
        final double[] out = new double[my * mx];
        ry.applyColumns(rows, mx, out);
        for (int i = 0; i < out.length; i++) {
            dst[dstOff + i] = (float)out[i];
        }
    }

    /** @return a new array with the resampled frame */
    public float[] resample(final float[] frame) {
        final float[] out = new float[outputHeight() * outputWidth()];
        resample(frame, 0, out, 0);
        return out;
    }
}
