package org.knime.depaf.core.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RoiPartitionTest {

    private static final int W = 10;
    private static final int H = 9;

    /** Partitions the single component of the pixels {row, col, value} and returns the groups as {row, col} lists. */
    private static int[][][] partition(final double[]... pixels) {
        final float[] map = new float[H * W];
        for (final double[] p : pixels) {
            map[(int)p[0] * W + (int)p[1]] = (float)p[2];
        }
        final ConnectedComponents cc = ConnectedComponents.above(map, H, W, 0);
        assertEquals(1, cc.count(), "test blob must be one component");
        final RoiPartition.Groups groups = new RoiPartition.Groups();
        RoiPartition.partition(cc.pixelArray(), cc.start(0), cc.end(0), map, W, groups);
        final int[][][] out = new int[groups.count()][][];
        for (int g = 0; g < groups.count(); g++) {
            final int[] idx = groups.group(g);
            out[g] = new int[idx.length][];
            for (int k = 0; k < idx.length; k++) {
                out[g][k] = new int[] {idx[k] / W, idx[k] % W};
            }
        }
        return out;
    }

    @Test
    void threeByTwoBlobGivesOneTwoByTwoGroupAndOnePair() {
        // Rows 3..5, columns 4..5, all equal.
        final int[][][] g = partition(new double[] {3, 4, 1}, new double[] {4, 4, 1}, new double[] {5, 4, 1},
            new double[] {3, 5, 1}, new double[] {4, 5, 1}, new double[] {5, 5, 1});
        assertEquals(2, g.length);
        assertArrayEquals(new int[][] {{3, 4}, {4, 4}, {3, 5}, {4, 5}}, g[0]);
        assertArrayEquals(new int[][] {{5, 4}, {5, 5}}, g[1]);
    }

    @Test
    void twoByThreeBlobGroupsTheFirstVisitedColumnsTogether() {
        // Columns 2..4, rows 6..7; the right column is brighter, but the left column is visited first
        // (column-major), so the first window is chosen around (6, 2): down-right wins.
        final int[][][] g = partition(new double[] {6, 2, 1}, new double[] {7, 2, 1}, new double[] {6, 3, 1},
            new double[] {7, 3, 1}, new double[] {6, 4, 5}, new double[] {7, 4, 5});
        assertEquals(2, g.length);
        assertArrayEquals(new int[][] {{6, 2}, {7, 2}, {6, 3}, {7, 3}}, g[0]);
        assertArrayEquals(new int[][] {{6, 4}, {7, 4}}, g[1]);
    }

    @Test
    void componentWithinTwoByTwoIsOneGroupEvenIfDiagonal() {
        final int[][][] g = partition(new double[] {2, 2, 1}, new double[] {3, 3, 1});
        assertEquals(1, g.length);
        assertArrayEquals(new int[][] {{2, 2}, {3, 3}}, g[0]);
    }

    @Test
    void verticalLineOfThreeEqualPixelsTakesTheFirstOfTiedWindows() {
        // Priorities 2, 3, 2: the top pixel is visited first; its down-left and down-right windows tie
        // (sum 2) and down-left comes first; the bottom pixel is left alone.
        final int[][][] g = partition(new double[] {1, 5, 1}, new double[] {2, 5, 1}, new double[] {3, 5, 1});
        assertEquals(2, g.length);
        assertArrayEquals(new int[][] {{1, 5}, {2, 5}}, g[0]);
        assertArrayEquals(new int[][] {{3, 5}}, g[1]);
    }

    @Test
    void horizontalLineOfThreeEqualPixelsTakesTheUpRightWindowFirst() {
        final int[][][] g = partition(new double[] {4, 1, 1}, new double[] {4, 2, 1}, new double[] {4, 3, 1});
        assertEquals(2, g.length);
        assertArrayEquals(new int[][] {{4, 1}, {4, 2}}, g[0]);
        assertArrayEquals(new int[][] {{4, 3}}, g[1]);
    }

    @Test
    void plusShapeIsSplitByPriorityAndColumnMajorOrder() {
        // Centre (4, 4) with four arms. Arms have priority 4, the centre 5. Visit order (column-major):
        // (4,3), (3,4), (5,4), (4,5). (4,3): up-right and down-right tie at 3, up-right wins →
        // {(4,3), (3,4), (4,4)}. (3,4) is consumed. (5,4): up-right = (5,4) + (4,5) wins → {(5,4), (4,5)}.
        final int[][][] g = partition(new double[] {4, 4, 1}, new double[] {3, 4, 1}, new double[] {5, 4, 1},
            new double[] {4, 3, 1}, new double[] {4, 5, 1});
        assertEquals(2, g.length);
        assertArrayEquals(new int[][] {{4, 3}, {3, 4}, {4, 4}}, g[0]);
        assertArrayEquals(new int[][] {{5, 4}, {4, 5}}, g[1]);
    }

    @Test
    void firstVisitedPixelGroupsGreedilyEvenIfABrighterPairExistsElsewhere() {
        // Vertical line of three with a dark middle and a bright bottom: the top pixel is visited first and
        // takes the middle one (its lower windows sum to 1.1 > 1); the bright bottom pixel is left alone.
        final int[][][] g = partition(new double[] {1, 5, 1}, new double[] {2, 5, 0.1}, new double[] {3, 5, 3});
        assertEquals(2, g.length);
        assertArrayEquals(new int[][] {{1, 5}, {2, 5}}, g[0]);
        assertArrayEquals(new int[][] {{3, 5}}, g[1]);
    }

    @Test
    void everyPixelOfALargeBlobEndsUpInExactlyOneGroupOfAtMostTwoByTwo() {
        final java.util.SplittableRandom rnd = new java.util.SplittableRandom(4);
        final int h = 30;
        final int w = 30;
        final float[] map = new float[h * w];
        for (int y = 5; y < 25; y++) {
            for (int x = 5; x < 25; x++) {
                if (rnd.nextDouble() < 0.7) {
                    map[y * w + x] = (float)rnd.nextDouble(0.1, 1);
                }
            }
        }
        final ConnectedComponents cc = ConnectedComponents.above(map, h, w, 0);
        final RoiPartition.Groups groups = new RoiPartition.Groups();
        for (int c = 0; c < cc.count(); c++) {
            RoiPartition.partition(cc.pixelArray(), cc.start(c), cc.end(c), map, w, groups);
        }
        final int[] seen = new int[h * w];
        for (int g = 0; g < groups.count(); g++) {
            final int[] idx = groups.group(g);
            int y0 = Integer.MAX_VALUE;
            int y1 = -1;
            int x0 = Integer.MAX_VALUE;
            int x1 = -1;
            for (final int p : idx) {
                seen[p]++;
                y0 = Math.min(y0, p / w);
                y1 = Math.max(y1, p / w);
                x0 = Math.min(x0, p % w);
                x1 = Math.max(x1, p % w);
            }
            assertEquals(true, y1 - y0 <= 1 && x1 - x0 <= 1, "group " + g + " exceeds 2 × 2");
        }
        for (int i = 0; i < h * w; i++) {
            assertEquals(map[i] > 0 ? 1 : 0, seen[i], "pixel " + i);
        }
    }
}
