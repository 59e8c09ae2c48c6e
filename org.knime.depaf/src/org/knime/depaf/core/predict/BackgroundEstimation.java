package org.knime.depaf.core.predict;

import java.io.IOException;
import java.util.EnumSet;
import java.util.Objects;

import org.knime.depaf.core.image.FrameSource;
import org.knime.depaf.core.image.ImageStack;
import org.knime.depaf.core.model.DepafModel;
import org.knime.depaf.core.util.Monitor;

/**
 * The background estimator: a prediction run that produces only the background stack BG (raw camera units:
 * {@code BG·normMax} downsampled to the camera grid, {@code + normMin}) and optionally the background-subtracted
 * frames {@code raw − BG}; no detection. The same streaming, tiling and sinks as {@link Predictor}.
 *
 * <p>Stateless; the methods are thread-safe as far as the model is (not: one run per model at a time).
 */
public final class BackgroundEstimation {

    private BackgroundEstimation() {
    }

    /**
     * @param base tiling, batch size and threads (its outputs are replaced)
     * @param subtracted whether to produce the background-subtracted frames too
     * @return options that produce the background (and the subtracted frames)
     */
    public static PredictionOptions options(final PredictionOptions base, final boolean subtracted) {
        final EnumSet<PredictionOutput> outputs = EnumSet.of(PredictionOutput.BACKGROUND);
        if (subtracted) {
            outputs.add(PredictionOutput.BACKGROUND_SUBTRACTED);
        }
        return base.toBuilder().outputs(outputs).build();
    }

    /**
     * Streams the background of a frame range to a sink (e.g. a {@link FilePredictionSink} with TIFF files).
     *
     * @param model the trained model
     * @param source the stack
     * @param first first frame, 0-based
     * @param count number of frames
     * @param base tiling, batch size and threads
     * @param subtracted whether to produce the background-subtracted frames too
     * @param sink receives BG (and raw − BG) batch by batch
     * @param monitor progress and cancellation
     * @return what the run did
     * @throws IOException if reading or writing fails
     */
    public static PredictionSummary estimate(final DepafModel model, final FrameSource source, final int first,
        final int count, final PredictionOptions base, final boolean subtracted, final PredictionSink sink,
        final Monitor monitor) throws IOException {
        try (Predictor p = Predictor.create(model, options(base, subtracted))) {
            return p.run(source, first, count, sink, monitor);
        }
    }

    /**
     * The background of a whole (small) stack in memory.
     *
     * @param model the trained model
     * @param source the stack
     * @param base tiling, batch size and threads
     * @param monitor progress and cancellation
     * @return BG, frames × height × width, raw camera units
     * @throws IOException if reading fails
     */
    public static ImageStack estimate(final DepafModel model, final FrameSource source, final PredictionOptions base,
        final Monitor monitor) throws IOException {
        Objects.requireNonNull(source, "source");
        final InMemoryPredictionSink sink = new InMemoryPredictionSink();
        estimate(model, source, 0, source.frames(), base, false, sink, monitor);
        return sink.background();
    }
}
