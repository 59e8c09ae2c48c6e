package org.knime.depaf.core.predict;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * What a prediction run will deliver, announced to the {@link PredictionSink} before the first batch: the frame
 * range, the camera frame size, the pixel size and the outputs. Immutable.
 *
 * @param source the stack's description (file path), for messages and provenance
 * @param firstFrame first frame of the range, 0-based index in the stack
 * @param frames number of frames in the range
 * @param height camera frame height (rows) of the image outputs
 * @param width camera frame width (columns)
 * @param pixelSizeNm camera pixel size in nm used for the localisations, NaN when unknown (only possible without
 *            localisations)
 * @param outputs the outputs every batch carries
 */
public record PredictionLayout(String source, int firstFrame, int frames, int height, int width,
    double pixelSizeNm, Set<PredictionOutput> outputs) {

    /** Checks the values and freezes the output set. */
    public PredictionLayout {
        if (firstFrame < 0 || frames < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("Prediction layout needs a first frame ≥ 0, at least one frame and a "
                + "frame size of at least 1 × 1, got first " + firstFrame + ", " + frames + " frames of " + height
                + " × " + width);
        }
        outputs = Collections.unmodifiableSet(EnumSet.copyOf(outputs));
    }

    /** @return whether the batches carry this output */
    public boolean produces(final PredictionOutput output) {
        return outputs.contains(output);
    }
}
