package org.knime.depaf.core.detect;

/**
 * Blends per-tile maps into a frame: adds {@code w·map} and {@code w} per tile, and divides at the end
 * (§12 step 2). {@code w} is {@link TileGrid#gaussianWindow}; sums are kept in {@code float}, as the
 * reference does, so a constant map is reproduced to float rounding (relative error about 1e-7).
 *
 * <p>Mutable and not thread-safe: use one accumulator per map kind (A, D, BG) and add tiles from one thread
 * (or synchronise externally).
 */
public final class TileAccumulator {

    private final TileGrid grid;
    private final int channels;
    private final float[] window;
    private final float[] sum;
    private final float[] weight;

    TileAccumulator(final TileGrid grid, final int channels) {
        if (channels < 1) {
            throw new IllegalArgumentException("Number of channels must be at least 1, got " + channels);
        }
        this.grid = grid;
        this.channels = channels;
        window = TileGrid.gaussianWindow(grid.tileHeight(), grid.tileWidth());
        sum = new float[channels * grid.height() * grid.width()];
        weight = new float[grid.height() * grid.width()];
    }

    /**
     * Adds one tile's maps.
     *
     * @param t tile index in the grid
     * @param tile channel-major maps of the tile, {@code channels·p_y·p_x}
     */
    public void add(final int t, final float[] tile) {
        final int py = grid.tileHeight();
        final int px = grid.tileWidth();
        final int h = grid.height();
        final int w = grid.width();
        if (tile.length != channels * py * px) {
            throw new IllegalArgumentException("Tile holds " + tile.length + " values, expected " + channels + " × "
                + py + " × " + px);
        }
        final int y0 = grid.tileY(t);
        final int x0 = grid.tileX(t);
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < py; i++) {
                final int o = (c * h + y0 + i) * w + x0;
                final int k = (c * py + i) * px;
                for (int j = 0; j < px; j++) {
                    sum[o + j] += tile[k + j] * window[i * px + j];
                }
            }
        }
        for (int i = 0; i < py; i++) {
            final int o = (y0 + i) * w + x0;
            for (int j = 0; j < px; j++) {
                weight[o + j] += window[i * px + j];
            }
        }
    }

    /**
     * @return the blended maps, channel-major {@code channels·height·width} (a new array); pixels no tile
     *         covered (impossible with a {@link TileGrid}) would be NaN
     */
    public float[] result() {
        final int n = grid.height() * grid.width();
        final float[] out = new float[sum.length];
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < n; i++) {
                out[c * n + i] = sum[c * n + i] / weight[i];
            }
        }
        return out;
    }
}
