package org.knime.depaf.core.poi;

import java.util.Objects;

/**
 * The background ("homogeneous patch") box kernel B_k derived from the preprocessed POI (method spec §4).
 *
 * <ol>
 * <li>S = sum of the POI over its channels (h_P × w_P, both odd), centre ((h_P − 1)/2, (w_P − 1)/2) 0-based;</li>
 * <li>grow the square window [c − o, c + o]² (clipped to S) from o = 0 until its sum ≥ 0.95·sum(S); its size is
 * (a_y, a_x);</li>
 * <li>the box is 3·a_y × 3·a_x, except that a window dimension equal to 1 stays 1 (the 1-D case);</li>
 * <li>every entry is 1/(size_y·size_x), so the kernel sums to 1.</li>
 * </ol>
 * Immutable.
 */
public final class BackgroundKernel {

    private final int windowHeight;
    private final int windowWidth;
    private final int height;
    private final int width;

    private BackgroundKernel(final int windowHeight, final int windowWidth) {
        this.windowHeight = windowHeight;
        this.windowWidth = windowWidth;
        this.height = windowHeight == 1 ? 1 : 3 * windowHeight;
        this.width = windowWidth == 1 ? 1 : 3 * windowWidth;
    }

    /**
     * @param poi the preprocessed POI (non-negative)
     * @return the box kernel
     * @throws IllegalArgumentException if the POI sums to zero or less
     */
    public static BackgroundKernel fromPoi(final Poi poi) {
        Objects.requireNonNull(poi, "POI");
        final int h = poi.height();
        final int w = poi.width();
        final double[] s = new double[h * w];
        for (int c = 0; c < poi.channels(); c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    s[y * w + x] += poi.get(c, y, x);
                }
            }
        }
        double total = 0;
        for (final double v : s) {
            total += v;
        }
        if (!(total > 0)) {
            throw new IllegalArgumentException(poi.source() + ": the POI sums to " + total
                + "; the background kernel needs a POI with positive mass");
        }
        final int cy = (h - 1) / 2;
        final int cx = (w - 1) / 2;
        final double target = 0.95 * total;
        for (int o = 0;; o++) {
            final int y0 = Math.max(0, cy - o);
            final int y1 = Math.min(h - 1, cy + o);
            final int x0 = Math.max(0, cx - o);
            final int x1 = Math.min(w - 1, cx + o);
            double sum = 0;
            for (int y = y0; y <= y1; y++) {
                for (int x = x0; x <= x1; x++) {
                    sum += s[y * w + x];
                }
            }
            final boolean whole = y0 == 0 && x0 == 0 && y1 == h - 1 && x1 == w - 1;
            // the whole array always qualifies; the check guards against rounding in the last comparison
            if (sum >= target || whole) {
                return new BackgroundKernel(y1 - y0 + 1, x1 - x0 + 1);
            }
        }
    }

    /** @return rows of the 95 % window a_y */
    public int windowHeight() {
        return windowHeight;
    }

    /** @return columns of the 95 % window a_x */
    public int windowWidth() {
        return windowWidth;
    }

    /** @return kernel rows */
    public int height() {
        return height;
    }

    /** @return kernel columns */
    public int width() {
        return width;
    }

    /** @return the value of every entry, 1/(height·width) */
    public float value() {
        return (float)(1.0 / ((double)height * width));
    }

    /** @return the kernel as a new row-major array of height·width equal entries */
    public float[] values() {
        final float[] v = new float[height * width];
        java.util.Arrays.fill(v, value());
        return v;
    }

    @Override
    public String toString() {
        return "background box " + height + " × " + width + " (95 % window " + windowHeight + " × " + windowWidth
            + ")";
    }
}
