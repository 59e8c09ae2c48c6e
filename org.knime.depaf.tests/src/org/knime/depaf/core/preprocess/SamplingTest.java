package org.knime.depaf.core.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class SamplingTest {

    @Test
    void sampleSequenceUsesEveryFrameAsEvenlyAsPossible() {
        final int[] r = {3, 5, 8, 11, 12, 20, 21};
        final int[] seq = FrameAssignment.sampleSequence(r, 100, 42);
        assertEquals(100, seq.length);
        final int[] counts = new int[22];
        for (final int f : seq) {
            counts[f]++;
        }
        int plusOne = 0;
        for (final int f : r) {
            assertTrue(counts[f] == 14 || counts[f] == 15, "frame " + f + ": " + counts[f]);
            plusOne += counts[f] == 15 ? 1 : 0;
        }
        assertEquals(100 - 7 * 14, plusOne);
        assertEquals(100, Arrays.stream(counts).sum());
    }

    @Test
    void sampleSequenceIsDeterministicForASeedAndShuffled() {
        final int[] r = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        assertArrayEquals(FrameAssignment.sampleSequence(r, 64, 1), FrameAssignment.sampleSequence(r, 64, 1));
        assertFalse(Arrays.equals(FrameAssignment.sampleSequence(r, 64, 1), FrameAssignment.sampleSequence(r, 64,
            2)));
        final int[] few = FrameAssignment.sampleSequence(r, 4, 3);
        assertEquals(4, Arrays.stream(few).distinct().count());
        assertThrows(IllegalArgumentException.class, () -> FrameAssignment.sampleSequence(new int[0], 3, 1));
    }

    @Test
    void defaultSplitTakesARandomEightyPercentForTraining() {
        final FrameSplit s = FrameSplit.random(80, 5);
        assertEquals(64, s.train().length);
        assertEquals(16, s.validation().length);
        assertFalse(s.overlaps());
        final int[] all = new int[80];
        for (final int f : s.train()) {
            all[f]++;
        }
        for (final int f : s.validation()) {
            all[f]++;
        }
        assertTrue(Arrays.stream(all).allMatch(c -> c == 1));
        assertArrayEquals(s.train(), FrameSplit.random(80, 5).train());
        // round(0.8 · 78) = 62
        assertEquals(62, FrameSplit.random(78, 1).train().length);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FrameSplit.random(2, 1)).getMessage()
            .contains("at least 3 frames"));
    }

    @Test
    void explicitSplitsNameFramesOutsideTheData() {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> new FrameSplit(new int[] {0, 1, 80}, new int[] {2}, 80));
        assertTrue(e.getMessage().contains("frame 81") && e.getMessage().contains("training"), e.getMessage());
        assertTrue(new FrameSplit(new int[] {0, 1}, new int[] {1}, 3).overlaps());
    }

    @Test
    void patchPositionsStayInsideTheFrameAndCoverIt() {
        final int[] frames = new int[2000];
        final PatchPositions p = PatchPositions.draw(frames, 40, 30, 32, 16, new SplittableRandom(9));
        int maxTop = 0;
        int maxLeft = 0;
        for (int i = 0; i < p.size(); i++) {
            assertTrue(p.top(i) >= 0 && p.top(i) + 32 <= 40);
            assertTrue(p.left(i) >= 0 && p.left(i) + 16 <= 30);
            maxTop = Math.max(maxTop, p.top(i));
            maxLeft = Math.max(maxLeft, p.left(i));
        }
        assertEquals(8, maxTop);
        assertEquals(14, maxLeft);
    }

    @Test
    void patchSizeMustFitAndBeAMultipleOfTwoToTheDepth() {
        PatchSize.validate(96, 96, 96, 96, 2);
        PatchSize.validate(1024, 1, 1500, 1, 5);
        IllegalArgumentException e =
            assertThrows(IllegalArgumentException.class, () -> PatchSize.validate(100, 96, 96, 96, 2));
        assertTrue(e.getMessage().contains("patch size") && e.getMessage().contains("96"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> PatchSize.validate(90, 96, 96, 96, 2));
        assertTrue(e.getMessage().contains("patch size") && e.getMessage().contains("multiple of 4"),
            e.getMessage());
        assertEquals(96, PatchSize.largestValid(512, 96, 2));
        assertEquals(100, PatchSize.largestValid(512, 101, 2));
        assertEquals(1, PatchSize.largestValid(512, 1, 5));
    }
}
