package org.knime.depaf.core.predict;

import java.io.IOException;

/**
 * Where a prediction run sends its results, batch by batch, so that the engine never holds a whole stack of
 * outputs: a KNIME node writes table rows, the command line writes files ({@link FilePredictionSink}), tests keep
 * everything in memory ({@link InMemoryPredictionSink}). The engine never knows which.
 *
 * <p>Lifecycle: {@link #begin} once, {@link #accept} once per batch in frame order, {@link #finish} once after
 * the last batch when the run succeeded; the owner then calls {@link #close()} (try-with-resources). A run that
 * fails or is cancelled stops calling the sink without {@link #finish}; {@link #close()} must then discard
 * whatever was started, so that nothing that looks like a valid result is left. Sinks are called from one thread.
 */
public interface PredictionSink extends AutoCloseable {

    /**
     * Announces the run.
     *
     * @param layout frame range, frame size, pixel size and outputs
     * @throws IOException if the sink cannot prepare its outputs
     */
    default void begin(final PredictionLayout layout) throws IOException {
        // nothing to prepare
    }

    /**
     * Receives the results of one batch.
     *
     * @param batch the batch (components shared, not to be modified)
     * @throws IOException if the results cannot be written
     */
    void accept(PredictionBatch batch) throws IOException;

    /**
     * Completes the outputs after the last batch (e.g. moves finished files into place).
     *
     * @throws IOException if the outputs cannot be completed
     */
    default void finish() throws IOException {
        // nothing to complete
    }

    /** Releases resources; without a successful {@link #finish()}, discards unfinished outputs. */
    @Override
    default void close() throws IOException {
        // nothing to release
    }
}
