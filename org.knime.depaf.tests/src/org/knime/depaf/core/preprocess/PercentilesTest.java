package org.knime.depaf.core.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class PercentilesTest {

    private static final float[] ONE_TO_TEN = {3, 1, 4, 10, 5, 9, 2, 6, 8, 7};

    @Test
    void matchesMatlabPrctileOnSmallArrays() {
        assertEquals(10, Percentiles.prctile(ONE_TO_TEN, 99.9), 0);
        assertEquals(5.5, Percentiles.prctile(ONE_TO_TEN, 50), 1e-12);
        assertEquals(1, Percentiles.prctile(ONE_TO_TEN, 0), 0);
        assertEquals(1, Percentiles.prctile(ONE_TO_TEN, 5), 0);
        assertEquals(1.5, Percentiles.prctile(ONE_TO_TEN, 10), 1e-12);
        assertEquals(9.5, Percentiles.prctile(ONE_TO_TEN, 90), 1e-12);
        assertEquals(10, Percentiles.prctile(ONE_TO_TEN, 95), 1e-12);
        // prctile([1 2 3 4], 30) = 1.7
        assertEquals(1.7, Percentiles.prctile(new float[] {4, 2, 1, 3}, 30), 1e-12);
    }

    @Test
    void ignoresNanAndLeavesTheInputUnchanged() {
        final float[] v = {Float.NaN, 2, 1, Float.NaN, 3};
        assertEquals(2, Percentiles.prctile(v, 50), 0);
        assertEquals(Float.NaN, v[0]);
        assertEquals(2, v[1], 0);
        assertEquals(Double.NaN, Percentiles.prctile(new float[] {Float.NaN}, 50));
        assertThrows(IllegalArgumentException.class, () -> Percentiles.prctile(v, 101));
    }

    @Test
    void agreesWithSortingOnLargeArraysWithManyTies() {
        final SplittableRandom r = new SplittableRandom(7);
        final float[] v = new float[200_001];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextInt(4) == 0 ? 0f : (float)r.nextDouble(0, 100);
        }
        final float[] s = v.clone();
        Arrays.sort(s);
        for (final double p : new double[] {0.01, 10, 25, 50, 99.9, 99.99}) {
            final double rank = s.length * p / 100 + 0.5;
            final int lo = (int)Math.floor(rank);
            final double expected = s[lo - 1] + (rank - lo) * ((double)s[lo] - s[lo - 1]);
            assertEquals(expected, Percentiles.prctile(v, p), 1e-9, "p " + p);
        }
    }
}
