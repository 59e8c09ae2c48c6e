package org.knime.depaf.core.detect;

import java.util.Objects;

/**
 * The network's maps for one frame or patch, on the upsampled grid: the inputs of detection (§10).
 *
 * <ul>
 * <li>{@code a}: amplitude maps A, channel-major {@code C·h·w} (all channels, full POI);</li>
 * <li>{@code dsum}: {@code Dsum = Σ_c A_c ⊛ P_c}, {@code h·w};</li>
 * <li>{@code xbg}: the normalised, upsampled input minus the estimated background, {@code h·w}.</li>
 * </ul>
 * All arrays are row-major {@code float[]} in normalised intensity units. They are shared, not copied: treat
 * them as read-only once wrapped (as {@link org.knime.depaf.core.image.ImageStack} does).
 */
public final class FrameMaps {

    private final float[] a;
    private final int channels;
    private final int height;
    private final int width;
    private final float[] dsum;
    private final float[] xbg;

    /**
     * @param a amplitude maps, {@code channels·height·width}
     * @param channels number of channels C ≥ 1
     * @param height map height ≥ 1
     * @param width map width ≥ 1
     * @param dsum summed re-synthesis, {@code height·width}
     * @param xbg background-subtracted input, {@code height·width}
     * @throws IllegalArgumentException if a length does not match the sizes (the message names the array)
     */
    public FrameMaps(final float[] a, final int channels, final int height, final int width, final float[] dsum,
        final float[] xbg) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(dsum, "dsum");
        Objects.requireNonNull(xbg, "xbg");
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("Maps need at least one channel of at least 1 × 1 pixels, got "
                + channels + " × " + height + " × " + width);
        }
        final long n = (long)height * width;
        if (a.length != n * channels) {
            throw new IllegalArgumentException("Amplitude maps A: expected " + n * channels + " values for "
                + channels + " × " + height + " × " + width + ", got " + a.length);
        }
        if (dsum.length != n) {
            throw new IllegalArgumentException("Dsum: expected " + n + " values for " + height + " × " + width
                + ", got " + dsum.length);
        }
        if (xbg.length != n) {
            throw new IllegalArgumentException("Xbg: expected " + n + " values for " + height + " × " + width
                + ", got " + xbg.length);
        }
        this.a = a;
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.dsum = dsum;
        this.xbg = xbg;
    }

    /** @return the amplitude maps A (shared), channel-major */
    public float[] a() {
        return a;
    }

    /** @return number of channels C */
    public int channels() {
        return channels;
    }

    /** @return map height */
    public int height() {
        return height;
    }

    /** @return map width */
    public int width() {
        return width;
    }

    /** @return Dsum (shared) */
    public float[] dsum() {
        return dsum;
    }

    /** @return Xbg (shared) */
    public float[] xbg() {
        return xbg;
    }

    /** @return {@code A2 = Σ_c A_c}, a new {@code h·w} array (summed in channel order, in float) */
    public float[] summedAmplitude() {
        final int n = height * width;
        final float[] a2 = new float[n];
        for (int c = 0; c < channels; c++) {
            final int off = c * n;
            for (int i = 0; i < n; i++) {
                a2[i] += a[off + i];
            }
        }
        return a2;
    }
}
