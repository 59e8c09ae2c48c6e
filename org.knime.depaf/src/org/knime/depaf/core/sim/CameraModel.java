package org.knime.depaf.core.sim;

import java.util.SplittableRandom;

/**
 * Turns the expected photons per pixel of a frame into camera counts (ADU) with noise.
 *
 * <p>Implementations are immutable and thread-safe; all randomness comes from the random passed in, so the
 * simulator can give every frame its own seeded random and compute frames in parallel reproducibly.
 */
public interface CameraModel {

    /**
     * Converts one frame.
     *
     * @param photons expected photons per pixel (signal + background, before quantum efficiency); the frame
     *            starts at {@code offset}
     * @param out receives ADU values at the same indices (may be {@code photons} itself)
     * @param offset index of the frame's first pixel
     * @param width frame width
     * @param height frame height
     * @param rng the frame's source of randomness
     */
    void toAdu(float[] photons, float[] out, int offset, int width, int height, SplittableRandom rng);

    /**
     * @param pixel pixel index within the frame (y·width + x)
     * @param photons expected photons at that pixel
     * @return the expected ADU value of that pixel, ignoring rounding and clamping
     */
    double meanAdu(int pixel, double photons);
}
