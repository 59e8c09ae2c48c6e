package org.knime.depaf.bench;

import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;

import org.knime.depaf.core.image.ImageStack;
import org.knime.depaf.core.image.InMemoryFrameSource;
import org.knime.depaf.core.loc.LocalisationTable;
import org.knime.depaf.core.model.DepafModel;
import org.knime.depaf.core.net.samediff.SameDiffBackend;
import org.knime.depaf.core.poi.GaussianPoi;
import org.knime.depaf.core.poi.Poi;
import org.knime.depaf.core.predict.PredictionOptions;
import org.knime.depaf.core.predict.Predictor;
import org.knime.depaf.core.preprocess.FramePreparer;
import org.knime.depaf.core.train.Trainer;
import org.knime.depaf.core.train.TrainingParameters;
import org.knime.depaf.core.train.TrainingProgress;
import org.knime.depaf.core.train.TrainingResult;
import org.knime.depaf.core.util.Monitor;

/**
 * DEPAF as a user would run it on one data set: self-supervised training on all of the data set's frames (training
 * and validation patches from the same frames, as the method intends; no ground truth is used), then prediction on the
 * same frames. The POI is a pixel-integrated Gaussian of the data set's σ.
 */
final class DepafRunner {

    /** What one DEPAF run produced and cost. */
    record Outcome(LocalisationTable found, double trainSeconds, long iterations, String stopReason,
        double predictSeconds, double framesPerSecond, double flopsPerFrame, double peakMiB, double growthMiB,
        String settings) {
    }

    private DepafRunner() {
    }

    /**
     * The λ rule, fixed before any evaluation and never tuned on the evaluated ground truth: log λ linear in log
     * density through the two settings measured to work today, λ = 0.2 at 0.5 emitters/µm² (simulated, 3 000
     * photons) and λ = 0.005 at 6 emitters/µm² (the dense stack), clamped to [0.005, 0.2] outside. It follows the
     * method's table, whose λ falls with density; photons do not enter.
     *
     * @param densityPerUm2 the expected emitter density (emitters per µm² per frame)
     * @return λ
     */
    static double lambdaFor(final double densityPerUm2) {
        final double lo = Math.log(0.5);
        final double hi = Math.log(6);
        final double t = Math.max(0, Math.min(1, (Math.log(densityPerUm2) - lo) / (hi - lo)));
        return Math.exp(Math.log(0.2) + t * (Math.log(0.005) - Math.log(0.2)));
    }

    /**
     * Training settings per density: the CPU preset (base width 16, ≤ 2 000 iterations, warm-up 250/500) from
     * 2 emitters/µm² up; below, a narrower network (base width 8) with ≤ 1 200 iterations and warm-up 100/200. Quick
     * runs: base width 8, ≤ 300 iterations, warm-up 60/120.
     */
    static TrainingParameters parameters(final double densityPerUm2, final int frames, final boolean quick,
        final long seed) {
        final int[] all = new int[frames];
        for (int i = 0; i < frames; i++) {
            all[i] = i;
        }
        final TrainingParameters.Builder b = TrainingParameters.builder(TrainingParameters.Preset.CPU,
            lambdaFor(densityPerUm2)).frames(all, all).seed(seed);
        if (quick) {
            b.baseWidth(8).maxIterations(300).warmup(60, 120);
        } else if (densityPerUm2 < 2) {
            b.baseWidth(8).maxIterations(1_200).warmup(100, 200);
        }
        return b.build();
    }

    static Outcome run(final ImageStack stack, final double sigmaPx, final double densityPerUm2, final boolean quick,
        final long seed) throws IOException {
        final Poi poi = GaussianPoi.ofSigma(sigmaPx, 0, GaussianPoi.Sampling.PIXEL_INTEGRATED);
        final TrainingParameters params = parameters(densityPerUm2, stack.frames(), quick, seed);
        final String settings = String.format(Locale.ROOT, "λ = %.3g, base width %d, ≤ %d iterations, warm-up %s",
            params.lambda(), params.baseWidth(), params.maxIterations(), params.asMap().getOrDefault("lambdaWarmup", "?"));
        final double startMiB = PeakMemory.reset();
        final long t0 = System.nanoTime();
        final TrainingResult result = new Trainer(new SameDiffBackend(), params, DepafRunner::log)
            .train(new InMemoryFrameSource(stack), poi, Monitor.NONE);
        final double trainSeconds = (System.nanoTime() - t0) / 1e9;
        final double trainPeak = PeakMemory.peakMiB();
        try (DepafModel model = result.model()) {
            final FramePreparer prep = new FramePreparer(stack.height(), stack.width(), model.poi().ratios(),
                model.poi().method(), model.normalization());
            final double flops = model.network().config().flopsPerFrame(prep.outputHeight(), prep.outputWidth());
            try (Predictor predictor = Predictor.create(model, PredictionOptions.defaults())) {
                // warm-up: the first call builds the graph and initialises oneDNN primitives
                predictor.localise(new InMemoryFrameSource(new ImageStack(Arrays.copyOf(stack.pixels(),
                    stack.frameSize()), 1, stack.height(), stack.width(), stack.pixelSizeNm(), "warm-up")),
                    Monitor.NONE);
                final long p0 = System.nanoTime();
                final LocalisationTable found = predictor.localise(new InMemoryFrameSource(stack), Monitor.NONE);
                final double predictSeconds = (System.nanoTime() - p0) / 1e9;
                return new Outcome(found, trainSeconds, result.history().size(), result.stopReason(),
                    predictSeconds, stack.frames() / predictSeconds, flops, Math.max(trainPeak, PeakMemory.peakMiB()),
                    Math.max(trainPeak, PeakMemory.peakMiB()) - startMiB, settings);
            }
        }
    }

    private static void log(final TrainingProgress p) {
        if (p.validated() && (p.iteration() - 1) % 200 == 0) {
            System.out.printf(Locale.ROOT, "    iteration %d: loss %.3f, validation %.3f, λ %.2g, %.0f s%n",
                p.iteration(), p.loss(), p.validationLoss(), p.lambda(), p.seconds());
        }
    }
}
