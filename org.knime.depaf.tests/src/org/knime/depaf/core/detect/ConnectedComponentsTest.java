package org.knime.depaf.core.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ConnectedComponentsTest {

    @Test
    void diagonalNeighboursJoinAndComponentsAreListedInColumnMajorOrder() {
        final int h = 5;
        final int w = 6;
        final float[] map = new float[h * w];
        // Component A: (0,4), (1,5) diagonal. Component B: (3,1), (4,0), (2,2) chain, plus (3,2).
        // Component C: (0,2) alone.
        for (final int[] p : new int[][] {{0, 4}, {1, 5}, {3, 1}, {4, 0}, {2, 2}, {3, 2}, {0, 2}}) {
            map[p[0] * w + p[1]] = 1;
        }
        map[4 * w + 5] = 0.5f; // below threshold
        final ConnectedComponents cc = ConnectedComponents.above(map, h, w, 0.5);
        assertEquals(3, cc.count());
        // First pixels in column-major order: (4,0) [col 0], (0,2) [col 2], (0,4) [col 4].
        assertArrayEquals(new int[] {4 * w, 3 * w + 1, 2 * w + 2, 3 * w + 2}, cc.pixelsOf(0));
        assertArrayEquals(new int[] {2}, cc.pixelsOf(1));
        assertArrayEquals(new int[] {4, w + 5}, cc.pixelsOf(2));
    }

    @Test
    void emptyMaskHasNoComponents() {
        assertEquals(0, ConnectedComponents.above(new float[20], 4, 5, 0).count());
    }
}
