package org.knime.depaf.core.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class TileGridTest {

    @Test
    void originsStepByTheStrideAndEndFlushWithTheBorder() {
        assertArrayEquals(new int[] {0, 128}, TileGrid.origins(384, 256, 128, "y"));
        assertArrayEquals(new int[] {0, 44}, TileGrid.origins(300, 256, 128, "y"));
        assertArrayEquals(new int[] {0}, TileGrid.origins(256, 256, 128, "y"));
        assertArrayEquals(new int[] {0, 3, 6}, TileGrid.origins(10, 4, 3, "x"));
        assertArrayEquals(new int[] {0, 4, 6}, TileGrid.origins(10, 4, 4, "x"));
        assertArrayEquals(new int[] {0, 1, 2}, TileGrid.origins(3, 1, 1, "x"));
    }

    @Test
    void tilesCoverEveryPixel() {
        for (final int[] c : new int[][] {{384, 256, 128}, {97, 32, 16}, {100, 64, 63}, {50, 50, 1}, {33, 8, 8}}) {
            final TileGrid grid = new TileGrid(c[0], c[0] + 5, c[1], c[1], c[2], c[2]);
            final int[] covered = new int[c[0] * (c[0] + 5)];
            for (int t = 0; t < grid.tileCount(); t++) {
                for (int i = 0; i < c[1]; i++) {
                    for (int j = 0; j < c[1]; j++) {
                        covered[(grid.tileY(t) + i) * (c[0] + 5) + grid.tileX(t) + j]++;
                    }
                }
            }
            for (final int v : covered) {
                assertTrue(v > 0);
            }
        }
    }

    @Test
    void gaussianWindowPeaksAtOneInTheCentreWithSigmaAQuarterOfTheLargerSize() {
        final float[] odd = TileGrid.gaussianWindow(5, 9);
        assertEquals(1f, odd[2 * 9 + 4], 0f);
        final double sigma = 9 / 4.0;
        assertEquals(Math.exp(-(4.0 + 16.0) / (2 * sigma * sigma)), odd[0], 1e-7);
        final float[] even = TileGrid.gaussianWindow(4, 4);
        // Centre between pixels: the four central pixels are the maxima.
        assertEquals(1f, even[5], 0f);
        assertEquals(1f, even[6], 0f);
        assertEquals(1f, even[9], 0f);
        assertEquals(1f, even[10], 0f);
        assertEquals(even[0], even[15], 0f);
        assertEquals(even[3], even[12], 0f);
    }

    @Test
    void stitchingTilesCutFromAMapReproducesTheMap() {
        final SplittableRandom rnd = new SplittableRandom(9);
        final int h = 70;
        final int w = 53;
        final int channels = 3;
        final float[] map = new float[channels * h * w];
        for (int i = 0; i < map.length; i++) {
            map[i] = (float)rnd.nextDouble(0, 2);
        }
        final TileGrid grid = new TileGrid(h, w, 32, 24, 16, 12);
        final TileAccumulator acc = grid.newAccumulator(channels);
        for (int t = 0; t < grid.tileCount(); t++) {
            acc.add(t, grid.cut(map, channels, t));
        }
        final float[] out = acc.result();
        // Sums of weighted values divided by sums of weights: equal up to float rounding.
        for (int i = 0; i < map.length; i++) {
            assertEquals(map[i], out[i], 1e-6f * Math.abs(map[i]) + 1e-7f, "value " + i);
        }
    }

    @Test
    void rejectsPatchesLargerThanTheFrameAndStridesLargerThanThePatch() {
        final IllegalArgumentException big =
            assertThrows(IllegalArgumentException.class, () -> new TileGrid(100, 100, 128, 64, 64, 32));
        assertTrue(big.getMessage().contains("Patch size along y"), big.getMessage());
        final IllegalArgumentException stride =
            assertThrows(IllegalArgumentException.class, () -> new TileGrid(100, 100, 64, 64, 64, 65));
        assertTrue(stride.getMessage().contains("stride along x"), stride.getMessage());
    }
}
