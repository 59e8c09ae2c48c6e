package org.knime.depaf.cli;

import org.knime.depaf.core.predict.PredictionOptions;

import picocli.CommandLine.Option;

/** Tiling, batching and pixel size of a prediction run, with the Predictor node's names and the engine's defaults. */
final class PredictionCliOptions {

    @Option(names = "--patch-size", paramLabel = "h,w", converter = Converters.IntPair.class, order = 20,
        description = "Tile size on the upsampled grid, a multiple of 2^depth (default: up to 256, the frame "
            + "if smaller).")
    Converters.Ints patchSize;

    @Option(names = "--stride", paramLabel = "y,x", converter = Converters.IntPair.class, order = 21,
        description = "Step between tiles (default: half the tile).")
    Converters.Ints stride;

    @Option(names = "--batch", paramLabel = "FRAMES", order = 22,
        description = "Frames read and processed together (default " + PredictionOptions.DEFAULT_BATCH_SIZE
            + "); memory grows with it, not with the stack.")
    int batch = PredictionOptions.DEFAULT_BATCH_SIZE;

    @Option(names = "--threads", paramLabel = "N", order = 23,
        description = "Threads for the Java parts (default: all processors).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--pixel-size", paramLabel = "NM", order = 24,
        description = "Camera pixel size in nm, replacing the file's (localisations are in nm).")
    double pixelSizeNm = Double.NaN;

    @Option(names = "--frames", paramLabel = "FIRST-LAST", converter = Converters.FrameRanges.class, order = 25,
        description = "Only these frames, counted from 1, e.g. 1-1000 (default: all).")
    Converters.Frames frames;

    /** @return the engine's options (outputs still to be chosen) */
    PredictionOptions.Builder toBuilder() {
        final PredictionOptions.Builder b = PredictionOptions.builder().batchSize(batch).threads(threads)
            .pixelSizeNm(pixelSizeNm);
        if (patchSize != null) {
            b.patchSize(patchSize.first(), patchSize.second());
        }
        if (stride != null) {
            b.patchStride(stride.first(), stride.second());
        }
        return b;
    }

    /** @return {first (0-based), count} of the frames to process in a stack of {@code total} frames */
    int[] range(final int total) {
        if (frames == null) {
            return new int[] {0, total};
        }
        final int first = frames.first();
        final int last = frames.last();
        if (last - first + 1 != frames.count()) {
            throw new BadInputException("--frames must be one range FIRST-LAST, e.g. 1-1000");
        }
        if (last >= total) {
            throw new BadInputException("--frames reaches frame " + (last + 1) + " but the data has only " + total
                + " frames");
        }
        return new int[] {first, frames.count()};
    }
}
