package org.knime.depaf.core.predict;

import org.knime.depaf.core.image.ImageStack;
import org.knime.depaf.core.loc.LocalisationTable;

/**
 * The results of one batch of consecutive frames, handed to a {@link PredictionSink}.
 *
 * <p>Outputs that were not requested are null. Image outputs are stacks of {@code frames} camera-size frames in raw
 * camera units (see {@link PredictionOutput}); localisations carry 1-based frame numbers of the whole stack
 * ({@code firstFrame + 1} for the first frame of the batch). Components are shared, not copied: sinks must not
 * modify them but may keep them.
 *
 * @param firstFrame 0-based index in the stack of the batch's first frame
 * @param frames number of frames in the batch
 * @param localisations the batch's localisations, or null
 * @param synthesis ISyn, or null
 * @param background BG, or null
 * @param subtracted raw − BG, or null
 */
public record PredictionBatch(int firstFrame, int frames, LocalisationTable localisations, ImageStack synthesis,
    ImageStack background, ImageStack subtracted) {

    /** Checks that every image output has {@code frames} frames. */
    public PredictionBatch {
        if (firstFrame < 0 || frames < 1) {
            throw new IllegalArgumentException("A batch needs a first frame ≥ 0 and at least one frame, got "
                + firstFrame + " and " + frames);
        }
        for (final ImageStack s : new ImageStack[] {synthesis, background, subtracted}) {
            if (s != null && s.frames() != frames) {
                throw new IllegalArgumentException("Batch of " + frames + " frames carries an image output of "
                    + s.frames() + " frames");
            }
        }
    }

    /** @return the image output of that kind, or null when absent (LOCALISATIONS has no image: null) */
    public ImageStack image(final PredictionOutput output) {
        switch (output) {
            case SYNTHESIS:
                return synthesis;
            case BACKGROUND:
                return background;
            case BACKGROUND_SUBTRACTED:
                return subtracted;
            default:
                return null;
        }
    }
}
