package org.knime.depaf.node.adapter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FrameRangesTest {

    @Test
    void parsesOneBasedFramesAndRangesToZeroBasedIndices() {
        assertArrayEquals(new int[] {0, 1, 2, 5}, FrameRanges.parse(" 1-3, 6 ", "Frames"));
        assertArrayEquals(new int[] {9}, FrameRanges.parse("10", "Frames"));
    }

    @Test
    void treatsBlankAsAutomatic() {
        assertNull(FrameRanges.parse("", "Frames"));
        assertNull(FrameRanges.parse("  ", "Frames"));
        assertNull(FrameRanges.parse(null, "Frames"));
    }

    @Test
    void dropsDuplicatesAndKeepsTheOrderGiven() {
        assertArrayEquals(new int[] {4, 0, 1}, FrameRanges.parse("5, 1-2, 2", "Frames"));
    }

    @Test
    void refusesTextThatIsNoFrameList() {
        assertEquals("Training frames: 'a-3' is not a frame number or range; use 1-based frames and ranges separated "
            + "by commas, e.g. '1-800, 900'",
            assertThrows(IllegalArgumentException.class, () -> FrameRanges.parse("a-3", "Training frames"))
                .getMessage());
    }

    @Test
    void refusesFrameZeroAndReversedRanges() {
        assertEquals("Frames: frame numbers start at 1, got '0-3'",
            assertThrows(IllegalArgumentException.class, () -> FrameRanges.parse("0-3", "Frames")).getMessage());
        assertEquals("Frames: the range '9-3' ends before it starts; write the smaller frame first, e.g. '1-800'",
            assertThrows(IllegalArgumentException.class, () -> FrameRanges.parse("9-3", "Frames")).getMessage());
    }

    @Test
    void formatsIndicesAsTheTextItParses() {
        final int[] frames = {0, 1, 2, 5, 7, 8};
        assertEquals("1-3, 6, 8-9", FrameRanges.format(frames));
        assertArrayEquals(frames, FrameRanges.parse(FrameRanges.format(frames), "Frames"));
    }
}
