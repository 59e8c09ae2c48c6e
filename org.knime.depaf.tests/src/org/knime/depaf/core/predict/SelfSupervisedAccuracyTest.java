package org.knime.depaf.core.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knime.depaf.core.eval.EpflMatcher;
import org.knime.depaf.core.eval.Metrics;
import org.knime.depaf.core.fit.RefinementOptions;
import org.knime.depaf.core.image.ImageStack;
import org.knime.depaf.core.image.InMemoryFrameSource;
import org.knime.depaf.core.loc.LocalisationTable;
import org.knime.depaf.core.model.DepafModel;
import org.knime.depaf.core.model.ModelFile;
import org.knime.depaf.core.net.samediff.SameDiffBackend;
import org.knime.depaf.core.poi.GaussianPoi;
import org.knime.depaf.core.poi.Poi;
import org.knime.depaf.core.poi.SpikePoi;
import org.knime.depaf.core.resample.Interpolation;
import org.knime.depaf.core.sim.SimulationConfig;
import org.knime.depaf.core.sim.SimulationResult;
import org.knime.depaf.core.sim.SmlmSimulator;
import org.knime.depaf.core.train.Trainer;
import org.knime.depaf.core.train.TrainingParameters;
import org.knime.depaf.core.train.TrainingResult;
import org.knime.depaf.core.util.Monitor;

/**
 * The whole method, self-supervised, on simulated data with ground truth: train on a stack, predict the same stack,
 * compare with the truth. These runs take a few minutes on two cores; they use a narrow network (base width 8).
 */
class SelfSupervisedAccuracyTest {

    @TempDir
    Path dir;

    /** Low density (0.5 emitters/µm²), 3 000 photons on average: ≥ 90 % Jaccard at 250 nm, RMSE ≤ 30 nm. */
    @Test
    void findsNinetyPercentOfSparseEmittersWithinThirtyNanometres() throws IOException {
        SimulationConfig config = SimulationConfig.default2d().withFrames(20).withSeed(11);
        config = config.withEmitters(config.emitters().withDensityPerUm2(0.5)
            .withPhotons(SimulationConfig.Photons.LOG_NORMAL, 3000, 0.3));
        final SimulationResult sim = SmlmSimulator.simulate(config);
        final TrainingParameters params = TrainingParameters.builder(TrainingParameters.Preset.CPU, 0.2).baseWidth(8)
            .patchSize(64, 64).patches(256, 32).maxIterations(1200).maxMinutes(0).warmup(100, 200)
            .validationFrequency(20).maxPatience(10).thresholdPatches(128).frames(range(20), range(20)).build();
        final TrainingResult trained = new Trainer(new SameDiffBackend(), params, null)
            .train(new InMemoryFrameSource(sim.stack()), gaussian(), Monitor.NONE);
        try (DepafModel model = trained.model()) {
            final LocalisationTable found = localise(model, sim.stack());
            final Metrics m = EpflMatcher.lateral(250).evaluate(sim.groundTruth(), found);
            assertTrue(m.jaccardPercent() >= 90, "Jaccard at 250 nm " + m);
            assertTrue(m.rmseLateralNm() <= 30, "lateral RMSE " + m);

            // refined by fitting the POI with the simulator's camera: nearer the truth, nothing lost, and each
            // localisation with its Cramér–Rao bound
            final LocalisationTable refined;
            try (Predictor predictor = Predictor.create(model, PredictionOptions.builder()
                .pixelSizeNm(sim.stack().pixelSizeNm()).refinement(new RefinementOptions(
                    config.camera().calibration(), RefinementOptions.DEFAULT_MIN_LLR)).build())) {
                refined = predictor.localise(new InMemoryFrameSource(sim.stack()), Monitor.NONE);
            }
            final Metrics r = EpflMatcher.lateral(250).evaluate(sim.groundTruth(), refined);
            assertTrue(r.rmseLateralNm() < 0.8 * m.rmseLateralNm(), "refined " + r + " against " + m);
            assertTrue(r.jaccardPercent() >= m.jaccardPercent() - 1, "refined " + r + " against " + m);
            int withUncertainty = 0;
            for (int i = 0; i < refined.size(); i++) {
                final double u = refined.uncertainty(i);
                withUncertainty += u > 1 && u < 50 ? 1 : 0;
            }
            assertTrue(withUncertainty >= 0.95 * refined.size(), withUncertainty + " of " + refined.size()
                + " localisations with an uncertainty between 1 and 50 nm");

            // the model file keeps everything prediction needs: same localisations after a round trip
            final Path file = dir.resolve("model.depaf");
            ModelFile.write(file, model);
            try (DepafModel loaded = ModelFile.read(file, new SameDiffBackend())) {
                final LocalisationTable again = localise(loaded, sim.stack());
                assertTrue(found.size() > 0);
                assertEquals(found, again, "localisations before and after saving the model");
            }
        }
    }

    /**
     * 1-D traces (width 1), as for calcium imaging: spikes convolved with an exponential kernel plus noise. The
     * detected spike onsets match the true ones within two samples.
     */
    @Test
    void recoversSpikeTimesInOneDimensionalTraces() throws IOException {
        final int length = 128;
        final int traces = 48;
        final double tau = 6;
        final Poi kernel = SpikePoi.exponential(tau);
        final SplittableRandom random = new SplittableRandom(5);
        final float[] px = new float[traces * length];
        final int[] frames = new int[traces * 2];
        final double[] onsets = new double[traces * 2];
        int spikes = 0;
        for (int t = 0; t < traces; t++) {
            final int first = 16 + random.nextInt(30);
            final int second = first + 40 + random.nextInt(40);
            for (final int onset : new int[]{first, second}) {
                final double amplitude = 1 + random.nextDouble();
                for (int i = onset; i < length; i++) {
                    px[t * length + i] += (float)(amplitude * Math.exp(-(i - onset) / tau));
                }
                frames[spikes] = t + 1;
                onsets[spikes] = onset;
                spikes++;
            }
            for (int i = 0; i < length; i++) {
                px[t * length + i] += (float)(0.05 * random.nextGaussian());
            }
        }
        final ImageStack stack = new ImageStack(px, traces, length, 1, 1, "simulated traces");
        final TrainingParameters params = TrainingParameters.builder(TrainingParameters.Preset.CPU, 0.3)
            .baseWidth(8).upsampling(1, 1, 1).interpolation(Interpolation.LINEAR).patchSize(128, 1)
            .patches(192, 32).batchSize(16).maxIterations(400).maxMinutes(0).warmup(50, 100)
            .validationFrequency(20).thresholdPatches(48).frames(range(traces), range(traces)).build();
        final TrainingResult trained = new Trainer(new SameDiffBackend(), params, null)
            .train(new InMemoryFrameSource(stack), kernel, Monitor.NONE);
        try (DepafModel model = trained.model()) {
            final LocalisationTable found = localise(model, stack);
            // pixel size 1: y in "nm" is the sample index + 0.5
            final double[] truthY = new double[spikes];
            final double[] truthX = new double[spikes];
            for (int i = 0; i < spikes; i++) {
                truthY[i] = onsets[i] + 0.5;
                truthX[i] = 0.5;
            }
            final LocalisationTable truth = LocalisationTable.of(1, java.util.Arrays.copyOf(frames, spikes), truthX,
                truthY);
            final Metrics m = EpflMatcher.lateral(2).evaluate(truth, found);
            assertTrue(m.recall() >= 0.9 && m.precision() >= 0.9, "spikes within 2 samples: " + m);
        }
    }

    private static LocalisationTable localise(final DepafModel model, final ImageStack stack) throws IOException {
        try (Predictor predictor = Predictor.create(model, PredictionOptions.builder()
            .pixelSizeNm(stack.pixelSizeNm()).build())) {
            return predictor.localise(new InMemoryFrameSource(stack), Monitor.NONE);
        }
    }

    private static Poi gaussian() {
        return GaussianPoi.ofSigma(1.1, 0, GaussianPoi.Sampling.PIXEL_INTEGRATED);
    }

    private static int[] range(final int n) {
        final int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }
}
