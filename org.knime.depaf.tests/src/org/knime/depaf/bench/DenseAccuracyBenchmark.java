package org.knime.depaf.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.knime.depaf.core.eval.EpflMatcher;
import org.knime.depaf.core.eval.Metrics;
import org.knime.depaf.core.eval.RandomBaseline;
import org.knime.depaf.core.image.FrameSource;
import org.knime.depaf.core.image.ImageStack;
import org.knime.depaf.core.image.InMemoryFrameSource;
import org.knime.depaf.core.image.StackFiles;
import org.knime.depaf.core.loc.LocalisationCsv;
import org.knime.depaf.core.loc.LocalisationTable;
import org.knime.depaf.core.model.DepafModel;
import org.knime.depaf.core.net.Nd4jRuntime;
import org.knime.depaf.core.net.samediff.SameDiffBackend;
import org.knime.depaf.core.poi.GaussianPoi;
import org.knime.depaf.core.poi.Poi;
import org.knime.depaf.core.predict.PredictionOptions;
import org.knime.depaf.core.predict.Predictor;
import org.knime.depaf.core.train.Trainer;
import org.knime.depaf.core.train.TrainingParameters;
import org.knime.depaf.core.train.TrainingProgress;
import org.knime.depaf.core.train.TrainingResult;
import org.knime.depaf.core.util.Monitor;

/**
 * DEPAF on the shared dense 2-D training stack (20 frames of 64 × 64 px, ≈ 6 emitters/µm², 4 956 emitters with
 * ground truth): self-supervised training with the CPU preset on its own 20 frames, as the method intends,
 * prediction on the same frames, and the EPFL 2016 metrics at 250 nm and 100 nm beside the random baseline.
 * Also the seconds per training iteration and prediction frames per second at 64 × 64 and 256 × 256.
 *
 * <p>Not a test: prints a Markdown table. Usage (from the repository root, after ./mvnw -B verify):
 *
 * <pre>
 * OMP_NUM_THREADS=1 java -cp "org.knime.depaf/target/classes:org.knime.depaf.tests/target/classes:org.knime.depaf/lib/*" \
 *   org.knime.depaf.bench.DenseAccuracyBenchmark [data folder, default ../shared/data/smlm2d-dense-train] [λ, default 0.005]
 * </pre>
 */
public final class DenseAccuracyBenchmark {

    private DenseAccuracyBenchmark() {
    }

    public static void main(final String[] args) throws IOException {
        final Path folder = Path.of(args.length > 0 ? args[0] : "../shared/data/smlm2d-dense-train");
        final double lambda = args.length > 1 ? Double.parseDouble(args[1]) : 0.005;
        final Path stackFile = folder.resolve("stack.tif");
        final Path truthFile = folder.resolve("ground_truth.csv");
        if (!Files.isRegularFile(stackFile) || !Files.isRegularFile(truthFile)) {
            System.out.println("Skipped: the dense training stack is not present at " + folder.toAbsolutePath()
                + " (expected stack.tif and ground_truth.csv).");
            return;
        }
        Nd4jRuntime.initialise(DenseAccuracyBenchmark.class.getClassLoader(), null);
        final double pixelNm = 100;
        final ImageStack stack = StackFiles.read(stackFile).withPixelSize(pixelNm);
        final LocalisationTable truth = LocalisationCsv.read(truthFile, pixelNm);
        // The ground truth's σ is 105–115 nm: a pixel-integrated Gaussian POI of σ = 1.1 px.
        final Poi poi = GaussianPoi.ofSigma(1.1, 0, GaussianPoi.Sampling.PIXEL_INTEGRATED);
        final int[] all = new int[stack.frames()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        final TrainingParameters params = TrainingParameters.builder(TrainingParameters.Preset.CPU, lambda)
            .frames(all, all).build();
        System.out.println("Training: CPU preset, λ = " + lambda + ", " + params.asMap());
        final long started = System.nanoTime();
        final TrainingResult result = new Trainer(new SameDiffBackend(), params, DenseAccuracyBenchmark::log)
            .train(new InMemoryFrameSource(stack), poi, Monitor.NONE);
        final double trainSeconds = (System.nanoTime() - started) / 1e9;
        try (DepafModel model = result.model()) {
            final long iterations = result.history().size();
            System.out.println("Stopped: " + result.stopReason() + "; threshold " + model.threshold() + " "
                + result.thresholdSearch().warnings());
            final LocalisationTable found;
            try (Predictor predictor = Predictor.create(model, PredictionOptions.defaults())) {
                found = predictor.localise(new InMemoryFrameSource(stack), Monitor.NONE);
            }
            final LocalisationTable random = RandomBaseline.generate(truth, stack.width() * pixelNm,
                stack.height() * pixelNm, 1);
            final List<String> rows = new ArrayList<>();
            rows.add(row("DEPAF (CPU preset)", truth, found));
            rows.add(row("random positions, true count per frame", truth, random));
            System.out.println();
            System.out.println("| method | Jaccard % at 250 nm | RMSE nm | Jaccard % at 100 nm | RMSE nm | recall / precision at 100 nm |");
            System.out.println("|---|---|---|---|---|---|");
            rows.forEach(System.out::println);
            System.out.println();
            System.out.printf(Locale.ROOT, "Training: %d iterations in %.0f s (%.3f s per iteration, including "
                + "validation), threshold search included%n", iterations, trainSeconds, trainSeconds / iterations);
            System.out.printf(Locale.ROOT, "Prediction, 64 × 64 frames: %.1f frames/s%n", framesPerSecond(model,
                64, 200));
            System.out.printf(Locale.ROOT, "Prediction, 256 × 256 frames: %.2f frames/s%n", framesPerSecond(model,
                256, 16));
        }
    }

    private static String row(final String name, final LocalisationTable truth, final LocalisationTable found) {
        final Metrics m250 = EpflMatcher.lateral(250).evaluate(truth, found);
        final Metrics m100 = EpflMatcher.lateral(100).evaluate(truth, found);
        return String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %.1f | %.2f / %.2f |", name,
            m250.jaccardPercent(), m250.rmseLateralNm(), m100.jaccardPercent(), m100.rmseLateralNm(), m100.recall(),
            m100.precision());
    }

    /** Prediction speed on synthetic frames of the given size (content does not change the network's work). */
    static double framesPerSecond(final DepafModel model, final int size, final int frames) throws IOException {
        final float[] px = new float[frames * size * size];
        final java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        for (int i = 0; i < px.length; i++) {
            px[i] = (float)(100 + 30 * r.nextDouble());
        }
        final FrameSource source = new InMemoryFrameSource(new ImageStack(px, frames, size, size, 100, "speed"));
        try (Predictor predictor = Predictor.create(model, PredictionOptions.defaults())) {
            predictor.localise(new InMemoryFrameSource(new ImageStack(java.util.Arrays.copyOf(px, size * size), 1,
                size, size, 100, "warm-up")), Monitor.NONE);
            final long t0 = System.nanoTime();
            predictor.localise(source, Monitor.NONE);
            return frames / ((System.nanoTime() - t0) / 1e9);
        }
    }

    private static void log(final TrainingProgress p) {
        if (p.validated() && (p.iteration() - 1) % 100 == 0) {
            System.out.printf(Locale.ROOT, "  iteration %d: loss %.3f, validation %.3f, λ %.2g, %.0f s%n",
                p.iteration(), p.loss(), p.validationLoss(), p.lambda(), p.seconds());
        }
    }
}
