package org.knime.depaf.core.predict;

/**
 * What a finished prediction run did, for logs and benchmarks.
 *
 * @param frames frames processed
 * @param localisations localisations found (0 when not requested)
 * @param pixelSizeNm camera pixel size used for nm, NaN when unknown
 * @param tileHeight patch height on the upsampled grid
 * @param tileWidth patch width
 * @param tilesPerFrame number of tiles per frame
 * @param seconds wall time of the run
 */
public record PredictionSummary(int frames, long localisations, double pixelSizeNm, int tileHeight, int tileWidth,
    int tilesPerFrame, double seconds) {

    /** @return frames per second */
    public double framesPerSecond() {
        return frames / seconds;
    }
}
