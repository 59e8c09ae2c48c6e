package org.knime.depaf.cli;

import java.nio.file.Path;
import java.util.List;

import org.knime.depaf.core.image.FrameSource;
import org.knime.depaf.core.model.DepafModel;
import org.knime.depaf.core.predict.BackgroundEstimation;
import org.knime.depaf.core.predict.FilePredictionSink;
import org.knime.depaf.core.predict.PredictionOptions;
import org.knime.depaf.core.util.OutputPolicy;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code depaf background}: the Background Estimator node; streams BG (and raw − BG) to TIFF stacks. */
@Command(name = "background", sortOptions = false,
    description = {"Estimate the smooth fluorescence background of every frame with a trained model (trained with "
        + "a learned background, the default), and optionally subtract it. No detection is done.", ""},
    footer = {"", "Examples:", "  depaf background model.depaf data.tif -o background.tif",
        "  depaf background model.depaf data.tif -o bg.tif --subtracted clean.tif"})
final class BackgroundCommand extends DepafCommand {

    @Parameters(index = "0", paramLabel = "MODEL", description = "The trained model (from depaf train).")
    Path modelFile;

    @Parameters(index = "1", paramLabel = "DATA", description = "The image stack (TIFF or MAT).")
    Path data;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "TIFF", order = 1,
        description = "The background stack to write (32-bit, camera units).")
    Path output;

    @Option(names = "--subtracted", paramLabel = "TIFF", order = 2,
        description = "Also write the frames minus the background.")
    Path subtracted;

    @Mixin
    PredictionCliOptions prediction;

    @Override
    boolean usesNetwork() {
        return true;
    }

    @Override
    int run(final Session session) throws Exception {
        CliFiles.checkOutputs(session, CliFiles.inputs(CliFiles.in(modelFile, "model file (MODEL)"),
            CliFiles.in(data, "data file (DATA)")),
            CliFiles.out(output, "background file (-o)", OutputPolicy.Content.TIFF),
            CliFiles.out(subtracted, "background-subtracted file (--subtracted)", OutputPolicy.Content.TIFF));
        try (DepafModel model = CliFiles.readModel(modelFile);
            FrameSource source = CliFiles.openStack(data, "data file", prediction.pixelSizeNm)) {
            if (!model.network().config().learnBackground()) {
                throw new BadInputException("model file '" + modelFile + "' was trained without a background "
                    + "(--no-learn-background); train one with a background to estimate it");
            }
            final PredictionOptions options = BackgroundEstimation.options(prediction.toBuilder().build(),
                subtracted != null);
            PredictCommand.predict(session, model, options, source, prediction.range(source.frames()),
                new FilePredictionSink(null, null, output, subtracted));
            session.info("Background written to %s", output);
            if (subtracted != null) {
                session.info("Background-subtracted frames written to %s", subtracted);
            }
        }
        return DepafCli.EXIT_OK;
    }
}
