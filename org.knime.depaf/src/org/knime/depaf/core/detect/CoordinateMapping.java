package org.knime.depaf.core.detect;

/**
 * Maps positions between the upsampled map grid and the camera grid / original POI slices: the inverse of
 * the centre-keeping resampler (§3.3, §12 step 5).
 *
 * <p>In 0-based coordinates (pixel centres at integers), the centre-keeping resampler makes output sample
 * {@code k} of an axis of length {@code n}, upsampled by {@code r} to {@code m = ceil(n·r)} samples, read
 * the input at {@code q(k) = (n−1)/2 + (k − (m−1)/2)/r}. Detections on the upsampled grid map back with the
 * same affine relation:
 *
 * <pre>
 *   x_cam = (x_up − (W_up − 1)/2) / r_x + (W' − 1)/2,   W' = floor(W_up / r_x)
 * </pre>
 *
 * (the 0-based form of the reference's {@code x_orig = (x_up − (W_up+1)/2)/r_x + (W'+1)/2}); y likewise; and
 * {@code z_slice = (z − (C−1)/2)/r_z + (C'−1)/2}, {@code C' = floor(C/r_z)}, in 0-based slice indices of the
 * original (not upsampled) POI stack. {@code W'} normally equals the camera width {@code W}. The floor is taken
 * with a tolerance of 1e-9, so that an exact quotient such as 384 / 1.5 is not floored to 255 by round-off
 * (MATLAB evaluates {@code floor(W_up·(1/r))}, which can fall one short in such cases).
 *
 * <p>Immutable and thread-safe.
 */
public final class CoordinateMapping {

    private static final double FLOOR_TOLERANCE = 1e-9;

    private final int heightUp;
    private final int widthUp;
    private final int channels;
    private final double ry;
    private final double rx;
    private final double rz;
    private final int heightOrig;
    private final int widthOrig;
    private final int slicesOrig;

    /**
     * @param heightUp height of the upsampled grid H_up
     * @param widthUp width of the upsampled grid W_up
     * @param channels number of channels of the upsampled POI, C
     * @param ry upsampling ratio along y (after the odd-size adjustment), ≥ 1
     * @param rx upsampling ratio along x, ≥ 1
     * @param rz upsampling ratio along z of the POI, ≥ 1
     */
    public CoordinateMapping(final int heightUp, final int widthUp, final int channels, final double ry,
        final double rx, final double rz) {
        if (heightUp < 1 || widthUp < 1 || channels < 1) {
            throw new IllegalArgumentException("Upsampled grid " + heightUp + " × " + widthUp + " with " + channels
                + " channels is not valid: all sizes must be at least 1");
        }
        checkRatio(ry, "y");
        checkRatio(rx, "x");
        checkRatio(rz, "z");
        this.heightUp = heightUp;
        this.widthUp = widthUp;
        this.channels = channels;
        this.ry = ry;
        this.rx = rx;
        this.rz = rz;
        heightOrig = originalSize(heightUp, ry);
        widthOrig = originalSize(widthUp, rx);
        slicesOrig = originalSize(channels, rz);
    }

    private static void checkRatio(final double r, final String axis) {
        if (!(r >= 1 && Double.isFinite(r))) {
            throw new IllegalArgumentException("Upsampling ratio along " + axis + " must be a finite number ≥ 1, got "
                + r);
        }
    }

    /**
     * @param up upsampled length
     * @param r ratio ≥ 1
     * @return {@code floor(up / r)} with a small tolerance against round-off
     */
    static int originalSize(final int up, final double r) {
        return (int)Math.floor(up / r + FLOOR_TOLERANCE);
    }

    /** @return the original height H' = floor(H_up / r_y) */
    public int heightOriginal() {
        return heightOrig;
    }

    /** @return the original width W' = floor(W_up / r_x) */
    public int widthOriginal() {
        return widthOrig;
    }

    /** @return the number of original POI slices C' = floor(C / r_z) */
    public int slicesOriginal() {
        return slicesOrig;
    }

    /** @return camera column of an upsampled column coordinate */
    public double xToCamera(final double xUp) {
        return (xUp - (widthUp - 1) / 2.0) / rx + (widthOrig - 1) / 2.0;
    }

    /** @return camera row of an upsampled row coordinate */
    public double yToCamera(final double yUp) {
        return (yUp - (heightUp - 1) / 2.0) / ry + (heightOrig - 1) / 2.0;
    }

    /** @return original POI slice index of an upsampled channel coordinate */
    public double zToSlice(final double zUp) {
        return (zUp - (channels - 1) / 2.0) / rz + (slicesOrig - 1) / 2.0;
    }

    /** @return upsampled column coordinate of a camera column (inverse of {@link #xToCamera}) */
    public double xToUpsampled(final double xCam) {
        return (xCam - (widthOrig - 1) / 2.0) * rx + (widthUp - 1) / 2.0;
    }

    /** @return upsampled row coordinate of a camera row (inverse of {@link #yToCamera}) */
    public double yToUpsampled(final double yCam) {
        return (yCam - (heightOrig - 1) / 2.0) * ry + (heightUp - 1) / 2.0;
    }

    /** @return upsampled channel coordinate of an original slice index (inverse of {@link #zToSlice}) */
    public double zToUpsampled(final double zSlice) {
        return (zSlice - (slicesOrig - 1) / 2.0) * rz + (channels - 1) / 2.0;
    }

    /**
     * @param up detections on the upsampled grid
     * @return the same detections in camera pixels and original slice indices, amplitudes unchanged
     */
    public Detections toCamera(final Detections up) {
        final int n = up.size();
        final double[] x = new double[n];
        final double[] y = new double[n];
        final double[] z = new double[n];
        final double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = xToCamera(up.x(i));
            y[i] = yToCamera(up.y(i));
            z[i] = zToSlice(up.z(i));
            a[i] = up.amplitude(i);
        }
        return new Detections(x, y, z, a, false);
    }
}
