package org.knime.depaf.cli;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;

import org.knime.depaf.core.image.FrameSource;
import org.knime.depaf.core.loc.LocalisationCsv;
import org.knime.depaf.core.model.DepafModel;
import org.knime.depaf.core.predict.FilePredictionSink;
import org.knime.depaf.core.predict.PredictionOptions;
import org.knime.depaf.core.predict.PredictionOutput;
import org.knime.depaf.core.predict.PredictionSink;
import org.knime.depaf.core.predict.PredictionSummary;
import org.knime.depaf.core.predict.Predictor;
import org.knime.depaf.core.util.OutputPolicy;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code depaf predict}: the Predictor node; streams localisations (CSV) and optional image stacks (TIFF). */
@Command(name = "predict", sortOptions = false,
    description = {"Apply a trained model to a stack: detect and localise every signal, frame by frame. Writes a "
        + "localisation CSV (frame, x, y [, z] in nm, amplitude) and, if asked, the noise-free re-synthesis "
        + "(ISyn) and the estimated background (BG) as TIFF stacks. Long stacks are streamed, never held whole.",
        ""},
    footer = {"", "Examples:", "  depaf predict model.depaf data.tif -o localisations.csv",
        "  depaf predict model.depaf data.tif -o loc.csv --isyn isyn.tif --bg bg.tif"})
final class PredictCommand extends DepafCommand {

    @Parameters(index = "0", paramLabel = "MODEL", description = "The trained model (from depaf train).")
    Path modelFile;

    @Parameters(index = "1", paramLabel = "DATA", description = "The image stack (TIFF or MAT).")
    Path data;

    @Option(names = {"-o", "--output"}, paramLabel = "CSV", order = 1,
        description = "The localisation CSV to write.")
    Path output;

    @Option(names = "--isyn", paramLabel = "TIFF", order = 2,
        description = "Also write ISyn: the detections re-drawn without noise or background (camera units).")
    Path isyn;

    @Option(names = "--bg", paramLabel = "TIFF", order = 3,
        description = "Also write BG: the estimated background (camera units).")
    Path background;

    @Option(names = "--bg-subtracted", paramLabel = "TIFF", order = 4,
        description = "Also write the frames minus the background.")
    Path subtracted;

    @Mixin
    PredictionCliOptions prediction;

    @Mixin
    FitCliOptions fit;

    @Override
    boolean usesNetwork() {
        return true;
    }

    @Override
    int run(final Session session) throws Exception {
        if (output == null && isyn == null && background == null && subtracted == null) {
            throw new BadInputException("nothing to write: give -o CSV for the localisations and/or --isyn, --bg, "
                + "--bg-subtracted");
        }
        CliFiles.checkOutputs(session, CliFiles.inputs(CliFiles.in(modelFile, "model file (MODEL)"),
            CliFiles.in(data, "data file (DATA)")),
            CliFiles.out(output, "localisation file (-o)", OutputPolicy.Content.CSV),
            CliFiles.out(isyn, "ISyn file (--isyn)", OutputPolicy.Content.TIFF),
            CliFiles.out(background, "background file (--bg)", OutputPolicy.Content.TIFF),
            CliFiles.out(subtracted, "background-subtracted file (--bg-subtracted)", OutputPolicy.Content.TIFF));
        final EnumSet<PredictionOutput> outputs = EnumSet.noneOf(PredictionOutput.class);
        add(output, PredictionOutput.LOCALISATIONS, outputs);
        add(isyn, PredictionOutput.SYNTHESIS, outputs);
        add(background, PredictionOutput.BACKGROUND, outputs);
        add(subtracted, PredictionOutput.BACKGROUND_SUBTRACTED, outputs);
        final PredictionOptions options = prediction.toBuilder().outputs(outputs)
            .refinement(outputs.contains(PredictionOutput.LOCALISATIONS) ? fit.toRefinement() : null).build();
        try (DepafModel model = CliFiles.readModel(modelFile);
            FrameSource source = CliFiles.openStack(data, "data file", Double.NaN)) {
            final int[] range = prediction.range(source.frames());
            final FilePredictionSink.LocalisationWriter table = output == null ? null
                : t -> CliFiles.writeText(session, output, w -> LocalisationCsv.write(w, t));
            final PredictionSummary s = predict(session, model, options, source, range,
                FilePredictionSink.withLocalisationWriter(table, isyn, background, subtracted));
            if (output != null && !output.equals(CliFiles.STDOUT)) {
                session.info("%d localisations in %d frames (%.1f frames/s, %s nm pixels) written to %s",
                    s.localisations(), s.frames(), s.framesPerSecond(), CsvOutput.number(s.pixelSizeNm()), output);
            }
            for (final Path p : new Path[] {isyn, background, subtracted}) {
                if (p != null) {
                    session.info("Written to %s", p);
                }
            }
        }
        return DepafCli.EXIT_OK;
    }

    /** Runs a predictor over a frame range into a sink, with a progress display (shared with background, demo). */
    static PredictionSummary predict(final Session session, final DepafModel model, final PredictionOptions options,
        final FrameSource source, final int[] range, final PredictionSink sink) throws java.io.IOException {
        try (Predictor predictor = Predictor.create(model, options); PredictionSink s = sink;
            ProgressMonitor monitor = session.progress("predicting")) {
            final PredictionSummary summary = predictor.run(source, range[0], range[1], s, monitor);
            monitor.done(String.format(Locale.ROOT, "%d frames", summary.frames()));
            if (summary.nonFiniteWarning() != null) {
                session.warn(summary.nonFiniteWarning());
            }
            if (summary.refinementNote() != null) {
                session.info("%s", summary.refinementNote());
            }
            if (summary.refinementWarning() != null) {
                session.warn(summary.refinementWarning());
            }
            return summary;
        }
    }

    private static void add(final Path p, final PredictionOutput o, final EnumSet<PredictionOutput> outputs) {
        if (p != null) {
            outputs.add(o);
        }
    }
}
