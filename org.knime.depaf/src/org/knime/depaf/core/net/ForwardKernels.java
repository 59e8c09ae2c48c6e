package org.knime.depaf.core.net;

import java.util.Arrays;
import java.util.Objects;

import org.knime.depaf.core.poi.Poi;
import org.knime.depaf.core.poi.SeparablePoi;

/**
 * The fixed kernels of the forward model (depaf-method.md §4, §6): the full POI, {@code C × h_P × w_P}, and
 * the size of the uniform background box {@code h_B × w_B} (entries 1/(h_B·w_B)).
 *
 * <p>The POI is given as a pattern, not as a correlation kernel: {@code D_c = A_c ⊛ P_c} is a true
 * convolution, so a delta in {@code A_c} at (y, x) yields {@code P_c} centred at (y, x), its centre pixel
 * ((h_P−1)/2, (w_P−1)/2) on (y, x). Values are channel-major, row-major (index {@code (c·h_P + y)·w_P + x}), as
 * in {@link Poi}. All sizes must be odd so that "same" convolution is centred. Immutable.
 */
public final class ForwardKernels {

    private final float[] poi;
    private final int channels;
    private final int poiHeight;
    private final int poiWidth;
    private final int boxHeight;
    private final int boxWidth;
    private volatile int separableRank = -1;

    /** The largest rank for which a separable convolution is used: r·(h + w) must stay below h·w / 3. */
    private static final double SEPARABLE_GAIN = 3;

    /** Largest residual, relative to a slice's norm, for the POI to count as separable with some rank. */
    private static final double SEPARABLE_TOLERANCE = 1e-4;

    /**
     * @param poi POI values, channel-major, row-major, length channels·poiHeight·poiWidth (copied)
     * @param channels number of POI channels C ≥ 1
     * @param poiHeight odd POI height
     * @param poiWidth odd POI width
     * @param boxHeight odd background box height (ignored by networks without a background channel)
     * @param boxWidth odd background box width
     */
    public ForwardKernels(final float[] poi, final int channels, final int poiHeight, final int poiWidth,
        final int boxHeight, final int boxWidth) {
        Objects.requireNonNull(poi, "poi");
        if (channels < 1) {
            throw new IllegalArgumentException("POI channels must be at least 1, got " + channels);
        }
        requireOdd("POI height", poiHeight);
        requireOdd("POI width", poiWidth);
        requireOdd("background box height", boxHeight);
        requireOdd("background box width", boxWidth);
        if ((long)channels * poiHeight * poiWidth != poi.length) {
            throw new IllegalArgumentException("POI of " + channels + " × " + poiHeight + " × " + poiWidth
                + " needs " + (long)channels * poiHeight * poiWidth + " values, got " + poi.length);
        }
        requireFinite("POI", poi);
        this.poi = poi.clone();
        this.channels = channels;
        this.poiHeight = poiHeight;
        this.poiWidth = poiWidth;
        this.boxHeight = boxHeight;
        this.boxWidth = boxWidth;
    }

    /**
     * @param poi the preprocessed (resampled, normalised) POI
     * @param boxHeight odd background box height
     * @param boxWidth odd background box width
     * @return the kernels of that POI and box
     */
    public static ForwardKernels of(final Poi poi, final int boxHeight, final int boxWidth) {
        return new ForwardKernels(poi.values(), poi.channels(), poi.height(), poi.width(), boxHeight, boxWidth);
    }

    private static void requireOdd(final String what, final int size) {
        if (size < 1 || size % 2 == 0) {
            throw new IllegalArgumentException(what + " must be a positive odd number of pixels, got " + size);
        }
    }

    static void requireFinite(final String what, final float[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new IllegalArgumentException(what + " value " + i + " is " + values[i]
                    + ": all values must be finite");
            }
        }
    }

    /** @return a copy of the POI, channel-major, row-major */
    public float[] poi() {
        return poi.clone();
    }

    /** @return the number of values of a POI of these dimensions, C·h_P·w_P */
    public int poiLength() {
        return poi.length;
    }

    /**
     * @return r &gt; 0 when every POI slice is a sum of r separable (column × row) patterns, within 1e-4 of its norm,
     *         with r·(h_P + w_P) below a third of h_P·w_P, so that the forward model may convolve with the separable
     *         terms (cheaper); 0 otherwise, and for single-channel POIs (computed once, on first use)
     */
    public int separableRank() {
        int r = separableRank;
        if (r < 0) {
            final int maxRank = (int)Math.floor(poiHeight * (double)poiWidth / SEPARABLE_GAIN / (poiHeight + poiWidth));
            r = channels == 1 || maxRank < 1 ? 0
                : SeparablePoi.rank(poi, channels, poiHeight, poiWidth, maxRank, SEPARABLE_TOLERANCE);
            separableRank = r;
        }
        return r;
    }

    /** @return number of POI channels C */
    public int channels() {
        return channels;
    }

    /** @return POI height h_P (odd) */
    public int poiHeight() {
        return poiHeight;
    }

    /** @return POI width w_P (odd) */
    public int poiWidth() {
        return poiWidth;
    }

    /** @return background box height h_B (odd) */
    public int boxHeight() {
        return boxHeight;
    }

    /** @return background box width w_B (odd) */
    public int boxWidth() {
        return boxWidth;
    }

    @Override
    public boolean equals(final Object o) {
        if (!(o instanceof ForwardKernels)) {
            return false;
        }
        final ForwardKernels k = (ForwardKernels)o;
        return channels == k.channels && poiHeight == k.poiHeight && poiWidth == k.poiWidth
            && boxHeight == k.boxHeight && boxWidth == k.boxWidth && Arrays.equals(poi, k.poi);
    }

    @Override
    public int hashCode() {
        return Objects.hash(channels, poiHeight, poiWidth, boxHeight, boxWidth, Arrays.hashCode(poi));
    }

    @Override
    public String toString() {
        return "POI " + channels + " × " + poiHeight + " × " + poiWidth + ", background box " + boxHeight + " × "
            + boxWidth;
    }
}
