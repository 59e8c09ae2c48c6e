package org.knime.depaf.core.resample;

import java.util.Objects;

/**
 * Interpolates a 3-D volume at arbitrary points, like MATLAB {@code interp3} on the volume padded by one voxel of
 * edge replication on every side.
 *
 * <p>The volume has {@code nz} slices of {@code ny × nx}, slice-major then row-major (index
 * {@code (z*ny + y)*nx + x}). Coordinates are 0-based voxel coordinates (voxel centres at integers). Valid
 * coordinates are [−1, n] per axis (the padded grid); outside that range, or for NaN, the value is 0. A singleton
 * axis (n = 1) is constant along that axis within [−1, 1] (edge replication makes every method constant there).
 * At the nodes the value equals the data. Methods: see {@link Interpolation}; all are tensor products of the
 * 1-D rules, so {@link Interpolation#SPLINE} is the tensor-product not-a-knot spline of MATLAB.
 *
 * <p>Construction prepares the whole volume once (for splines: the B-spline coefficients of the not-a-knot
 * interpolant, O(voxels)); each {@link #value} then costs at most 4 × 4 × 4 multiply-adds (1 per singleton axis).
 * Immutable and thread-safe after construction.
 */
public final class VolumeInterpolator {

    private final int nz;
    private final int ny;
    private final int nx;
    private final Interpolation method;
    private final AxisKernel kz;
    private final AxisKernel ky;
    private final AxisKernel kx;
    private final int ly;
    private final int lx;
    /** Prepared values, lz × ly × lx. */
    private final double[] prepared;

    /**
     * @param volume nz·ny·nx values, slice-major then row-major (not modified, not kept)
     * @param nz number of slices, ≥ 1
     * @param ny rows per slice, ≥ 1
     * @param nx columns per slice, ≥ 1
     * @param method interpolation method
     * @throws IllegalArgumentException if the sizes do not match the array
     */
    public VolumeInterpolator(final float[] volume, final int nz, final int ny, final int nx,
        final Interpolation method) {
        Objects.requireNonNull(volume, "volume");
        this.method = Objects.requireNonNull(method, "method");
        if (nz < 1 || ny < 1 || nx < 1) {
            throw new IllegalArgumentException("Volume size must be at least 1 × 1 × 1, got " + nz + " × " + ny
                + " × " + nx);
        }
        if ((long)nz * ny * nx != volume.length) {
            throw new IllegalArgumentException("Volume of " + nz + " × " + ny + " × " + nx + " needs "
                + ((long)nz * ny * nx) + " values, got " + volume.length);
        }
        this.nz = nz;
        this.ny = ny;
        this.nx = nx;
        kz = new AxisKernel(method, nz);
        ky = new AxisKernel(method, ny);
        kx = new AxisKernel(method, nx);
        ly = ky.preparedLength();
        lx = kx.preparedLength();
        final double[] v = new double[volume.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = volume[i];
        }
        final double[] a = Separable.prepareAxis(v, new int[] {nz, ny, nx}, 2, kx);
        final double[] b = Separable.prepareAxis(a, new int[] {nz, ny, lx}, 1, ky);
        prepared = Separable.prepareAxis(b, new int[] {nz, ly, lx}, 0, kz);
    }

    /**
     * @param z slice coordinate (0-based)
     * @param y row coordinate (0-based)
     * @param x column coordinate (0-based)
     * @return the interpolated value, 0 outside [−1, n] on any axis
     */
    public double value(final double z, final double y, final double x) {
        final double[] w = new double[12];
        final int iz = kz.weights(z, w, 0);
        final int iy = ky.weights(y, w, 4);
        final int ix = kx.weights(x, w, 8);
        if (iz < 0 || iy < 0 || ix < 0) {
            return 0;
        }
        final int tz = kz.taps();
        final int ty = ky.taps();
        final int tx = kx.taps();
        double sum = 0;
        for (int a = 0; a < tz; a++) {
            double sy = 0;
            for (int b = 0; b < ty; b++) {
                final int row = ((iz + a) * ly + iy + b) * lx + ix;
                double sx = 0;
                for (int c = 0; c < tx; c++) {
                    sx += w[8 + c] * prepared[row + c];
                }
                sy += w[4 + b] * sx;
            }
            sum += w[a] * sy;
        }
        return sum;
    }

    /**
     * Samples a regular grid in one plane: {@code out[i*width + j] = value(z, y0 + i, x0 + j)}, much faster than
     * separate {@link #value} calls (weights are computed once per row and column).
     *
     * @param z slice coordinate
     * @param y0 row coordinate of the first output row
     * @param x0 column coordinate of the first output column
     * @param height output rows
     * @param width output columns
     * @param out receives height·width values, row-major
     */
    public void sampleGrid(final double z, final double y0, final double x0, final int height, final int width,
        final float[] out) {
        if (out.length < height * width) {
            throw new IllegalArgumentException("Output array holds " + out.length + " values, needs "
                + height * width);
        }
        final double[] wz = new double[4];
        final int iz = kz.weights(z, wz, 0);
        if (iz < 0) {
            java.util.Arrays.fill(out, 0, height * width, 0f);
            return;
        }
        final int tz = kz.taps();
        final double[] plane = new double[ly * lx];
        for (int a = 0; a < tz; a++) {
            final int off = (iz + a) * ly * lx;
            final double wa = wz[a];
            for (int i = 0; i < plane.length; i++) {
                plane[i] += wa * prepared[off + i];
            }
        }
        final int ty = ky.taps();
        final int tx = kx.taps();
        final double[] wy = new double[height * 4];
        final int[] iy = new int[height];
        for (int i = 0; i < height; i++) {
            iy[i] = ky.weights(y0 + i, wy, 4 * i);
        }
        final double[] wx = new double[width * 4];
        final int[] ix = new int[width];
        for (int j = 0; j < width; j++) {
            ix[j] = kx.weights(x0 + j, wx, 4 * j);
        }
        for (int i = 0; i < height; i++) {
            for (int j = 0; j < width; j++) {
                if (iy[i] < 0 || ix[j] < 0) {
                    out[i * width + j] = 0f;
                    continue;
                }
                double s = 0;
                for (int b = 0; b < ty; b++) {
                    final int row = (iy[i] + b) * lx + ix[j];
                    double sx = 0;
                    for (int c = 0; c < tx; c++) {
                        sx += wx[4 * j + c] * plane[row + c];
                    }
                    s += wy[4 * i + b] * sx;
                }
                out[i * width + j] = (float)s;
            }
        }
    }

    public int nz() {
        return nz;
    }

    public int ny() {
        return ny;
    }

    public int nx() {
        return nx;
    }

    public Interpolation method() {
        return method;
    }
}
