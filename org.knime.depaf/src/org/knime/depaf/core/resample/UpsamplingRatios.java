package org.knime.depaf.core.resample;

/**
 * DEPAF's {@code upsamplRatio}: the interpolation factors (r_y, r_x, r_z) of the data rows, data columns and POI
 * slices (method spec §2.2, §3.1). Immutable value type.
 *
 * <p>Each ratio is a number from 1 to {@link #MAX}. A ratio must be exactly 1 along an axis of size 1 (a 1-D
 * trace has width 1; a single-slice POI has one z slice); {@link #requireCompatible} checks that against actual
 * sizes.
 */
public final class UpsamplingRatios {

    /**
     * The largest ratio a user may ask for: far beyond the reference's 1.5 to 4, small enough that upsampled
     * frames stay within memory.
     */
    public static final double MAX_REQUESTED = 16;

    /**
     * The largest ratio of any instance: a requested ratio up to {@link #MAX_REQUESTED} after the odd-size rule of
     * {@link #adjustedToOddSizes}, which adds less than 1. Larger values (in a damaged model file) would make
     * frames of terabytes.
     */
    public static final double MAX = MAX_REQUESTED + 1;

    private final double y;
    private final double x;
    private final double z;

    /**
     * @param y ratio along rows
     * @param x ratio along columns
     * @param z ratio along POI slices
     * @throws IllegalArgumentException naming "upsampling ratio" if a value is NaN, below 1 or above {@link #MAX}
     */
    public UpsamplingRatios(final double y, final double x, final double z) {
        this.y = check(y, "y");
        this.x = check(x, "x");
        this.z = check(z, "z");
    }

    /** @return the reference's usual ratios for 2-D data: 1.5 in y and x, 1 in z */
    public static UpsamplingRatios standard2d() {
        return new UpsamplingRatios(1.5, 1.5, 1);
    }

    private static double check(final double r, final String axis) {
        if (!(r >= 1 && r <= MAX)) {
            throw new IllegalArgumentException("The " + axis + " upsampling ratio must be a number from 1 to "
                + (int)MAX + ", got " + r);
        }
        return r;
    }

    public double y() {
        return y;
    }

    public double x() {
        return x;
    }

    public double z() {
        return z;
    }

    /**
     * Checks that the ratio is 1 along every axis of size 1.
     *
     * @param height rows of the data or POI (y)
     * @param width columns (x)
     * @param slices POI slices (z), or 1 to skip the z check for data
     * @param what "data" or "POI", for the message
     * @return this
     * @throws IllegalArgumentException naming "upsampling ratio", the axis and its size
     */
    public UpsamplingRatios requireCompatible(final int height, final int width, final int slices,
        final String what) {
        requireOneIfSingleton(y, height, "y", "height", what);
        requireOneIfSingleton(x, width, "x", "width", what);
        requireOneIfSingleton(z, slices, "z", "number of slices", what);
        return this;
    }

    private static void requireOneIfSingleton(final double r, final int n, final String axis, final String dim,
        final String what) {
        if (n == 1 && r != 1) {
            throw new IllegalArgumentException("The " + axis + " upsampling ratio must be 1 because the " + what
                + " " + dim + " is 1, got " + r);
        }
    }

    /**
     * The odd-size rule of §3.1 step 3: for each axis with m = ceil(n·r) even, r becomes (m + 0.5)/n, so that
     * ceil(n·r) = m + 1 is odd.
     *
     * @param height POI rows
     * @param width POI columns
     * @param slices POI slices
     * @return the adjusted ratios (this instance if nothing changes)
     */
    public UpsamplingRatios adjustedToOddSizes(final int height, final int width, final int slices) {
        final double ay = oddRatio(height, y);
        final double ax = oddRatio(width, x);
        final double az = oddRatio(slices, z);
        return ay == y && ax == x && az == z ? this : new UpsamplingRatios(ay, ax, az);
    }

    /** @return r, or (m + 0.5)/n when m = ceil(n·r) is even */
    public static double oddRatio(final int n, final double r) {
        final double m = Math.ceil(n * r);
        return m % 2 == 0 ? (m + 0.5) / n : r;
    }

    @Override
    public boolean equals(final Object o) {
        if (!(o instanceof UpsamplingRatios)) {
            return false;
        }
        final UpsamplingRatios r = (UpsamplingRatios)o;
        return Double.compare(y, r.y) == 0 && Double.compare(x, r.x) == 0 && Double.compare(z, r.z) == 0;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(y) * 31 * 31 + Double.hashCode(x) * 31 + Double.hashCode(z);
    }

    @Override
    public String toString() {
        return "upsampling ratios (y " + y + ", x " + x + ", z " + z + ")";
    }
}
