package org.knime.depaf.core.preprocess;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The frames used for training and for validation (0-based indices), DEPAF's {@code trainIdxRange} and
 * {@code valIdxRange}. The default is a random 80 % for training ({@code randperm(N, round(0.8·N))}) and the
 * remaining frames, in ascending order, for validation. Overlap is allowed (the reference only warns), see
 * {@link #overlaps()}. Immutable.
 */
public final class FrameSplit {

    private final int[] train;
    private final int[] validation;

    /**
     * @param train training frames, non-empty, each in [0, frames)
     * @param validation validation frames, non-empty, each in [0, frames)
     * @param frames number of frames in the data
     * @throws IllegalArgumentException naming the list and the bad index
     */
    public FrameSplit(final int[] train, final int[] validation, final int frames) {
        this.train = check(train, frames, "training");
        this.validation = check(validation, frames, "validation");
    }

    private static int[] check(final int[] idx, final int frames, final String what) {
        if (idx == null || idx.length == 0) {
            throw new IllegalArgumentException("The " + what + " frame list is empty: it needs at least one frame");
        }
        for (final int i : idx) {
            if (i < 0 || i >= frames) {
                throw new IllegalArgumentException("The " + what + " frame list contains frame " + (i + 1)
                    + " (1-based), but the data has frames 1 to " + frames);
            }
        }
        return idx.clone();
    }

    /**
     * The default split: round(0.8·N) random frames for training (MATLAB rounding, half away from zero), the
     * rest for validation.
     *
     * @param frames N, ≥ 3 (fewer frames leave no validation frame)
     * @param seed random seed
     */
    public static FrameSplit random(final int frames, final long seed) {
        final int nTrain = (int)Math.floor(0.8 * frames + 0.5);
        if (frames < 1 || nTrain >= frames) {
            throw new IllegalArgumentException("The default 80/20 frame split needs at least 3 frames, the data has "
                + frames + "; give the training and validation frames explicitly");
        }
        final int[] perm = new int[frames];
        for (int i = 0; i < frames; i++) {
            perm[i] = i;
        }
        FrameAssignment.shuffle(perm, new SplittableRandom(seed));
        final int[] train = Arrays.copyOf(perm, nTrain);
        final int[] val = Arrays.copyOfRange(perm, nTrain, frames);
        Arrays.sort(val);
        return new FrameSplit(train, val, frames);
    }

    /** @return a copy of the training frame indices */
    public int[] train() {
        return train.clone();
    }

    /** @return a copy of the validation frame indices */
    public int[] validation() {
        return validation.clone();
    }

    /** @return whether some frame is in both lists (allowed, but worth a warning) */
    public boolean overlaps() {
        final int[] t = train.clone();
        Arrays.sort(t);
        for (final int v : validation) {
            if (Arrays.binarySearch(t, v) >= 0) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return train.length + " training frames, " + validation.length + " validation frames";
    }
}
