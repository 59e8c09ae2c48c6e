package org.knime.depaf.core.forward;

import java.util.Objects;

/**
 * Re-synthesises a noiseless image from a list of spots ("imgSynthesis", end of §10).
 *
 * <p>For every spot at {@code (x, y, z)} with amplitude {@code a} (0-based grid coordinates): the spot is
 * snapped to the nearest grid node {@code (y_n, x_n)} (half-way rounds up, like MATLAB {@code round} on the
 * reference's positive 1-based coordinates); the POI is sampled shifted by {@code +δ = (y - y_n, x - x_n)}
 * at channel coordinate {@code z} ({@link PoiSampler#shifted}), renormalised to peak 1, multiplied by
 * {@code a} and added with its centre on the node. Parts of a spot outside the image are dropped (the
 * reference pads the canvas by the POI radius and crops it, which is the same). A spot at sub-pixel position
 * {@code x} therefore has its peak at {@code x}: the output pixel at offset {@code d} from the node samples
 * the POI at {@code c + d - δ}, where {@code c} is the POI centre.
 *
 * <p>POIs of even size are handled as in the reference (the spot snaps to half-integer positions so that
 * its pixels land on the grid). Spots with a non-finite coordinate or amplitude are skipped.
 *
 * <p>Output is row-major {@code float[]} in the spots' units. Immutable and thread-safe (a
 * {@link SampleCache} passed in is not, and must belong to the calling thread).
 */
public final class SpotSynthesizer {

    private final PoiSampler sampler;

    /** @param sampler the POI to draw spots with */
    public SpotSynthesizer(final PoiSampler sampler) {
        this.sampler = Objects.requireNonNull(sampler, "sampler");
    }

    /** @return the POI sampler */
    public PoiSampler sampler() {
        return sampler;
    }

    /**
     * @param spots the spots, on this image's grid
     * @param h image height
     * @param w image width
     * @return a new {@code h·w} image
     */
    public float[] render(final SpotList spots, final int h, final int w) {
        if (h < 1 || w < 1) {
            throw new IllegalArgumentException("Image size must be at least 1 × 1, got " + h + " × " + w);
        }
        final float[] canvas = new float[h * w];
        renderInto(spots, h, w, canvas, null);
        return canvas;
    }

    /**
     * Adds the spots to an existing image.
     *
     * @param spots the spots
     * @param h image height
     * @param w image width
     * @param canvas {@code h·w} image to add to
     * @param cache a cache for POI samples owned by the calling thread, or null
     */
    public void renderInto(final SpotList spots, final int h, final int w, final float[] canvas,
        final SampleCache cache) {
        if (canvas.length != h * w) {
            throw new IllegalArgumentException("Canvas holds " + canvas.length + " values, expected " + h + " × "
                + w);
        }
        if (cache != null && cache.sampler() != sampler) {
            throw new IllegalArgumentException("The sample cache belongs to another POI sampler");
        }
        final int ph = sampler.height();
        final int pw = sampler.width();
        final double ry = (ph - 1) / 2.0;
        final double rx = (pw - 1) / 2.0;
        final double fy = ry - Math.floor(ry);
        final double fx = rx - Math.floor(rx);
        final float[] scratch = cache == null ? new float[ph * pw] : null;
        for (int s = 0; s < spots.size(); s++) {
            final double x = spots.x(s);
            final double y = spots.y(s);
            final double z = spots.z(s);
            final double amp = spots.amplitude(s);
            if (!(Double.isFinite(x) && Double.isFinite(y) && Double.isFinite(z) && Double.isFinite(amp))) {
                continue;
            }
            final double yn = Math.floor(y + fy + 0.5) - fy;
            final double xn = Math.floor(x + fx + 0.5) - fx;
            final float[] spot;
            if (cache == null) {
                sampler.shifted(y - yn, x - xn, z, scratch);
                spot = scratch;
            } else {
                spot = cache.shifted(y - yn, x - xn, z);
            }
            final int top = (int)Math.round(yn - ry);
            final int left = (int)Math.round(xn - rx);
            final float a = (float)amp;
            final int i0 = Math.max(0, -top);
            final int i1 = Math.min(ph, h - top);
            final int j0 = Math.max(0, -left);
            final int j1 = Math.min(pw, w - left);
            for (int i = i0; i < i1; i++) {
                final int o = (top + i) * w + left;
                final int k = i * pw;
                for (int j = j0; j < j1; j++) {
                    canvas[o + j] += a * spot[k + j];
                }
            }
        }
    }
}
