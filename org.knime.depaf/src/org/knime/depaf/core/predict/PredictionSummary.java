package org.knime.depaf.core.predict;

import java.util.Objects;

import org.knime.depaf.core.preprocess.NonFinitePixels;

/**
 * What a finished prediction run did, for logs, benchmarks and warnings.
 *
 * @param frames frames processed
 * @param localisations localisations found (0 when not requested)
 * @param pixelSizeNm camera pixel size used for nm, NaN when unknown
 * @param tileHeight patch height on the upsampled grid
 * @param tileWidth patch width
 * @param tilesPerFrame number of tiles per frame
 * @param seconds wall time of the run
 * @param nonFinite the NaN/Inf pixels met and replaced ({@link NonFinitePixels#NONE} when there were none)
 */
public record PredictionSummary(int frames, long localisations, double pixelSizeNm, int tileHeight, int tileWidth,
    int tilesPerFrame, double seconds, NonFinitePixels nonFinite) {

    /** Checks that the non-finite record is present. */
    public PredictionSummary {
        Objects.requireNonNull(nonFinite, "nonFinite");
    }

    /** @return frames per second */
    public double framesPerSecond() {
        return frames / seconds;
    }

    /** @return the number of NaN/Inf pixels met (replaced by their frame's median, or in frames predicted empty) */
    public long nonFinitePixels() {
        return nonFinite.pixels();
    }

    /** @return the number of frames with at least one NaN/Inf pixel */
    public int framesWithNonFinitePixels() {
        return nonFinite.frames();
    }

    /** @return the number of frames without any finite pixel, predicted as empty */
    public int framesWithoutFinitePixels() {
        return nonFinite.emptyFrames();
    }

    /**
     * The warning for the user, the same on the command line and in the nodes.
     *
     * @return e.g. "7 non-finite pixels (NaN/Inf) in 3 frames were replaced by their frame's median; first: frame
     *         12, x 5, y 9", or null when every pixel was finite
     */
    public String nonFiniteWarning() {
        return nonFinite.warning();
    }
}
