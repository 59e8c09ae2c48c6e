package org.knime.depaf.core.sim;

/**
 * A point-spread function: how the photons of one emitter spread over camera pixels.
 *
 * <p>Coordinates are 0-based camera pixels with pixel centres at integers (pixel column i covers
 * [i − 0.5, i + 0.5]); z is in nm, 0 at the focal plane. The PSF is normalised to unit sum over the infinite
 * pixel grid, so an emitter adds exactly its photons to the frame except what falls outside it.
 * Implementations are immutable and thread-safe ({@link #addTo} may be called for different frames in
 * parallel); they allocate nothing per pixel.
 */
public interface Psf {

    /**
     * Adds {@code photons} × PSF of an emitter at (xPx, yPx, zNm) to a frame.
     *
     * @param frame pixels, row-major; the frame starts at {@code offset}
     * @param offset index of the frame's first pixel in {@code frame}
     * @param width frame width (columns)
     * @param height frame height (rows)
     * @param xPx emitter x in pixels (0-based, centres at integers)
     * @param yPx emitter y in pixels
     * @param zNm emitter z in nm (ignored by 2-D PSFs)
     * @param photons expected photons of the emitter
     */
    void addTo(float[] frame, int offset, int width, int height, double xPx, double yPx, double zNm,
        double photons);

    /**
     * @return the PSF's lateral standard deviation at z in nm (for ground-truth tables), NaN when the PSF is not
     *         Gaussian or its pixel size is unknown
     */
    default double sigmaNm(final double zNm) {
        return Double.NaN;
    }

    /** @return whether the PSF depends on z */
    default boolean is3d() {
        return false;
    }
}
