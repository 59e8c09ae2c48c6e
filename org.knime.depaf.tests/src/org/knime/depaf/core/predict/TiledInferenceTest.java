package org.knime.depaf.core.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.knime.depaf.core.detect.TileGrid;
import org.knime.depaf.core.image.ImageStack;
import org.knime.depaf.core.net.NetworkOutput;
import org.knime.depaf.core.util.Monitor;

class TiledInferenceTest {

    private static final int H = 40;
    private static final int W = 48;

    @ParameterizedTest
    @CsvSource({"16, 16, 8, 8", "16, 24, 16, 24", "32, 16, 5, 3", "40, 48, 20, 24", "8, 8, 1, 1"})
    void tiledMapsEqualTheWholeFrameMapsForAPointwiseInference(final int ph, final int pw, final int sy,
        final int sx) {
        final float[] frames = randomFrames(3, 11);
        final TiledInference tiled =
            new TiledInference(new TileGrid(H, W, ph, pw, sy, sx), 1, PredictionFixtures::pointwise, 1 << 10);
        final BatchMaps maps = tiled.infer(frames, 3, Monitor.NONE);
        final NetworkOutput whole = PredictionFixtures.pointwise(new ImageStack(frames, 3, H, W, Double.NaN, "x"));
        final int plane = H * W;
        for (int f = 0; f < 3; f++) {
            for (int i = 0; i < plane; i++) {
                // a weighted mean of equal values: equal up to float rounding of the blending
                assertEquals(whole.amplitudes()[f * plane + i], maps.amplitudes(f)[i], 1e-6, "A");
                assertEquals(whole.signal()[f * plane + i], maps.signal(f)[i], 3e-6, "Dsum");
                assertEquals(whole.background()[f * plane + i], maps.background(f)[i], 1e-6, "BG");
            }
        }
    }

    @Test
    void aSingleTileCoveringTheFrameReturnsTheInferenceOutputUnchanged() {
        final float[] frames = randomFrames(2, 5);
        final TiledInference tiled =
            new TiledInference(new TileGrid(H, W, H, W, H, W), 1, PredictionFixtures::pointwise, 1);
        final BatchMaps maps = tiled.infer(frames, 2, Monitor.NONE);
        final NetworkOutput whole = PredictionFixtures.pointwise(new ImageStack(frames, 2, H, W, Double.NaN, "x"));
        final int plane = H * W;
        for (int f = 0; f < 2; f++) {
            assertArrayEquals(java.util.Arrays.copyOfRange(whole.amplitudes(), f * plane, (f + 1) * plane),
                maps.amplitudes(f));
            assertArrayEquals(java.util.Arrays.copyOfRange(whole.background(), f * plane, (f + 1) * plane),
                maps.background(f));
        }
    }

    @Test
    void resultsDoNotDependOnHowTilesAreChunked() {
        final float[] frames = randomFrames(4, 3);
        final TileGrid grid = new TileGrid(H, W, 16, 16, 7, 9);
        final TileInference position = PositionDependent::infer;
        final BatchMaps one = new TiledInference(grid, 1, position, 1).infer(frames, 4, Monitor.NONE);
        final BatchMaps all = new TiledInference(grid, 1, position, Long.MAX_VALUE).infer(frames, 4, Monitor.NONE);
        assertEquals(1, new TiledInference(grid, 1, position, 1).chunkTiles());
        for (int f = 0; f < 4; f++) {
            assertArrayEquals(one.amplitudes(f), all.amplitudes(f));
            assertArrayEquals(one.signal(f), all.signal(f));
        }
    }

    @Test
    void overlappingTilesAreBlendedWithTheirGaussianWeights() {
        // every tile returns its own row origin: the blended value is the window-weighted mean of the origins
        final TileGrid grid = new TileGrid(H, 8, 16, 8, 8, 8);
        final TileInference origin = new TileInference() {
            private int next;

            @Override
            public NetworkOutput infer(final ImageStack p) {
                final float[] a = new float[p.pixels().length];
                for (int b = 0; b < p.frames(); b++) {
                    java.util.Arrays.fill(a, b * 16 * 8, (b + 1) * 16 * 8, grid.tileY(next++ % grid.tileCount()));
                }
                return new NetworkOutput(a, a.clone(), a.clone(), p.frames(), 1, 16, 8);
            }
        };
        final BatchMaps maps = new TiledInference(grid, 1, origin, 1 << 20).infer(new float[H * 8], 1, Monitor.NONE);
        final float[] win = TileGrid.gaussianWindow(16, 8);
        final int y = 20; // covered by the tiles at rows 8 (local row 12) and 16 (local row 4)
        final double expected = (win[12 * 8 + 3] * 8.0 + win[4 * 8 + 3] * 16.0) / (win[12 * 8 + 3] + win[4 * 8 + 3]);
        assertEquals(expected, maps.amplitudes(0)[y * 8 + 3], 1e-5);
    }

    private static float[] randomFrames(final int n, final long seed) {
        final SplittableRandom r = new SplittableRandom(seed);
        final float[] px = new float[n * H * W];
        for (int i = 0; i < px.length; i++) {
            px[i] = (float)r.nextDouble();
        }
        return px;
    }

    /** A shift-variant stand-in: A(y, x) = x·(mean of the patch), so tiles genuinely differ. */
    private static final class PositionDependent {
        static NetworkOutput infer(final ImageStack p) {
            final int h = p.height();
            final int w = p.width();
            final float[] a = new float[p.pixels().length];
            for (int b = 0; b < p.frames(); b++) {
                double mean = 0;
                for (int i = 0; i < h * w; i++) {
                    mean += p.pixels()[b * h * w + i];
                }
                mean /= h * w;
                for (int i = 0; i < h * w; i++) {
                    a[b * h * w + i] = (float)(i % w * mean);
                }
            }
            return new NetworkOutput(a, a.clone(), new float[a.length], p.frames(), 1, h, w);
        }
    }
}
