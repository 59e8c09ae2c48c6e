package org.knime.depaf.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.knime.depaf.core.eval.EpflMatcher;
import org.knime.depaf.core.eval.MatchResult;
import org.knime.depaf.core.eval.Metrics;
import org.knime.depaf.core.fit.CameraCalibration;
import org.knime.depaf.core.fit.LocalisationRefiner;
import org.knime.depaf.core.fit.RefinementOptions;
import org.knime.depaf.core.image.InMemoryFrameSource;
import org.knime.depaf.core.loc.LocalisationTable;
import org.knime.depaf.core.model.DepafModel;
import org.knime.depaf.core.model.ModelFile;
import org.knime.depaf.core.net.Nd4jRuntime;
import org.knime.depaf.core.net.samediff.SameDiffBackend;
import org.knime.depaf.core.poi.GaussianPoi;
import org.knime.depaf.core.predict.InMemoryPredictionSink;
import org.knime.depaf.core.predict.PredictionOptions;
import org.knime.depaf.core.predict.Predictor;
import org.knime.depaf.core.train.Trainer;
import org.knime.depaf.core.train.TrainingResult;
import org.knime.depaf.core.util.Monitor;

/**
 * A development tool, not the benchmark: how refining DEPAF's localisations by fitting ({@link LocalisationRefiner})
 * changes accuracy on the benchmark's data sets, for several likelihood-ratio thresholds, with the models trained
 * once and kept in a folder so that variants can be compared without training again. Prints one table; the
 * benchmark ({@link SideBySideBenchmark}) reports the chosen default in the same run as GDSC SMLM.
 *
 * <pre>
 * java -cp org.knime.depaf.bench/target/org.knime.depaf.bench.jar org.knime.depaf.bench.RefinementExperiment \
 *     MODEL_FOLDER [DATA_SET ...]
 * </pre>
 */
public final class RefinementExperiment {

    private static final double[] MIN_LLR = Arrays.stream(System.getProperty("minLlr", "0,20,50,100,200")
        .split(",")).mapToDouble(Double::parseDouble).toArray();

    private RefinementExperiment() {
    }

    public static void main(final String[] args) throws IOException {
        final Path models = Path.of(args[0]);
        Files.createDirectories(models);
        final List<String> wanted = List.of(args).subList(1, args.length);
        Nd4jRuntime.initialise(RefinementExperiment.class.getClassLoader(), null);
        final List<SideBySideBenchmark.DataSet> sets = new ArrayList<>();
        final SideBySideBenchmark.DataSet shared = SideBySideBenchmark.sharedDense(
            Path.of("../shared/data/smlm2d-dense-train"));
        if (shared != null && (wanted.isEmpty() || wanted.contains(shared.name()))) {
            sets.add(shared);
        }
        for (final double photons : SideBySideBenchmark.PHOTONS) {
            for (final double density : SideBySideBenchmark.DENSITIES) {
                if (wanted.isEmpty() || wanted.contains(SideBySideBenchmark.simName(density, photons))) {
                    sets.add(SideBySideBenchmark.simulated(density, photons));
                }
            }
        }
        System.out.println("data set | variant | J100 | J250 | recall | precision | RMSE100 | mean CRLB | "
            + "err/σ sd x, y | fallbacks | rejected | added | merged | gain | frames/s");
        for (final SideBySideBenchmark.DataSet set : sets) {
            final Path file = models.resolve(set.name() + ".depaf");
            if (!Files.exists(file)) {
                final TrainingResult r = new Trainer(new SameDiffBackend(), DepafRunner.parameters(
                    set.densityPerUm2(), set.stack().frames(), false, SideBySideBenchmark.SEED), null)
                    .train(new InMemoryFrameSource(set.stack()), GaussianPoi.ofSigma(set.sigmaPx(), 0,
                        GaussianPoi.Sampling.PIXEL_INTEGRATED), Monitor.NONE);
                try (DepafModel m = r.model()) {
                    ModelFile.write(file, m);
                }
            }
            try (DepafModel model = ModelFile.read(file, new SameDiffBackend())) {
                report(set, "DEPAF", predict(model, set, null));
                final CameraCalibration camera = DepafRunner.camera(set);
                final boolean auto = !set.name().startsWith("sim-") || Boolean.getBoolean("autoGain");
                for (final double llr : MIN_LLR) {
                    report(set, "fit, min LLR " + llr, predict(model, set, new RefinementOptions(camera, llr, auto)));
                }
            }
        }
    }

    private record Run(LocalisationTable found, double framesPerSecond, LocalisationRefiner.Stats stats,
        double gain) {
    }

    private static Run predict(final DepafModel model, final SideBySideBenchmark.DataSet set,
        final RefinementOptions refinement) throws IOException {
        try (Predictor p = Predictor.create(model, PredictionOptions.builder().refinement(refinement).build())) {
            final long t0 = System.nanoTime();
            final InMemoryPredictionSink sink = new InMemoryPredictionSink();
            final var summary = p.run(new InMemoryFrameSource(set.stack()), 0, set.stack().frames(), sink,
                Monitor.NONE);
            final double fps = set.stack().frames() / ((System.nanoTime() - t0) / 1e9);
            return new Run(sink.localisations(), fps, summary.refinement(),
                summary.camera() == null ? Double.NaN : summary.camera().aduPerPhoton());
        }
    }

    private static void report(final SideBySideBenchmark.DataSet set, final String variant, final Run run) {
        final Metrics m100 = EpflMatcher.lateral(100).evaluate(set.truth(), run.found());
        final Metrics m250 = EpflMatcher.lateral(250).evaluate(set.truth(), run.found());
        final MatchResult pairs = EpflMatcher.lateral(100).match(set.truth(), run.found());
        final double[] calib = DepafRunner.calibration(pairs, set.truth(), run.found());
        System.out.printf(Locale.ROOT, "%s | %s | %.1f | %.1f | %.3f | %.3f | %.1f | %.1f | %.2f, %.2f | %d | %d | "
            + "%d | %d | %.2f | %.1f%n", set.name(), variant, m100.jaccardPercent(), m250.jaccardPercent(), m100.recall(),
            m100.precision(), m100.rmseLateralNm(), calib[0], calib[1], calib[2], run.stats().fallbacks(),
            run.stats().rejected(), run.stats().added(), run.stats().merged(), run.gain(), run.framesPerSecond());
    }
}
