package org.knime.depaf.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.knime.depaf.core.detect.ThresholdSearchResult;
import org.knime.depaf.core.image.FrameSource;
import org.knime.depaf.core.model.DepafModel;
import org.knime.depaf.core.model.ModelFile;
import org.knime.depaf.core.net.samediff.SameDiffBackend;
import org.knime.depaf.core.poi.GaussianPoi;
import org.knime.depaf.core.poi.Poi;
import org.knime.depaf.core.train.Trainer;
import org.knime.depaf.core.train.TrainingParameters;
import org.knime.depaf.core.train.TrainingProgress;
import org.knime.depaf.core.train.TrainingResult;
import org.knime.depaf.core.util.OutputPolicy;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code depaf train}: the DEPAF Learner node. */
@Command(name = "train", sortOptions = false,
    description = {"Train a DEPAF model on an image stack, self-supervised: no ground truth needed. Give the "
        + "pattern you look for (a PSF, a PSF z-stack, a spike kernel) and the sensitivity λ.", ""},
    footer = {"", "Examples:",
        "  depaf train data.tif --poi-fwhm 260 --lambda 0.01 -o model.depaf",
        "  depaf train data3d.tif --poi psf3d.tif --z-step 10 --lambda 0.005 \\",
        "      --max-minutes 60 -o model3d.depaf",
        "  depaf train traces.tif --poi spike.tif --lambda 0.05 \\",
        "      --train-frames 1-1600 --val-frames 1601-2000 -o spikes.depaf"})
final class TrainCommand extends DepafCommand {

    @Parameters(index = "0", paramLabel = "DATA", description = "The image stack (TIFF or MAT), frames in order.")
    Path data;

    @ArgGroup(exclusive = true, multiplicity = "1", order = 0)
    PoiSource poi;

    @Option(names = "--z-step", paramLabel = "NM", order = 30,
        description = "Slice spacing of a POI z-stack in nm (turns the z index into nm in the results).")
    double zStepNm = Double.NaN;

    @Option(names = "--pixel-size", paramLabel = "NM", order = 31,
        description = "Camera pixel size in nm, replacing the file's (needed by --poi-fwhm when the file has none).")
    double pixelSizeNm = Double.NaN;

    @Mixin
    TrainingOptions training;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "MODEL", order = 40,
        description = "The model file to write (e.g. model.depaf).")
    Path output;

    @Option(names = "--history", paramLabel = "CSV", order = 41,
        description = "Also write the training history (loss per iteration, validation loss, λ, learning rate).")
    Path history;

    @Option(names = "--threshold-curve", paramLabel = "CSV", order = 42,
        description = "Also write the threshold search's objective over thresholds.")
    Path thresholdCurve;

    /** Where the POI comes from: a file or a generated Gaussian. */
    static final class PoiSource {
        @Option(names = "--poi", paramLabel = "FILE", required = true,
            description = "The pattern of interest (TIFF or MAT): one frame for a 2-D PSF, several for a PSF "
                + "z-stack, a column for a 1-D spike kernel. Make one with 'depaf poi'.")
        Path file;

        @Option(names = "--poi-sigma", paramLabel = "PX", required = true,
            description = "Or: a Gaussian PSF with this standard deviation in camera pixels.")
        Double sigmaPx;

        @Option(names = "--poi-fwhm", paramLabel = "NM", required = true,
            description = "Or: a Gaussian PSF with this full width at half maximum in nm.")
        Double fwhmNm;

        /** @return the POI; pixelSizeNm is the data's (for --poi-fwhm) */
        Poi resolve(final double zStepNm, final double pixelSizeNm) {
            if (file != null) {
                return CliFiles.readPoi(file, zStepNm);
            }
            if (sigmaPx != null) {
                return GaussianPoi.ofSigma(sigmaPx, 0, GaussianPoi.Sampling.PIXEL_INTEGRATED);
            }
            if (Double.isNaN(pixelSizeNm)) {
                throw new BadInputException("--poi-fwhm needs the pixel size, and the data file does not say it; "
                    + "give --pixel-size NM");
            }
            return GaussianPoi.ofFwhm(fwhmNm, pixelSizeNm, 0, GaussianPoi.Sampling.PIXEL_INTEGRATED);
        }
    }

    @Override
    boolean usesNetwork() {
        return true;
    }

    @Override
    int run(final Session session) throws Exception {
        final TrainingParameters params = training.toParameters();
        CliFiles.checkOutputs(session, CliFiles.inputs(CliFiles.in(data, "data file (DATA)"),
            CliFiles.in(poi.file, "POI file (--poi)")),
            CliFiles.out(output, "model file (-o)", OutputPolicy.Content.MODEL),
            CliFiles.out(history, "history file (--history)", OutputPolicy.Content.CSV),
            CliFiles.out(thresholdCurve, "threshold curve file (--threshold-curve)", OutputPolicy.Content.CSV));
        try (FrameSource source = CliFiles.openStack(data, "data file", pixelSizeNm)) {
            training.requireFramesWithin(source.frames());
            final Poi pattern = poi.resolve(zStepNm, source.pixelSizeNm());
            session.info("Training on %s: %d frames of %d × %d px%s", data, source.frames(), source.height(),
                source.width(), Double.isNaN(source.pixelSizeNm()) ? ""
                    : " at " + CsvOutput.number(source.pixelSizeNm()) + " nm");
            session.info("POI: %s; λ %s, preset %s", pattern, params.lambda(),
                params.preset().name().toLowerCase(Locale.ROOT));
            final TrainingResult result = train(session, params, source, pattern);
            try (DepafModel model = result.model()) {
                ModelFile.write(output, model);
                if (history != null) {
                    writeHistory(session, history, result.history());
                }
                if (thresholdCurve != null) {
                    ThresholdCurve.write(session, thresholdCurve, result.thresholdSearch());
                }
                for (final String w : result.thresholdSearch().warnings()) {
                    session.warn(w);
                }
                session.info("Stopped: %s after %d iterations (%.0f s); best validation loss %.4g; detection "
                    + "threshold %.4g", result.stopReason(), model.provenance().iterations(),
                    model.provenance().trainingSeconds(), model.provenance().bestValidationLoss(),
                    model.threshold());
                session.info("Model written to %s", output);
            }
        }
        return DepafCli.EXIT_OK;
    }

    /** Runs the trainer with a progress display; shared with the demo. */
    static TrainingResult train(final Session session, final TrainingParameters params, final FrameSource source,
        final Poi pattern) throws java.io.IOException {
        final Trainer trainer = new Trainer(new SameDiffBackend(), params, null, note -> session.info("%s", note));
        try (ProgressMonitor monitor = session.progress("training")) {
            final TrainingResult result;
            try {
                result = trainer.train(source, pattern, monitor);
            } catch (final java.io.IOException e) {
                throw new BadInputException("data file " + e.getMessage(), e);
            }
            monitor.done(result.stopReason());
            return result;
        }
    }

    private static void writeHistory(final Session session, final Path file, final List<TrainingProgress> history)
        throws java.io.IOException {
        final List<String[]> rows = new ArrayList<>(history.size());
        for (final TrainingProgress p : history) {
            rows.add(new String[] {Long.toString(p.iteration()), Integer.toString(p.epoch()),
                CsvOutput.number(p.loss()), CsvOutput.number(p.fidelity()), CsvOutput.number(p.sparsity()),
                CsvOutput.number(p.validationLoss()), CsvOutput.number(p.lambda()),
                CsvOutput.number(p.learningRate()), Integer.toString(p.curriculumLevel()),
                CsvOutput.number(p.seconds())});
        }
        CsvOutput.write(session, file, List.of("iteration", "epoch", "loss", "fidelity", "sparsity", "validation loss",
            "lambda", "learning rate", "curriculum level", "seconds"), rows);
    }

    /** The threshold search's curves as CSV: stage (coarse, fine), threshold, objective. */
    static final class ThresholdCurve {
        private ThresholdCurve() {
        }

        static void write(final Session session, final Path file, final ThresholdSearchResult r)
            throws java.io.IOException {
            final List<String[]> rows = new ArrayList<>();
            add(rows, "coarse", r.coarseThresholds(), r.coarseLosses());
            add(rows, "fine", r.fineThresholds(), r.fineLosses());
            CsvOutput.write(session, file, List.of("stage", "threshold", "objective"), rows);
        }

        private static void add(final List<String[]> rows, final String stage, final double[] t, final double[] l) {
            for (int i = 0; i < t.length; i++) {
                rows.add(new String[] {stage, CsvOutput.number(t[i]), CsvOutput.number(l[i])});
            }
        }
    }
}
