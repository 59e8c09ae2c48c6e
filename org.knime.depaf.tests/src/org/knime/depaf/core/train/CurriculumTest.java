package org.knime.depaf.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class CurriculumTest {

    /** The method's example for a 151-slice z-stack, 1-based. */
    @Test
    void activeChannelsOfA151SliceStackMatchTheMethod() {
        assertArrayEquals(new int[]{39, 114}, oneBased(Curriculum.groupsAt(151, 1)));
        assertArrayEquals(new int[]{20, 58, 96, 133}, oneBased(Curriculum.groupsAt(151, 2)));
        assertArrayEquals(new int[]{10, 29, 48, 67, 86, 105, 124, 143}, oneBased(Curriculum.groupsAt(151, 3)));
        final int[] all = oneBased(Curriculum.groupsAt(151, 8));
        assertEquals(151, all.length);
        assertEquals(1, all[0]);
        assertEquals(151, all[150]);
    }

    @Test
    void groupsAreContiguousWithSizesFloorOrCeilOfTheShare() {
        for (int level = 1; level <= 7; level++) {
            final int[][] groups = Curriculum.groupsAt(151, level);
            assertEquals(1 << level, groups.length);
            int next = 0;
            for (final int[] g : groups) {
                assertEquals(next, g[0]);
                final int n = g[1] - g[0] + 1;
                assertTrue(n == Math.floorDiv(151, 1 << level) || n == Math.floorDiv(151 + (1 << level) - 1, 1 << level), "size " + n);
                next = g[1] + 1;
            }
            assertEquals(151, next);
        }
    }

    @Test
    void countsDecompressionsAsTheMethodSays() {
        assertEquals(7, new Curriculum(151).totalDecompressions());
        assertEquals(1, new Curriculum(3).totalDecompressions());
        assertEquals(1, new Curriculum(4).totalDecompressions());
        assertEquals(0, new Curriculum(2).totalDecompressions());
        assertEquals(0, new Curriculum(1).totalDecompressions());
        final Curriculum c = new Curriculum(151);
        int events = 0;
        while (c.canDecompress()) {
            c.decompress();
            events++;
        }
        assertEquals(7, events);
        assertEquals(151, c.activeChannels().length);
        assertThrows(IllegalStateException.class, c::decompress);
    }

    @Test
    void aSingleChannelIsActiveFromTheStart() {
        final Curriculum c = new Curriculum(1);
        assertArrayEquals(new int[]{0}, c.activeChannels());
        assertArrayEquals(new float[]{1}, c.mask());
        assertFalse(c.canDecompress());
    }

    @Test
    void compressedPoiPutsTheGroupMeanOnTheActiveChannel() {
        final Curriculum c = new Curriculum(5); // level 1: groups {0,1,2} -> active 1, {3,4} -> active 4 (1-based 2, 5)
        final float[] poi = {1, 10, 2, 20, 3, 30, 4, 40, 6, 60}; // 5 slices of 2 values
        assertArrayEquals(new int[]{1, 4}, c.activeChannels());
        assertArrayEquals(new float[]{0, 1, 0, 0, 1}, c.mask());
        assertArrayEquals(new float[]{0, 0, 2, 20, 0, 0, 0, 0, 5, 50}, c.compressedPoi(poi, 2), 1e-6f);
    }

    @Test
    void decompressionSplitsTheParentHeadInProportionToGroupSize() {
        final Curriculum c = new Curriculum(5);
        final List<Curriculum.HeadCopy> copies = c.decompress();
        // level 2: {0,1} (active 1) {2} {3} {4}; parents {0,1,2} (active 1) and {3,4} (active 4)
        assertEquals(List.of(new Curriculum.HeadCopy(1, 1, 2 / 3.0), new Curriculum.HeadCopy(1, 2, 1 / 3.0),
            new Curriculum.HeadCopy(4, 3, 1 / 2.0), new Curriculum.HeadCopy(4, 4, 1 / 2.0)), copies);
        assertEquals(2, c.level());
    }

    private static int[] oneBased(final int[][] groups) {
        return Arrays.stream(groups).mapToInt(g -> Curriculum.activeChannel(g[0], g[1]) + 1).toArray();
    }
}
