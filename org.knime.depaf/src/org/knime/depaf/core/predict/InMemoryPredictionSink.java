package org.knime.depaf.core.predict;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.knime.depaf.core.image.ImageStack;
import org.knime.depaf.core.loc.LocalisationTable;

/**
 * Keeps every result in memory: for tests, small stacks and KNIME nodes that turn the results into tables and
 * images. Memory grows with the stack, so use {@link FilePredictionSink} for long stacks.
 *
 * <p>The getters may be called after {@link #finish()}; they return null for outputs the run did not produce.
 * Not thread-safe.
 */
public final class InMemoryPredictionSink implements PredictionSink {

    private PredictionLayout layout;
    private final List<LocalisationTable> tables = new ArrayList<>();
    private final Map<PredictionOutput, float[]> images = new EnumMap<>(PredictionOutput.class);
    private int frames;
    private boolean finished;

    @Override
    public void begin(final PredictionLayout runLayout) {
        layout = runLayout;
        tables.clear();
        images.clear();
        frames = 0;
        finished = false;
        final long n = (long)runLayout.frames() * runLayout.height() * runLayout.width();
        for (final PredictionOutput o : runLayout.outputs()) {
            if (o != PredictionOutput.LOCALISATIONS) {
                if (n > Integer.MAX_VALUE - 8) {
                    throw new IllegalArgumentException(runLayout.source() + ": the " + o.label() + " of "
                        + runLayout.frames() + " frames is too large to keep in memory; write it to a file");
                }
                images.put(o, new float[(int)n]);
            }
        }
    }

    @Override
    public void accept(final PredictionBatch batch) {
        if (layout == null) {
            throw new IllegalStateException("accept() before begin()");
        }
        if (batch.localisations() != null) {
            tables.add(batch.localisations());
        }
        final int plane = layout.height() * layout.width();
        final int offset = batch.firstFrame() - layout.firstFrame();
        for (final Map.Entry<PredictionOutput, float[]> e : images.entrySet()) {
            final ImageStack s = batch.image(e.getKey());
            if (s != null) {
                System.arraycopy(s.pixels(), 0, e.getValue(), offset * plane, batch.frames() * plane);
            }
        }
        frames += batch.frames();
    }

    @Override
    public void finish() {
        finished = true;
    }

    /** @return whether the run finished */
    public boolean isFinished() {
        return finished;
    }

    /** @return the layout of the last run, null before any */
    public PredictionLayout layout() {
        return layout;
    }

    /** @return number of frames received */
    public int frames() {
        return frames;
    }

    /** @return all localisations in frame order, or null when the run produced none */
    public LocalisationTable localisations() {
        if (layout == null || !layout.produces(PredictionOutput.LOCALISATIONS)) {
            return null;
        }
        return tables.isEmpty() ? LocalisationTable.empty(layout.pixelSizeNm()) : LocalisationTable.concat(tables);
    }

    /** @return ISyn, or null */
    public ImageStack synthesis() {
        return image(PredictionOutput.SYNTHESIS);
    }

    /** @return BG, or null */
    public ImageStack background() {
        return image(PredictionOutput.BACKGROUND);
    }

    /** @return raw − BG, or null */
    public ImageStack subtracted() {
        return image(PredictionOutput.BACKGROUND_SUBTRACTED);
    }

    /**
     * @param output an image output
     * @return the frames received so far as a stack (pixels shared with this sink), or null when not produced
     */
    public ImageStack image(final PredictionOutput output) {
        final float[] px = images.get(output);
        if (px == null) {
            return null;
        }
        return new ImageStack(px, layout.frames(), layout.height(), layout.width(), layout.pixelSizeNm(),
            output.label() + " of " + layout.source());
    }
}
