package org.knime.depaf.core.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class NonFinitePixelsTest {

    @Test
    void eachNonFinitePixelBecomesTheMedianOfItsFramesFinitePixels() {
        // two frames of 2 × 3; the first is clean, the second has NaN, +Inf and −Inf
        final float[] px = {1, 2, 3, 4, 5, 6, 10, Float.NaN, 30, Float.POSITIVE_INFINITY, 40, Float.NEGATIVE_INFINITY};
        assertSame(NonFinitePixels.NONE, NonFinitePixels.repair(px, 0, 2, 3, 1, -1));
        final NonFinitePixels found = NonFinitePixels.repair(px, 6, 2, 3, 2, -1);
        // median of 10, 30, 40
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6, 10, 30, 30, 30, 40, 30}, px);
        assertEquals(new NonFinitePixels(3, 1, 0, 0, 2, 1, 0), found);
        assertEquals(-1, NonFinitePixels.first(px, 0, px.length));
    }

    @Test
    void aFrameWithoutAnyFinitePixelTakesTheGivenValueAndIsCountedEmpty() {
        final float[] px = {Float.NaN, Float.NaN, Float.POSITIVE_INFINITY, Float.NaN};
        final NonFinitePixels found = NonFinitePixels.repair(px, 0, 2, 2, 7, 100);
        assertArrayEquals(new float[] {100, 100, 100, 100}, px);
        assertEquals(1, found.emptyFrames());
        assertEquals(4, found.emptyPixels());
        assertEquals(7, found.firstFrame());
    }

    @Test
    void runsAddUpKeepingTheFirstPixelAndTheWarningSaysWhatHappened() {
        assertNull(NonFinitePixels.NONE.warning());
        final NonFinitePixels one = new NonFinitePixels(1, 1, 0, 0, 12, 5, 9);
        assertEquals("1 non-finite pixel (NaN/Inf) in 1 frame was replaced by their frame's median; first: frame 12, "
            + "x 5, y 9", one.warning());
        final NonFinitePixels all = NonFinitePixels.NONE.plus(one).plus(new NonFinitePixels(6, 2, 4, 1, 20, 0, 0))
            .plus(NonFinitePixels.NONE);
        assertEquals(new NonFinitePixels(7, 3, 4, 1, 12, 5, 9), all);
        assertEquals("3 non-finite pixels (NaN/Inf) in 2 frames were replaced by their frame's median; 1 frame "
            + "without any finite pixel (NaN/Inf only) was predicted as empty (no localisations); first: frame 12, "
            + "x 5, y 9", all.warning());
    }
}
