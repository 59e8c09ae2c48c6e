package org.knime.depaf.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.knime.depaf.core.detect.ThresholdSearchResult;
import org.knime.depaf.core.image.FrameSource;
import org.knime.depaf.core.model.DepafModel;
import org.knime.depaf.core.model.ModelFile;
import org.knime.depaf.core.train.ThresholdOptimizer;
import org.knime.depaf.core.train.TrainingParameters;
import org.knime.depaf.core.util.OutputPolicy;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code depaf threshold}: the Threshold Optimizer node; writes the model with a re-chosen threshold. */
@Command(name = "threshold", sortOptions = false,
    description = {"Choose a model's detection threshold again, on patches of a stack (e.g. new data of the same "
        + "kind): the threshold at which the detections best explain the network's own reconstruction. Writes "
        + "the model with the new threshold and, if asked, the objective over thresholds. The network is not "
        + "changed.", ""},
    footer = {"", "Example:", "  depaf threshold model.depaf new-data.tif -o model-retuned.depaf --curve curve.csv"})
final class ThresholdCommand extends DepafCommand {

    @Parameters(index = "0", paramLabel = "MODEL", description = "The trained model.")
    Path modelFile;

    @Parameters(index = "1", paramLabel = "DATA", description = "The image stack to cut patches from.")
    Path data;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "MODEL",
        description = "The model file to write, with the new threshold (may be the input model).")
    Path output;

    @Option(names = "--threshold-patches", paramLabel = "N",
        description = "Patches to search on (default: the model's patchNumForThreshSearch).")
    Integer patches;

    @Option(names = "--seed", paramLabel = "N",
        description = "Seed of the patch positions (default: the model's training seed).")
    Long seed;

    @Option(names = "--curve", paramLabel = "CSV", description = "Also write the objective over thresholds.")
    Path curve;

    @Option(names = "--range-min", paramLabel = "T",
        description = "Lower end of the threshold search range (default: automatic, the 0.01th percentile of the "
            + "summed amplitude maps).")
    Double rangeMin;

    @Option(names = "--range-max", paramLabel = "T",
        description = "Upper end of the threshold search range (default: automatic, the 99.99th percentile).")
    Double rangeMax;

    @Override
    boolean usesNetwork() {
        return true;
    }

    @Override
    int run(final Session session) throws Exception {
        CliFiles.checkOutputs(session, CliFiles.inputs(CliFiles.in(modelFile, "model file (MODEL)"),
            CliFiles.in(data, "data file (DATA)")),
            CliFiles.out(output, "model file (-o)", OutputPolicy.Content.MODEL),
            CliFiles.out(curve, "threshold curve file (--curve)", OutputPolicy.Content.CSV));
        try (DepafModel model = CliFiles.readModel(modelFile);
            FrameSource source = CliFiles.openStack(data, "data file", Double.NaN)) {
            final TrainingParameters cpu = TrainingParameters.builder(TrainingParameters.Preset.CPU, 0).build();
            final int n = patches != null ? patches
                : (int)parameter(model, "patchNumForThreshSearch", cpu.thresholdPatches());
            final long s = seed != null ? seed : parameter(model, "seed", cpu.seed());
            final ThresholdSearchResult result;
            try (ProgressMonitor monitor = session.progress("threshold search")) {
                result = ThresholdOptimizer.refit(model, source, n, s, rangeMin == null ? Double.NaN : rangeMin,
                    rangeMax == null ? Double.NaN : rangeMax, monitor);
                monitor.done(null);
            } catch (final IOException e) {
                throw new BadInputException("data file " + e.getMessage(), e);
            }
            // shares the network with 'model', which closes it
            ModelFile.write(output, model.withThreshold(result.threshold()));
            if (curve != null) {
                TrainCommand.ThresholdCurve.write(session, curve, result);
            }
            for (final String w : result.warnings()) {
                session.warn(w);
            }
            session.info("Threshold %.4g → %.4g (searched %s … %s on %d patches)", model.threshold(),
                result.threshold(), CsvOutput.number(result.rangeLow()), CsvOutput.number(result.rangeHigh()), n);
            session.info("Model written to %s", output);
        }
        return DepafCli.EXIT_OK;
    }

    /** A whole-number training parameter recorded in the model, or the fallback when it is absent. */
    private static long parameter(final DepafModel model, final String name, final long fallback) {
        final String v = model.parameters().get(name);
        try {
            return v == null ? fallback : Long.parseLong(v.trim());
        } catch (final NumberFormatException e) {
            return fallback;
        }
    }
}
