package org.knime.depaf.core.resample;

import java.util.Objects;

/**
 * The centre-keeping resampler of DEPAF ("imgResizeCenterKeep", method spec §3.3).
 *
 * <p>Along an axis of n samples and scale s the output has m = ceil(n·s) samples for s ≥ 1, floor(n·s) for
 * s &lt; 1 (computed in double precision, as MATLAB does), taken at the 0-based input coordinates
 * q(k) = (n − 1)/2 + (k − (m − 1)/2)/s: spacing 1/s input pixels, centres coinciding. Values come from the input
 * padded by one voxel of edge replication, interpolated with the chosen {@link Interpolation} (tensor product of
 * 1-D rules, i.e. MATLAB {@code interp3} on a full grid). No anti-aliasing on downscaling. Scale 1 on an axis
 * is an exact copy along it. Stateless and thread-safe; for many frames of one size use {@link FrameResampler}.
 */
public final class CenterKeepResampler {

    private CenterKeepResampler() {
    }

    /**
     * @param n input samples, ≥ 1
     * @param s scale, positive and finite
     * @return ceil(n·s) for s ≥ 1, floor(n·s) otherwise
     * @throws IllegalArgumentException if s is not positive and finite or the output would be empty
     */
    public static int outputSize(final int n, final double s) {
        requireScale(s, "scale");
        if (n < 1) {
            throw new IllegalArgumentException("Resampling needs at least one input sample, got " + n);
        }
        final double ns = n * s;
        final double m = s >= 1 ? Math.ceil(ns) : Math.floor(ns);
        if (m < 1) {
            throw new IllegalArgumentException("Scale " + s + " turns " + n + " samples into none: the scale must "
                + "be at least " + (1.0 / n));
        }
        if (m > Integer.MAX_VALUE / 4) {
            throw new IllegalArgumentException("Scale " + s + " makes " + n + " samples too many (" + m + ")");
        }
        return (int)m;
    }

    /**
     * @param k output index, 0-based
     * @param n input samples
     * @param m output samples
     * @param s scale
     * @return the 0-based input coordinate of output sample k
     */
    public static double query(final int k, final int n, final int m, final double s) {
        return (n - 1) / 2.0 + (k - (m - 1) / 2.0) / s;
    }

    /**
     * Maps an output (upsampled) coordinate back to the input grid: the inverse of {@link #query} for the
     * m of the output, {@code (c − (m − 1)/2)/s + (n − 1)/2}.
     */
    public static double toInput(final double c, final int n, final int m, final double s) {
        return (c - (m - 1) / 2.0) / s + (n - 1) / 2.0;
    }

    /**
     * Resamples a volume of nz slices of ny × nx (slice-major, row-major).
     *
     * @param volume the values (not modified)
     * @param sz scale along z (slices)
     * @param sy scale along y (rows)
     * @param sx scale along x (columns)
     * @return a new volume of {@code outputSize(nz, sz) × outputSize(ny, sy) × outputSize(nx, sx)}
     */
    public static float[] resample(final float[] volume, final int nz, final int ny, final int nx, final double sz,
        final double sy, final double sx, final Interpolation method) {
        Objects.requireNonNull(volume, "volume");
        Objects.requireNonNull(method, "method");
        if (nz < 1 || ny < 1 || nx < 1 || (long)nz * ny * nx != volume.length) {
            throw new IllegalArgumentException("Volume of " + nz + " × " + ny + " × " + nx + " does not match its "
                + volume.length + " values");
        }
        final AxisResampler rx = new AxisResampler(method, nx, requireScale(sx, "x scale"));
        final AxisResampler ry = new AxisResampler(method, ny, requireScale(sy, "y scale"));
        final AxisResampler rz = new AxisResampler(method, nz, requireScale(sz, "z scale"));
        double[] v = new double[volume.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = volume[i];
        }
        v = rx.apply(v, new int[] {nz, ny, nx}, 2);
        v = ry.apply(v, new int[] {nz, ny, rx.outputSize()}, 1);
        v = rz.apply(v, new int[] {nz, ry.outputSize(), rx.outputSize()}, 0);
        final float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float)v[i];
        }
        return out;
    }

    /**
     * Resamples one 2-D frame (ny × nx, row-major); the same as {@link #resample} with one slice and z scale 1.
     *
     * @return a new frame of {@code outputSize(ny, sy) × outputSize(nx, sx)}
     */
    public static float[] resample2d(final float[] frame, final int ny, final int nx, final double sy,
        final double sx, final Interpolation method) {
        final FrameResampler r = new FrameResampler(ny, nx, sy, sx, method);
        final float[] out = new float[r.outputHeight() * r.outputWidth()];
        r.resample(frame, 0, out, 0);
        return out;
    }

    static double requireScale(final double s, final String what) {
        if (!(s > 0) || Double.isInfinite(s)) {
            throw new IllegalArgumentException("Resampling " + what + " must be a positive finite number, got " + s);
        }
        return s;
    }
}
