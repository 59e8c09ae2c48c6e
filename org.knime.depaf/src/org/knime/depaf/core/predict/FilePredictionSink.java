package org.knime.depaf.core.predict;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.knime.depaf.core.image.StackFiles;
import org.knime.depaf.core.image.TiffBitDepth;
import org.knime.depaf.core.image.TiffStackWriter;
import org.knime.depaf.core.loc.LocalisationCsv;
import org.knime.depaf.core.loc.LocalisationTable;

/**
 * Writes the results to files: image outputs as 32-bit float TIFF stacks streamed batch by batch (never the whole
 * stack in memory), localisations as a CSV file ({@link LocalisationCsv}) when the run finishes.
 *
 * <p>Each file is written to a hidden temporary file in its folder and moved into place only by
 * {@link #finish()}; {@link #close()} without a successful finish (a failure, a cancellation) deletes the temporary
 * files, so nothing that looks like a valid result is left and existing files stay untouched. The localisations are
 * kept in memory until the end (about 60 bytes per localisation: small next to the images).
 *
 * <p>A file given for an output the run does not produce is an error at {@link #begin}; an output without a file
 * is not written. Not thread-safe.
 */
public final class FilePredictionSink implements PredictionSink {

    /** Where the localisations go when the run finishes. */
    @FunctionalInterface
    public interface LocalisationWriter {
        /** @param table all localisations of the run */
        void write(LocalisationTable table) throws IOException;
    }

    private final LocalisationWriter localisationWriter;
    private final Map<PredictionOutput, Path> imageFiles = new EnumMap<>(PredictionOutput.class);
    private final Map<PredictionOutput, TiffStackWriter> writers = new EnumMap<>(PredictionOutput.class);
    private final List<LocalisationTable> tables = new ArrayList<>();
    private PredictionLayout layout;

    /**
     * @param localisations CSV file for the localisations, or null
     * @param synthesis TIFF file for ISyn, or null
     * @param background TIFF file for BG, or null
     * @param subtracted TIFF file for the background-subtracted frames, or null
     */
    public FilePredictionSink(final Path localisations, final Path synthesis, final Path background,
        final Path subtracted) {
        this(localisations == null ? null : (LocalisationWriter)table -> LocalisationCsv.write(localisations, table),
            images(synthesis, background, subtracted));
    }

    private FilePredictionSink(final LocalisationWriter localisations, final Map<PredictionOutput, Path> images) {
        localisationWriter = localisations;
        imageFiles.putAll(images);
    }

    /**
     * @param localisations receives the localisations when the run finishes (e.g. writes them to standard output)
     * @param synthesis TIFF file for ISyn, or null
     * @param background TIFF file for BG, or null
     * @param subtracted TIFF file for the background-subtracted frames, or null
     * @return the sink
     */
    public static FilePredictionSink withLocalisationWriter(final LocalisationWriter localisations,
        final Path synthesis, final Path background, final Path subtracted) {
        return new FilePredictionSink(localisations, images(synthesis, background, subtracted));
    }

    private static Map<PredictionOutput, Path> images(final Path synthesis, final Path background,
        final Path subtracted) {
        final Map<PredictionOutput, Path> out = new EnumMap<>(PredictionOutput.class);
        final Path[] files = {synthesis, background, subtracted};
        final PredictionOutput[] kinds = {PredictionOutput.SYNTHESIS, PredictionOutput.BACKGROUND,
            PredictionOutput.BACKGROUND_SUBTRACTED};
        for (int i = 0; i < files.length; i++) {
            if (files[i] != null) {
                out.put(kinds[i], files[i]);
            }
        }
        return out;
    }

    @Override
    public void begin(final PredictionLayout runLayout) throws IOException {
        if (layout != null) {
            throw new IllegalStateException("This sink was used already; make one sink per run");
        }
        if (localisationWriter != null && !runLayout.produces(PredictionOutput.LOCALISATIONS)) {
            throw new IllegalArgumentException("A localisation file was given but the prediction does not produce "
                + "localisations");
        }
        for (final Map.Entry<PredictionOutput, Path> e : imageFiles.entrySet()) {
            if (!runLayout.produces(e.getKey())) {
                throw new IllegalArgumentException("A file for the " + e.getKey().label() + " (" + e.getValue()
                    + ") was given but the prediction does not produce it; enable that output");
            }
        }
        layout = runLayout;
        for (final Map.Entry<PredictionOutput, Path> e : imageFiles.entrySet()) {
            writers.put(e.getKey(), StackFiles.openTiffWriter(e.getValue(), runLayout.height(), runLayout.width(),
                runLayout.pixelSizeNm(), TiffBitDepth.FLOAT32));
        }
    }

    @Override
    public void accept(final PredictionBatch batch) throws IOException {
        if (layout == null) {
            throw new IllegalStateException("accept() before begin()");
        }
        for (final Map.Entry<PredictionOutput, TiffStackWriter> e : writers.entrySet()) {
            e.getValue().append(batch.image(e.getKey()));
        }
        if (localisationWriter != null && batch.localisations() != null) {
            tables.add(batch.localisations());
        }
    }

    @Override
    public void finish() throws IOException {
        if (layout == null) {
            throw new IllegalStateException("finish() before begin()");
        }
        for (final TiffStackWriter w : writers.values()) {
            w.commit();
        }
        if (localisationWriter != null) {
            localisationWriter.write(tables.isEmpty() ? LocalisationTable.empty(layout.pixelSizeNm())
                : LocalisationTable.concat(tables));
        }
        tables.clear();
    }

    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (final TiffStackWriter w : writers.values()) {
            try {
                w.close();
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        writers.clear();
        tables.clear();
        if (failure != null) {
            throw failure;
        }
    }
}
