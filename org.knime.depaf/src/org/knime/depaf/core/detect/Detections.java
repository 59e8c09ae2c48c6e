package org.knime.depaf.core.detect;

import java.util.Arrays;
import java.util.Objects;

import org.knime.depaf.core.forward.SpotList;

/**
 * The detections of one frame or patch: a columnar, immutable list of positions and amplitudes.
 *
 * <p>Each column is one primitive array. What the numbers mean depends on the grid the detections live on,
 * which the producer documents:
 * <ul>
 * <li>from {@link Detector}: the upsampled map grid, 0-based, pixel centres at integers ({@code x} = column,
 * {@code y} = row), {@code z} = 0-based fractional POI-channel index (0 for a single-channel POI), and
 * {@code amplitude} = peak height in normalised intensity units (multiply by {@code normMax} for raw camera
 * units; §10 step 5);</li>
 * <li>after {@link CoordinateMapping#toCamera(Detections)}: camera pixels (0-based, centres at integers) and
 * the 0-based slice index of the original POI stack; amplitudes unchanged.</li>
 * </ul>
 * Detection order is the reference's: components in column-major order of their first pixel, groups in the
 * order the partition creates them.
 */
public final class Detections implements SpotList {

    /** No detections. */
    public static final Detections EMPTY = new Detections(new double[0], new double[0], new double[0],
        new double[0], false);

    private final double[] x;
    private final double[] y;
    private final double[] z;
    private final double[] amplitude;

    /**
     * @param x column coordinates (copied)
     * @param y row coordinates (copied)
     * @param z channel coordinates (copied)
     * @param amplitude amplitudes (copied)
     * @throws IllegalArgumentException if the arrays differ in length
     */
    public Detections(final double[] x, final double[] y, final double[] z, final double[] amplitude) {
        this(x.clone(), y.clone(), z.clone(), amplitude.clone(), true);
    }

    /** Takes ownership of the arrays (no copy); for producers in this package. */
    Detections(final double[] x, final double[] y, final double[] z, final double[] amplitude,
        final boolean check) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        Objects.requireNonNull(z, "z");
        Objects.requireNonNull(amplitude, "amplitude");
        if (check && (y.length != x.length || z.length != x.length || amplitude.length != x.length)) {
            throw new IllegalArgumentException("Detection columns must have equal lengths, got x " + x.length
                + ", y " + y.length + ", z " + z.length + ", amplitude " + amplitude.length);
        }
        this.x = x;
        this.y = y;
        this.z = z;
        this.amplitude = amplitude;
    }

    @Override
    public int size() {
        return x.length;
    }

    @Override
    public double x(final int i) {
        return x[i];
    }

    @Override
    public double y(final int i) {
        return y[i];
    }

    @Override
    public double z(final int i) {
        return z[i];
    }

    @Override
    public double amplitude(final int i) {
        return amplitude[i];
    }

    /** @return a copy of the x column */
    public double[] xs() {
        return x.clone();
    }

    /** @return a copy of the y column */
    public double[] ys() {
        return y.clone();
    }

    /** @return a copy of the z column */
    public double[] zs() {
        return z.clone();
    }

    /** @return a copy of the amplitude column */
    public double[] amplitudes() {
        return amplitude.clone();
    }

    @Override
    public boolean equals(final Object o) {
        if (!(o instanceof Detections)) {
            return false;
        }
        final Detections d = (Detections)o;
        return Arrays.equals(x, d.x) && Arrays.equals(y, d.y) && Arrays.equals(z, d.z)
            && Arrays.equals(amplitude, d.amplitude);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(x), Arrays.hashCode(y), Arrays.hashCode(z), Arrays.hashCode(amplitude));
    }

    @Override
    public String toString() {
        return size() + " detections";
    }
}
