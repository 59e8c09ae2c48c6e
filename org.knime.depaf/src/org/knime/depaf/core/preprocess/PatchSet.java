package org.knime.depaf.core.preprocess;

import java.util.Arrays;
import java.util.Objects;

import org.knime.depaf.core.image.ImageStack;

/**
 * A fixed set of training or validation patches: the prepared (upsampled, normalised) frames they come from
 * and their {@link PatchPositions}. Patches are copied out on demand into network batches laid out as
 * [B, 1, p_y, p_x] (NCHW, one channel), so the frames are held once rather than every patch separately.
 * Immutable and thread-safe (the prepared pixels are never modified).
 */
public final class PatchSet {

    private final ImageStack prepared;
    private final int[] frameIndices;
    private final PatchPositions positions;

    /**
     * @param prepared the prepared frames, one per entry of frameIndices
     * @param frameIndices the data frame index of each prepared frame, strictly ascending
     * @param positions patch positions; every frame they name must be in frameIndices
     */
    public PatchSet(final ImageStack prepared, final int[] frameIndices, final PatchPositions positions) {
        this.prepared = Objects.requireNonNull(prepared, "prepared frames");
        this.frameIndices = frameIndices.clone();
        this.positions = Objects.requireNonNull(positions, "positions");
        if (frameIndices.length != prepared.frames()) {
            throw new IllegalArgumentException("Got " + prepared.frames() + " prepared frames for "
                + frameIndices.length + " frame indices");
        }
        for (int i = 1; i < frameIndices.length; i++) {
            if (frameIndices[i] <= frameIndices[i - 1]) {
                throw new IllegalArgumentException("Frame indices must be strictly ascending");
            }
        }
        for (int i = 0; i < positions.size(); i++) {
            if (Arrays.binarySearch(this.frameIndices, positions.frame(i)) < 0) {
                throw new IllegalArgumentException("Patch " + i + " is on frame " + (positions.frame(i) + 1)
                    + " (1-based), which is not among the prepared frames");
            }
            if (positions.top(i) + positions.patchHeight() > prepared.height()
                || positions.left(i) + positions.patchWidth() > prepared.width()) {
                throw new IllegalArgumentException("Patch " + i + " lies outside the prepared frame");
            }
        }
    }

    /** @return number of patches */
    public int size() {
        return positions.size();
    }

    public int patchHeight() {
        return positions.patchHeight();
    }

    public int patchWidth() {
        return positions.patchWidth();
    }

    public PatchPositions positions() {
        return positions;
    }

    /** @return the prepared frames (shared, do not modify) */
    public ImageStack preparedFrames() {
        return prepared;
    }

    /**
     * Copies patch i into {@code out[off …]}, row-major, p_y·p_x values.
     */
    public void copyPatch(final int i, final float[] out, final int off) {
        final int slot = Arrays.binarySearch(frameIndices, positions.frame(i));
        final int w = prepared.width();
        final int py = positions.patchHeight();
        final int px = positions.patchWidth();
        final float[] src = prepared.pixels();
        int s = prepared.frameOffset(slot) + positions.top(i) * w + positions.left(i);
        int d = off;
        for (int y = 0; y < py; y++) {
            System.arraycopy(src, s, out, d, px);
            s += w;
            d += px;
        }
    }

    /**
     * Copies a batch: the patches {@code order[from … from + count)} into {@code out} as [count, 1, p_y, p_x].
     *
     * @param order patch indices (e.g. an epoch's shuffled order)
     * @param from first entry of order
     * @param count batch size B
     * @param out receives count·p_y·p_x values from offset 0
     */
    public void copyBatch(final int[] order, final int from, final int count, final float[] out) {
        final int size = patchHeight() * patchWidth();
        if (out.length < count * size) {
            throw new IllegalArgumentException("Batch array holds " + out.length + " values, needs " + count * size);
        }
        for (int b = 0; b < count; b++) {
            copyPatch(order[from + b], out, b * size);
        }
    }

    /** @return all patches in order as a new [size, 1, p_y, p_x] array */
    public float[] toBatchArray() {
        final int[] order = new int[size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        final float[] out = new float[size() * patchHeight() * patchWidth()];
        copyBatch(order, 0, size(), out);
        return out;
    }
}
