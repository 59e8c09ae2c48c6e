package org.knime.depaf.core.preprocess;

/**
 * Validation of training and prediction patch sizes (method spec §2.2, §2.3): on the upsampled grid, each side
 * at most the upsampled frame size and a multiple of 2^encoderDepth, unless it is 1 (the width of 1-D data).
 */
public final class PatchSize {

    private PatchSize() {
    }

    /**
     * @param patchHeight p_y
     * @param patchWidth p_x
     * @param upsampledHeight ceil(H·r_y)
     * @param upsampledWidth ceil(W·r_x)
     * @param encoderDepth number of U-Net down-sampling stages, ≥ 0
     * @throws IllegalArgumentException naming "patch size" and the limit that is broken
     */
    public static void validate(final int patchHeight, final int patchWidth, final int upsampledHeight,
        final int upsampledWidth, final int encoderDepth) {
        if (encoderDepth < 0 || encoderDepth > 20) {
            throw new IllegalArgumentException("The encoder depth must be between 0 and 20, got " + encoderDepth);
        }
        check(patchHeight, upsampledHeight, encoderDepth, "height");
        check(patchWidth, upsampledWidth, encoderDepth, "width");
    }

    private static void check(final int p, final int limit, final int depth, final String side) {
        if (p < 1) {
            throw new IllegalArgumentException("The patch size " + side + " must be at least 1, got " + p);
        }
        if (p > limit) {
            throw new IllegalArgumentException("The patch size " + side + " " + p + " is larger than the upsampled "
                + "frame " + side + " " + limit + ": it must be at most " + limit);
        }
        final int multiple = 1 << depth;
        if (p != 1 && p % multiple != 0) {
            throw new IllegalArgumentException("The patch size " + side + " " + p + " must be a multiple of "
                + multiple + " (2^encoder depth " + depth + ") or 1; e.g. " + Math.max(multiple,
                    p / multiple * multiple));
        }
    }

    /**
     * The reference's default training patch side: min(512, n) — pass it through {@link #largestValid} when the
     * result is not a multiple of 2^depth.
     *
     * @return the largest size ≤ min(cap, limit) that is a multiple of 2^depth, or 1 if limit is 1
     */
    public static int largestValid(final int cap, final int limit, final int depth) {
        if (limit == 1) {
            return 1;
        }
        final int multiple = 1 << depth;
        final int p = Math.min(cap, limit) / multiple * multiple;
        if (p < 1) {
            throw new IllegalArgumentException("No patch size fits: the upsampled frame side " + limit
                + " is smaller than 2^encoder depth = " + multiple);
        }
        return p;
    }
}
