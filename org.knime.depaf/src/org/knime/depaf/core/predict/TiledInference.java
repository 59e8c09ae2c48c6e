package org.knime.depaf.core.predict;

import java.util.Arrays;
import java.util.Objects;

import org.knime.depaf.core.detect.TileAccumulator;
import org.knime.depaf.core.detect.TileGrid;
import org.knime.depaf.core.image.ImageStack;
import org.knime.depaf.core.net.NetworkOutput;
import org.knime.depaf.core.util.Monitor;

/**
 * Tiled inference with Gaussian blending over a batch of frames (depaf-method.md §12 step 2).
 *
 * <p>Every frame of the batch is cut into the tiles of a {@link TileGrid}; the tiles of <em>all</em> frames are
 * inferred together, in chunks of at most {@code chunkPixels} input pixels (at least one tile) so that one call
 * never holds more than that many patches. Each tile's A, Dsum and BG are weighted by the grid's Gaussian window,
 * accumulated per frame ({@link TileAccumulator}) and divided by the summed weights. When one tile covers the whole
 * frame, the maps are the inference output unchanged (no blending, so no rounding).
 *
 * <p>Cancellation is checked before every chunk. Tiles are accumulated in the same order whatever the chunking, so
 * the chunk size changes nothing as long as the inference gives a patch the same output whatever else is in its
 * call (an engine may round differently for other batch sizes). Not thread-safe (the inference usually is not).
 */
public final class TiledInference {

    /** Default pixels per inference call: 2^17, the chunk the SameDiff network uses internally. */
    public static final long DEFAULT_CHUNK_PIXELS = 1L << 17;

    private final TileGrid grid;
    private final int channels;
    private final TileInference inference;
    private final int chunkTiles;

    /**
     * @param grid the tiling of one upsampled frame
     * @param channels number of amplitude channels C the inference returns
     * @param inference the inference function
     * @param chunkPixels the most input pixels per inference call (at least one tile is always sent)
     */
    public TiledInference(final TileGrid grid, final int channels, final TileInference inference,
        final long chunkPixels) {
        this.grid = Objects.requireNonNull(grid, "grid");
        this.inference = Objects.requireNonNull(inference, "inference");
        if (channels < 1) {
            throw new IllegalArgumentException("Number of amplitude channels must be at least 1, got " + channels);
        }
        if (chunkPixels < 1) {
            throw new IllegalArgumentException("Chunk size must be at least 1 pixel, got " + chunkPixels);
        }
        this.channels = channels;
        final long tilePixels = (long)grid.tileHeight() * grid.tileWidth();
        this.chunkTiles = (int)Math.max(1, Math.min(Integer.MAX_VALUE / tilePixels, chunkPixels / tilePixels));
    }

    /** @return the tile grid */
    public TileGrid grid() {
        return grid;
    }

    /** @return the most tiles per inference call */
    public int chunkTiles() {
        return chunkTiles;
    }

    /**
     * Infers a batch of frames.
     *
     * @param frames n upsampled, normalised frames of the grid's size, frame-major, row-major
     * @param n number of frames, ≥ 1
     * @param monitor cancellation (checked per chunk); progress is not reported here
     * @return the blended maps of the n frames
     */
    public BatchMaps infer(final float[] frames, final int n, final Monitor monitor) {
        final int h = grid.height();
        final int w = grid.width();
        final int plane = h * w;
        if (n < 1 || frames.length != (long)n * plane) {
            throw new IllegalArgumentException("Expected " + n + " frames of " + h + " × " + w + " (" + (long)n
                * plane + " values), got " + frames.length + " values");
        }
        final int ph = grid.tileHeight();
        final int pw = grid.tileWidth();
        final int tilePixels = ph * pw;
        final int tiles = grid.tileCount();
        final long total = (long)n * tiles;
        final boolean wholeFrame = tiles == 1 && ph == h && pw == w;
        final float[][] a = new float[n][];
        final float[][] d = new float[n][];
        final float[][] bg = new float[n][];
        final TileAccumulator[] acc = wholeFrame ? null : new TileAccumulator[n];
        final int mapChannels = channels + 2;
        final float[] tileMaps = wholeFrame ? null : new float[mapChannels * tilePixels];
        for (long start = 0; start < total; start += chunkTiles) {
            monitor.checkCancelled();
            final int m = (int)Math.min(chunkTiles, total - start);
            final float[] in = new float[m * tilePixels];
            for (int k = 0; k < m; k++) {
                final int f = (int)((start + k) / tiles);
                final int t = (int)((start + k) % tiles);
                final int y0 = grid.tileY(t);
                final int x0 = grid.tileX(t);
                for (int i = 0; i < ph; i++) {
                    System.arraycopy(frames, f * plane + (y0 + i) * w + x0, in, k * tilePixels + i * pw, pw);
                }
            }
            final NetworkOutput out = inference.infer(new ImageStack(in, m, ph, pw, Double.NaN, "tiles"));
            check(out, m, ph, pw);
            final float[] oa = out.amplitudes();
            final float[] od = out.signal();
            final float[] ob = out.background();
            for (int k = 0; k < m; k++) {
                final int f = (int)((start + k) / tiles);
                final int t = (int)((start + k) % tiles);
                if (wholeFrame) {
                    a[f] = Arrays.copyOfRange(oa, k * channels * tilePixels, (k + 1) * channels * tilePixels);
                    d[f] = Arrays.copyOfRange(od, k * tilePixels, (k + 1) * tilePixels);
                    bg[f] = Arrays.copyOfRange(ob, k * tilePixels, (k + 1) * tilePixels);
                    continue;
                }
                // one accumulator per frame for A, Dsum and BG together: one window pass per tile
                System.arraycopy(oa, k * channels * tilePixels, tileMaps, 0, channels * tilePixels);
                System.arraycopy(od, k * tilePixels, tileMaps, channels * tilePixels, tilePixels);
                System.arraycopy(ob, k * tilePixels, tileMaps, (channels + 1) * tilePixels, tilePixels);
                if (acc[f] == null) {
                    acc[f] = grid.newAccumulator(mapChannels);
                }
                acc[f].add(t, tileMaps);
                if (t == tiles - 1) {
                    final float[] r = acc[f].result();
                    acc[f] = null; // free the sums as soon as the frame is complete
                    a[f] = Arrays.copyOfRange(r, 0, channels * plane);
                    d[f] = Arrays.copyOfRange(r, channels * plane, (channels + 1) * plane);
                    bg[f] = Arrays.copyOfRange(r, (channels + 1) * plane, (channels + 2) * plane);
                }
            }
        }
        return new BatchMaps(a, d, bg, channels, h, w);
    }

    private void check(final NetworkOutput out, final int m, final int ph, final int pw) {
        if (out.patches() != m || out.channels() != channels || out.height() != ph || out.width() != pw) {
            throw new IllegalStateException("Inference returned " + out.patches() + " × " + out.channels() + " × "
                + out.height() + " × " + out.width() + " maps for " + m + " patches of " + ph + " × " + pw
                + ", expected " + m + " × " + channels + " × " + ph + " × " + pw);
        }
    }
}
