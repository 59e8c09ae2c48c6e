package org.knime.depaf.bench;

import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Consumer;

import org.knime.depaf.core.eval.MatchResult;
import org.knime.depaf.core.fit.CameraCalibration;
import org.knime.depaf.core.fit.LocalisationRefiner;
import org.knime.depaf.core.fit.RefinementOptions;
import org.knime.depaf.core.image.ImageStack;
import org.knime.depaf.core.image.InMemoryFrameSource;
import org.knime.depaf.core.loc.LocalisationTable;
import org.knime.depaf.core.model.DepafModel;
import org.knime.depaf.core.net.samediff.SameDiffBackend;
import org.knime.depaf.core.poi.GaussianPoi;
import org.knime.depaf.core.poi.Poi;
import org.knime.depaf.core.predict.InMemoryPredictionSink;
import org.knime.depaf.core.predict.PredictionOptions;
import org.knime.depaf.core.predict.PredictionSummary;
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
        String settings, Fitted fitted) {
    }

    /** The same model's prediction with refinement by fitting ({@link LocalisationRefiner}), default options. */
    record Fitted(LocalisationTable found, double framesPerSecond, String settings) {
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
        final long seed, final RefinementOptions refinement, final Consumer<DepafModel> withModel) throws IOException {
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
                final Fitted fitted = fit(model, stack, refinement);
                if (withModel != null) {
                    withModel.accept(model);
                }
                return new Outcome(found, trainSeconds, result.history().size(), result.stopReason(),
                    predictSeconds, stack.frames() / predictSeconds, flops, Math.max(trainPeak, PeakMemory.peakMiB()),
                    Math.max(trainPeak, PeakMemory.peakMiB()) - startMiB, settings, fitted);
            }
        }
    }

    /** Predicts again with refinement; the network is warm, so the speed compares with the plain prediction. */
    static Fitted fit(final DepafModel model, final ImageStack stack, final RefinementOptions refinement)
        throws IOException {
        try (Predictor p = Predictor.create(model, PredictionOptions.builder().refinement(refinement).build())) {
            final InMemoryPredictionSink sink = new InMemoryPredictionSink();
            final long t0 = System.nanoTime();
            final PredictionSummary summary = p.run(new InMemoryFrameSource(stack), 0, stack.frames(), sink,
                Monitor.NONE);
            final double seconds = (System.nanoTime() - t0) / 1e9;
            final LocalisationRefiner.Stats st = summary.refinement();
            return new Fitted(sink.localisations(), stack.frames() / seconds, String.format(Locale.ROOT,
                "refinement by fitting, min LLR %.0f, camera offset %.0f ADU, %s %.3g ADU/photon%s; %d fitted, %d "
                    + "fell back, %d added, %d merged, %d dropped", refinement.minLlr(), summary.camera().offsetAdu(),
                refinement.gainFromData() ? "gain from the data" : "gain", summary.camera().aduPerPhoton(),
                summary.camera().emccd() ? ", EMCCD" : "", st.fitted(), st.fallbacks(), st.added(), st.merged(),
                st.rejected()));
        }
    }

    /**
     * The camera the refinement assumes for a data set: the simulator's EMCCD for the simulated ones, and for the
     * shared dense stack, whose camera is not recorded, what GDSC SMLM is given (100 ADU baseline, 1 ADU per
     * photon, no EM gain).
     */
    static CameraCalibration camera(final SideBySideBenchmark.DataSet set) {
        final GdscSmlmFitter.Camera c = set.camera();
        return new CameraCalibration(c.biasAdu(), c.aduPerPhoton(), c.qe(), set.name().startsWith("sim-"),
            c.readNoiseAdu());
    }

    /**
     * @param pairs localisations matched to the truth
     * @param truth the ground truth
     * @param found the localisations, with uncertainty columns when refined
     * @return {mean lateral Cramér–Rao bound √(σx² + σy²) (nm, comparable with the lateral RMSE), sd of x error /
     *         σx, sd of y error / σy, and the same two robustly (1.4826 × median absolute deviation: the core of the
     *         distribution, without the few pairs of emitters fitted as one)}, NaN where not available
     */
    static double[] calibration(final MatchResult pairs, final LocalisationTable truth,
        final LocalisationTable found) {
        final double[] sx = found.extraColumn(LocalisationRefiner.CRLB_X);
        final double[] sy = found.extraColumn(LocalisationRefiner.CRLB_Y);
        if (sx == null || pairs.pairs() == 0) {
            return new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN};
        }
        double unc = 0;
        int n = 0;
        final double[] zx = new double[pairs.pairs()];
        final double[] zy = new double[pairs.pairs()];
        for (int k = 0; k < pairs.pairs(); k++) {
            final int l = pairs.locRow(k);
            final int g = pairs.gtRow(k);
            if (Double.isFinite(sx[l]) && sx[l] > 0 && Double.isFinite(sy[l]) && sy[l] > 0) {
                zx[n] = (found.x(l) - truth.x(g)) / sx[l];
                zy[n] = (found.y(l) - truth.y(g)) / sy[l];
                unc += Math.hypot(sx[l], sy[l]);
                n++;
            }
        }
        return n == 0 ? new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN}
            : new double[] {unc / n, sd(zx, n), sd(zy, n), robustSd(zx, n), robustSd(zy, n)};
    }

    private static double robustSd(final double[] v, final int n) {
        final double[] c = Arrays.copyOf(v, n);
        Arrays.sort(c);
        final double median = c[n / 2];
        for (int i = 0; i < n; i++) {
            c[i] = Math.abs(v[i] - median);
        }
        Arrays.sort(c);
        return 1.4826 * c[n / 2];
    }

    private static double sd(final double[] v, final int n) {
        double m = 0;
        for (int i = 0; i < n; i++) {
            m += v[i];
        }
        m /= n;
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += (v[i] - m) * (v[i] - m);
        }
        return Math.sqrt(s / Math.max(1, n - 1));
    }

    private static void log(final TrainingProgress p) {
        if (p.validated() && (p.iteration() - 1) % 200 == 0) {
            System.out.printf(Locale.ROOT, "    iteration %d: loss %.3f, validation %.3f, λ %.2g, %.0f s%n",
                p.iteration(), p.loss(), p.validationLoss(), p.lambda(), p.seconds());
        }
    }
}
