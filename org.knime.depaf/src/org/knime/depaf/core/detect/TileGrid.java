package org.knime.depaf.core.detect;

import java.util.Arrays;

/**
 * Tiling of an upsampled frame for patch-wise inference with Gaussian blending (§12 step 2).
 *
 * <p>Tiles are {@code p_y × p_x}; their origins along an axis of length {@code n} are
 * {@code 0, s, 2s, …}, each clamped to {@code n − p}, stopping after the first clamped origin, so the last
 * tile is flush with the border (the reference's loop). Each tile's output is weighted by
 * {@link #gaussianWindow}, accumulated, and divided by the summed weights ({@link TileAccumulator}).
 *
 * <p>Immutable and thread-safe.
 */
public final class TileGrid {

    private final int height;
    private final int width;
    private final int tileHeight;
    private final int tileWidth;
    private final int[] originsY;
    private final int[] originsX;

    /**
     * @param height frame height (upsampled grid)
     * @param width frame width
     * @param tileHeight tile height p_y, 1 ≤ p_y ≤ height
     * @param tileWidth tile width p_x, 1 ≤ p_x ≤ width
     * @param strideY stride s_y, 1 ≤ s_y ≤ p_y
     * @param strideX stride s_x, 1 ≤ s_x ≤ p_x
     * @throws IllegalArgumentException naming the bad size
     */
    public TileGrid(final int height, final int width, final int tileHeight, final int tileWidth,
        final int strideY, final int strideX) {
        originsY = origins(height, tileHeight, strideY, "y");
        originsX = origins(width, tileWidth, strideX, "x");
        this.height = height;
        this.width = width;
        this.tileHeight = tileHeight;
        this.tileWidth = tileWidth;
    }

    /**
     * Tile origins along one axis.
     *
     * @param n axis length
     * @param p tile size, 1 ≤ p ≤ n
     * @param s stride, 1 ≤ s ≤ p
     * @param axis axis name for messages
     * @return 0-based origins, increasing, the last one equal to n − p
     */
    public static int[] origins(final int n, final int p, final int s, final String axis) {
        if (n < 1) {
            throw new IllegalArgumentException("Frame size along " + axis + " must be at least 1, got " + n);
        }
        if (p < 1 || p > n) {
            throw new IllegalArgumentException("Patch size along " + axis + " must be between 1 and the upsampled "
                + "frame size " + n + ", got " + p);
        }
        if (s < 1 || s > p) {
            throw new IllegalArgumentException("Patch stride along " + axis + " must be between 1 and the patch "
                + "size " + p + ", got " + s);
        }
        int[] out = new int[8];
        int count = 0;
        for (int i = 0;; i += s) {
            final int o = Math.min(i, n - p);
            if (count == out.length) {
                out = Arrays.copyOf(out, count * 2);
            }
            out[count++] = o;
            if (o == n - p) {
                break;
            }
        }
        return Arrays.copyOf(out, count);
    }

    /**
     * The blending weights: a 2-D Gaussian of size {@code py × px} with {@code σ = max(py, px)/4}, centred
     * on the tile centre {@code ((py−1)/2, (px−1)/2)} (between pixels for even sizes), scaled to peak 1 (MATLAB
     * {@code fspecial('gaussian', patchSize, σ)} divided by its maximum).
     *
     * @param py tile height
     * @param px tile width
     * @return row-major weights, {@code py·px}
     */
    public static float[] gaussianWindow(final int py, final int px) {
        if (py < 1 || px < 1) {
            throw new IllegalArgumentException("Patch size must be at least 1 × 1, got " + py + " × " + px);
        }
        final double sigma = Math.max(py, px) / 4.0;
        final double cy = (py - 1) / 2.0;
        final double cx = (px - 1) / 2.0;
        final double[] w = new double[py * px];
        double max = 0;
        for (int i = 0; i < py; i++) {
            for (int j = 0; j < px; j++) {
                final double d2 = (i - cy) * (i - cy) + (j - cx) * (j - cx);
                w[i * px + j] = Math.exp(-d2 / (2 * sigma * sigma));
                max = Math.max(max, w[i * px + j]);
            }
        }
        final float[] out = new float[w.length];
        for (int i = 0; i < w.length; i++) {
            out[i] = (float)(w[i] / max);
        }
        return out;
    }

    /** @return frame height */
    public int height() {
        return height;
    }

    /** @return frame width */
    public int width() {
        return width;
    }

    /** @return tile height */
    public int tileHeight() {
        return tileHeight;
    }

    /** @return tile width */
    public int tileWidth() {
        return tileWidth;
    }

    /** @return a copy of the row origins */
    public int[] originsY() {
        return originsY.clone();
    }

    /** @return a copy of the column origins */
    public int[] originsX() {
        return originsX.clone();
    }

    /** @return number of tiles (rows × columns of tiles) */
    public int tileCount() {
        return originsY.length * originsX.length;
    }

    /** @return row origin of tile t (tiles ordered row of tiles by row of tiles, as the reference) */
    public int tileY(final int t) {
        return originsY[t / originsX.length];
    }

    /** @return column origin of tile t */
    public int tileX(final int t) {
        return originsX[t % originsX.length];
    }

    /**
     * Copies one tile out of a multi-channel frame.
     *
     * @param frame channel-major frame, {@code channels·height·width}
     * @param channels number of channels
     * @param t tile index
     * @return channel-major tile, {@code channels·p_y·p_x}
     */
    public float[] cut(final float[] frame, final int channels, final int t) {
        if (frame.length != channels * height * width) {
            throw new IllegalArgumentException("Frame holds " + frame.length + " values, expected " + channels
                + " × " + height + " × " + width);
        }
        final int y0 = tileY(t);
        final int x0 = tileX(t);
        final float[] out = new float[channels * tileHeight * tileWidth];
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < tileHeight; i++) {
                System.arraycopy(frame, (c * height + y0 + i) * width + x0, out, (c * tileHeight + i) * tileWidth,
                    tileWidth);
            }
        }
        return out;
    }

    /**
     * @param channels number of channels of the maps to blend
     * @return a new accumulator for maps with this many channels on this grid
     */
    public TileAccumulator newAccumulator(final int channels) {
        return new TileAccumulator(this, channels);
    }
}
