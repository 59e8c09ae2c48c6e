package org.knime.depaf.core.preprocess;

import java.util.SplittableRandom;

/**
 * DEPAF's patch→frame assignment, the "sample sequence" (method spec §3.4): given eligible frames R and a
 * count n, repeat R floor(n/|R|) times, add n − |R|·floor(n/|R|) distinct random elements of R, and shuffle.
 * Every frame is used floor(n/|R|) or floor(n/|R|) + 1 times. Stateless.
 */
public final class FrameAssignment {

    private FrameAssignment() {
    }

    /**
     * @param eligible the frame indices R (0-based), non-empty, used as given (duplicates count twice)
     * @param count n, ≥ 0
     * @param random the seeded random source
     * @return n frame indices in random order
     */
    public static int[] sampleSequence(final int[] eligible, final int count, final SplittableRandom random) {
        if (eligible.length == 0) {
            throw new IllegalArgumentException("The frame index list is empty: at least one frame is needed to "
                + "draw patches from");
        }
        if (count < 0) {
            throw new IllegalArgumentException("The number of patches must be ≥ 0, got " + count);
        }
        final int r = eligible.length;
        final int repeats = count / r;
        final int rest = count - r * repeats;
        final int[] out = new int[count];
        int k = 0;
        for (int i = 0; i < repeats; i++) {
            System.arraycopy(eligible, 0, out, k, r);
            k += r;
        }
        // `rest` distinct elements: a partial Fisher–Yates shuffle of a copy
        final int[] pool = eligible.clone();
        for (int i = 0; i < rest; i++) {
            final int j = i + random.nextInt(r - i);
            final int t = pool[i];
            pool[i] = pool[j];
            pool[j] = t;
            out[k++] = pool[i];
        }
        shuffle(out, random);
        return out;
    }

    /** Seeded convenience for {@link #sampleSequence(int[], int, SplittableRandom)}. */
    public static int[] sampleSequence(final int[] eligible, final int count, final long seed) {
        return sampleSequence(eligible, count, new SplittableRandom(seed));
    }

    /** Fisher–Yates shuffle in place. */
    public static void shuffle(final int[] a, final SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            final int j = random.nextInt(i + 1);
            final int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
