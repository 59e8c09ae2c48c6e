package org.knime.depaf.core.predict;

import java.util.Objects;

import org.knime.depaf.core.fit.CameraCalibration;
import org.knime.depaf.core.fit.LocalisationRefiner;
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
 * @param refinement what the refinement by fitting did ({@link LocalisationRefiner.Stats#NONE} without it)
 * @param camera the camera the fit used (its gain perhaps read from the noise of the data), or null without fitting
 */
public record PredictionSummary(int frames, long localisations, double pixelSizeNm, int tileHeight, int tileWidth,
    int tilesPerFrame, double seconds, NonFinitePixels nonFinite, LocalisationRefiner.Stats refinement,
    CameraCalibration camera) {

    /** Checks that the records are present. */
    public PredictionSummary {
        Objects.requireNonNull(nonFinite, "nonFinite");
        Objects.requireNonNull(refinement, "refinement");
    }

    /**
     * @return a line for the user when fits fell back to DEPAF's positions or detections were dropped, else null
     */
    public String refinementNote() {
        if (refinement.fitted() + refinement.fallbacks() == 0) {
            return null;
        }
        return String.format(java.util.Locale.ROOT, "fitted %d localisations (camera: offset %.1f ADU, %.3g ADU "
            + "per photon); %d fits failed and kept DEPAF's position; %d emitters DEPAF missed added; %d split "
            + "detections merged; %d weak detections dropped by the likelihood-ratio test", refinement.fitted(),
            camera == null ? Double.NaN : camera.offsetAdu(), camera == null ? Double.NaN : camera.aduPerPhoton(),
            refinement.fallbacks(), refinement.added(), refinement.merged(), refinement.rejected());
    }

    /**
     * @return a warning when more than a tenth of the fits failed (a wrong camera offset, or a POI that does not
     *         match the data, are the usual causes), else null
     */
    public String refinementWarning() {
        final long all = refinement.fitted() + refinement.fallbacks();
        if (all == 0 || refinement.fallbacks() * 10 <= all) {
            return null;
        }
        return String.format(java.util.Locale.ROOT, "%.0f%% of the fits failed and kept DEPAF's position: check the "
            + "camera offset (a dark pixel's value, %.1f ADU used) and that the model's POI matches the data",
            100.0 * refinement.fallbacks() / all, camera == null ? Double.NaN : camera.offsetAdu());
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
