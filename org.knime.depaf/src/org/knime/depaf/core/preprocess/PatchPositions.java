package org.knime.depaf.core.preprocess;

import java.util.SplittableRandom;

/**
 * Where the patches are cut (method spec §3.4): for patch i, its frame and the 0-based top-left corner on the
 * upsampled frame, uniform over all positions where the patch fits. Drawn once; immutable.
 */
public final class PatchPositions {

    private final int[] frame;
    private final int[] top;
    private final int[] left;
    private final int patchHeight;
    private final int patchWidth;

    private PatchPositions(final int[] frame, final int[] top, final int[] left, final int patchHeight,
        final int patchWidth) {
        this.frame = frame;
        this.top = top;
        this.left = left;
        this.patchHeight = patchHeight;
        this.patchWidth = patchWidth;
    }

    /**
     * @param frames the frame of each patch (a sample sequence)
     * @param upsampledHeight rows of the upsampled frames
     * @param upsampledWidth columns of the upsampled frames
     * @param patchHeight p_y ≤ upsampledHeight
     * @param patchWidth p_x ≤ upsampledWidth
     * @param random seeded random source
     */
    public static PatchPositions draw(final int[] frames, final int upsampledHeight, final int upsampledWidth,
        final int patchHeight, final int patchWidth, final SplittableRandom random) {
        if (patchHeight < 1 || patchWidth < 1 || patchHeight > upsampledHeight || patchWidth > upsampledWidth) {
            throw new IllegalArgumentException("The patch size " + patchHeight + " × " + patchWidth
                + " does not fit in the upsampled frame " + upsampledHeight + " × " + upsampledWidth);
        }
        final int n = frames.length;
        final int[] top = new int[n];
        final int[] left = new int[n];
        for (int i = 0; i < n; i++) {
            top[i] = random.nextInt(upsampledHeight - patchHeight + 1);
            left[i] = random.nextInt(upsampledWidth - patchWidth + 1);
        }
        return new PatchPositions(frames.clone(), top, left, patchHeight, patchWidth);
    }

    public int size() {
        return frame.length;
    }

    /** @return frame index (0-based) of patch i */
    public int frame(final int i) {
        return frame[i];
    }

    /** @return top row (0-based, upsampled grid) of patch i */
    public int top(final int i) {
        return top[i];
    }

    /** @return left column (0-based, upsampled grid) of patch i */
    public int left(final int i) {
        return left[i];
    }

    public int patchHeight() {
        return patchHeight;
    }

    public int patchWidth() {
        return patchWidth;
    }

    /** @return a copy of all frame indices */
    public int[] frames() {
        return frame.clone();
    }
}
