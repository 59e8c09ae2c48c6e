package org.knime.depaf.core.preprocess;

import org.knime.depaf.core.image.ImageStack;
import org.knime.depaf.core.resample.Interpolation;
import org.knime.depaf.core.resample.UpsamplingRatios;
import org.knime.depaf.core.util.Monitor;

/**
 * Measures DEPAF's {@link NormalizationConstants} from the training frames (method spec §3.2). Stateless.
 */
public final class Normalization {

    private Normalization() {
    }

    /** @return the minimum over all pixels of the raw training frames */
    public static double normMin(final ImageStack trainingFrames) {
        final float[] px = trainingFrames.pixels();
        float min = Float.POSITIVE_INFINITY;
        for (final float v : px) {
            min = Math.min(min, v);
        }
        if (!Float.isFinite(min)) {
            trainingFrames.requireFinite();
        }
        return min;
    }

    /**
     * @param upsampled the training frames after subtracting normMin, resampling and clamping (not divided)
     * @return the 99.9th percentile (MATLAB prctile) over all their pixels
     */
    public static double normMax(final ImageStack upsampled) {
        return Percentiles.prctile(upsampled.pixels(), NormalizationConstants.NORM_MAX_PERCENTILE);
    }

    /**
     * Measures both constants: normMin on the raw frames, normMax on the prepared (unscaled) frames.
     *
     * @param trainingFrames the loaded raw training frames
     * @param ratios adjusted upsampling ratios
     * @param method interpolation method
     * @param monitor progress and cancellation
     * @return the constants
     * @throws IllegalArgumentException if the frames hold non-finite values or are constant
     */
    public static NormalizationConstants fit(final ImageStack trainingFrames, final UpsamplingRatios ratios,
        final Interpolation method, final Monitor monitor) {
        final double min = normMin(trainingFrames);
        final FramePreparer p = FramePreparer.withoutScaling(trainingFrames.height(), trainingFrames.width(),
            ratios, method, min);
        return new NormalizationConstants(min, normMax(p.prepare(trainingFrames, monitor)));
    }
}
