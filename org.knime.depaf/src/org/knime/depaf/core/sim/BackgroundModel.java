package org.knime.depaf.core.sim;

/**
 * The expected background of a frame, in photons per pixel (before quantum efficiency), before noise.
 *
 * <p>Implementations are immutable and thread-safe and deterministic: the same frame index always gives the
 * same values (any randomness is fixed by a seed given at construction).
 */
@FunctionalInterface
public interface BackgroundModel {

    /**
     * Writes (overwrites) the background of one frame.
     *
     * @param out pixels, row-major; the frame starts at {@code offset}
     * @param offset index of the frame's first pixel
     * @param width frame width
     * @param height frame height
     * @param frameIndex 0-based frame index
     */
    void fill(float[] out, int offset, int width, int height, int frameIndex);

    /** @return a flat background of {@code photons} per pixel */
    static BackgroundModel flat(final double photons) {
        if (!(photons >= 0) || Double.isInfinite(photons)) {
            throw new IllegalArgumentException("Background must be a finite number of photons ≥ 0 per pixel, got "
                + photons);
        }
        final float v = (float)photons;
        return (out, offset, width, height, frameIndex) -> java.util.Arrays.fill(out, offset,
            offset + width * height, v);
    }

    /**
     * A linear ramp: {@code mean · (1 + variation · r)} where r runs from −1 to +1 across the frame along the
     * direction {@code angleRad} (0 = along x).
     *
     * @param meanPhotons mean background per pixel, ≥ 0
     * @param variation relative half-range of the ramp, in [0, 1]
     */
    static BackgroundModel gradient(final double meanPhotons, final double variation, final double angleRad) {
        if (!(meanPhotons >= 0) || !(variation >= 0 && variation <= 1) || !Double.isFinite(angleRad)) {
            throw new IllegalArgumentException("Gradient background needs mean photons ≥ 0, variation in [0, 1] "
                + "and a finite angle, got " + meanPhotons + ", " + variation + ", " + angleRad);
        }
        final double c = Math.cos(angleRad);
        final double s = Math.sin(angleRad);
        return (out, offset, width, height, frameIndex) -> {
            final double cx = (width - 1) / 2.0;
            final double cy = (height - 1) / 2.0;
            final double half = Math.max(1e-12, Math.abs(c) * cx + Math.abs(s) * cy);
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    final double r = ((x - cx) * c + (y - cy) * s) / half;
                    out[offset + y * width + x] = (float)(meanPhotons * (1 + variation * r));
                }
            }
        };
    }
}
