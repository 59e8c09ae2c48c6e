package org.knime.depaf.core.predict;

import org.knime.depaf.core.resample.CenterKeepResampler;
import org.knime.depaf.core.resample.FrameResampler;
import org.knime.depaf.core.resample.Interpolation;
import org.knime.depaf.core.resample.UpsamplingRatios;

/**
 * Brings maps from the upsampled grid back to the camera grid (§12 step 6): the centre-keeping resampler with
 * scale {@code 1/r} and the model's interpolation, then {@code value·scale + offset}. Camera pixel {@code k}
 * samples the upsampled coordinate {@code (n_up−1)/2 + (k − (n−1)/2)·r}, the same affine map as
 * {@link org.knime.depaf.core.detect.CoordinateMapping}. No anti-aliasing (as the reference).
 *
 * <p>Immutable and thread-safe.
 */
final class Downsampler {

    private final FrameResampler resampler;

    /**
     * @param heightUp upsampled rows
     * @param widthUp upsampled columns
     * @param height camera rows the result must have
     * @param width camera columns
     * @param ratios the model's ratios
     * @param method the model's interpolation
     */
    Downsampler(final int heightUp, final int widthUp, final int height, final int width,
        final UpsamplingRatios ratios, final Interpolation method) {
        resampler = new FrameResampler(heightUp, widthUp, scale(heightUp, height, ratios.y()),
            scale(widthUp, width, ratios.x()), method);
    }

    /**
     * The scale 1/r, nudged up by a few ulps where floating-point round-off would make floor(n_up/r) one short of
     * the camera size (e.g. 96 · (1/1.5) = 63.99…).
     */
    static double scale(final int up, final int camera, final double r) {
        double s = 1 / r;
        for (int i = 0; i < 8 && CenterKeepResampler.outputSize(up, s) < camera; i++) {
            s = Math.nextUp(s);
        }
        if (CenterKeepResampler.outputSize(up, s) != camera) {
            throw new IllegalStateException("Downsampling " + up + " upsampled pixels by 1/" + r + " gives "
                + CenterKeepResampler.outputSize(up, s) + " pixels, not the camera's " + camera);
        }
        return s;
    }

    /**
     * @param up an upsampled frame, from upOff
     * @param upOff offset in up
     * @param scale factor applied after resampling
     * @param offset added after scaling
     * @param out receives the camera frame from outOff
     * @param outOff offset in out
     */
    void apply(final float[] up, final int upOff, final double scale, final double offset, final float[] out,
        final int outOff) {
        resampler.resample(up, upOff, out, outOff);
        final int n = resampler.outputHeight() * resampler.outputWidth();
        for (int i = outOff; i < outOff + n; i++) {
            out[i] = (float)(out[i] * scale + offset);
        }
    }
}
