package org.knime.depaf.core.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knime.depaf.core.image.ImageStack;

/**
 * The behaviour every {@link NetworkBackend} must show; a backend's test class extends this and names the backend.
 * Networks are tiny (base width 4–8, depth 2, 32 × 32 patches) so that the whole contract runs in seconds on one
 * CPU thread.
 */
public abstract class DepafNetworkContract {

    /** POI of the tests: 7 × 7 Gaussian, σ = 1 px. */
    protected static final ForwardKernels KERNELS = new ForwardKernels(SpotPatches.gaussianPoi(7, 1.0), 1, 7, 7, 9, 9);

    /** @return the backend under test */
    protected abstract NetworkBackend backend();

    private DepafNetwork tiny(final long seed) {
        return backend().build(NetworkConfig.builder(1).baseWidth(4).seed(seed).build(), KERNELS);
    }

    private static ImageStack batch(final int count, final long seed) {
        return SpotPatches.spots(count, 32, 32, 4, 1.0, seed);
    }

    private static double mean(final double[] v, final int from, final int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += v[i];
        }
        return s / (to - from);
    }

    @Test
    public void lossDecreasesOverAFewHundredStepsOnSimulatedSpots() {
        final ImageStack train = SpotPatches.spots(32, 32, 32, 4, 1.0, 1);
        final int steps = 200;
        final int b = 4;
        final double[] losses = new double[steps];
        try (DepafNetwork net = backend().build(NetworkConfig.builder(1).baseWidth(8).seed(3).build(), KERNELS)) {
            final Objective objective = Objective.full(KERNELS, 0.01);
            for (int t = 0; t < steps; t++) {
                final int first = t * b % train.frames();
                final LossTerms loss = net.trainStep(train.subStack(first, b), objective);
                assertTrue(Double.isFinite(loss.total()), "loss at step " + t + " is " + loss);
                losses[t] = loss.total();
            }
            assertEquals(steps, net.steps());
        }
        final double early = mean(losses, 0, 10);
        final double late = mean(losses, steps - 10, steps);
        assertTrue(late < 0.5 * early, "mean loss of the first 10 steps " + early + ", of the last 10 " + late);
    }

    @Test
    public void inferenceGivesAmplitudesSignalAndBackgroundOfTheRightShape() {
        try (DepafNetwork net = tiny(1)) {
            final NetworkOutput out = net.infer(batch(3, 2));
            assertEquals(3, out.patches());
            assertEquals(1, out.channels());
            assertEquals(32, out.height());
            assertEquals(32, out.width());
            assertEquals(3 * 32 * 32, out.amplitudes().length);
            for (final float a : out.amplitudes()) {
                assertTrue(a >= 0, "amplitudes are |head output|, got " + a);
            }
            assertTrue(Arrays.stream(toDoubles(out.background())).anyMatch(v -> v != 0));
        }
        try (DepafNetwork net = backend().build(NetworkConfig.builder(1).baseWidth(4).learnBackground(false).build(),
            KERNELS)) {
            final NetworkOutput out = net.infer(batch(2, 2));
            assertTrue(Arrays.stream(toDoubles(out.background())).allMatch(v -> v == 0));
        }
    }

    private static double[] toDoubles(final float[] v) {
        final double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }

    @Test
    public void dropoutActsOnlyInTrainingSteps() {
        final ImageStack b = batch(4, 3);
        final Objective objective = Objective.full(KERNELS, 0.02);
        try (DepafNetwork net = tiny(5)) {
            final LossTerms before = net.loss(b, objective);
            assertEquals(before, net.loss(b, objective), "inference-mode loss must be deterministic");
            final LossTerms step = net.trainStep(b, objective);
            assertNotEquals(before.total(), step.total(), 1e-6 * before.total(), "dropout changes the training loss");
        }
        try (DepafNetwork net = backend().build(NetworkConfig.builder(1).baseWidth(4).seed(5).dropout(0).build(),
            KERNELS)) {
            final LossTerms before = net.loss(b, objective);
            final LossTerms step = net.trainStep(b, objective);
            assertEquals(before.total(), step.total(), 1e-5 * before.total(),
                "without dropout a step reports the inference loss of the weights before the update");
        }
    }

    @Test
    public void lossOfManyPatchesIsTheAverageOverAllOfThem() {
        final ImageStack big = SpotPatches.spots(40, 64, 64, 8, 1.0, 4); // more than one evaluation chunk
        final Objective objective = Objective.full(KERNELS, 0.05);
        try (DepafNetwork net = tiny(6)) {
            final LossTerms all = net.loss(big, objective);
            final LossTerms first = net.loss(big.subStack(0, 15), objective);
            final LossTerms rest = net.loss(big.subStack(15, 25), objective);
            assertEquals(40, all.patches());
            assertEquals((15 * first.fidelity() + 25 * rest.fidelity()) / 40, all.fidelity(), 1e-5 * all.fidelity());
            assertEquals((15 * first.sparsity() + 25 * rest.sparsity()) / 40, all.sparsity(), 1e-5 * all.sparsity());
            final NetworkOutput out = net.infer(big);
            final NetworkOutput last = net.infer(big.subStack(39, 1));
            assertArrayEquals(last.signal(), Arrays.copyOfRange(out.signal(), 39 * 64 * 64, 40 * 64 * 64), 1e-5f);
        }
    }

    @Test
    public void savedNetworkLoadsWithIdenticalInferenceAndContinuesIdentically(@TempDir final Path dir)
        throws IOException {
        final ImageStack b = batch(4, 7);
        final Objective objective = Objective.full(KERNELS, 0.02);
        final Path file = dir.resolve("net.bin");
        try (DepafNetwork net = tiny(8)) {
            for (int i = 0; i < 3; i++) {
                net.trainStep(b, objective);
            }
            net.setLearningRate(5e-4);
            net.save(file);
            try (DepafNetwork loaded = backend().load(file)) {
                assertEquals(net.config(), loaded.config());
                assertEquals(net.kernels(), loaded.kernels());
                assertEquals(3, loaded.steps());
                assertEquals(5e-4, loaded.learningRate());
                final NetworkOutput a = net.infer(b);
                final NetworkOutput c = loaded.infer(b);
                assertArrayEquals(a.amplitudes(), c.amplitudes());
                assertArrayEquals(a.signal(), c.signal());
                assertArrayEquals(a.background(), c.background());
                // same weights, same optimiser moments, same step count, same dropout masks
                assertEquals(net.trainStep(b, objective), loaded.trainStep(b, objective));
                assertArrayEquals(net.infer(b).amplitudes(), loaded.infer(b).amplitudes());
            }
        }
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
    }

    @Test
    public void loadingSomethingElseFailsWithTheFileName(@TempDir final Path dir) throws IOException {
        final Path file = dir.resolve("not-a-network.bin");
        Files.writeString(file, "hello, I am not a network");
        IOException e = assertThrows(IOException.class, () -> backend().load(file));
        assertTrue(e.getMessage().contains("not-a-network.bin"), e.getMessage());

        final Path whole = dir.resolve("whole.bin");
        try (DepafNetwork net = tiny(17)) {
            net.save(whole);
        }
        final byte[] bytes = Files.readAllBytes(whole);
        final Path truncated = dir.resolve("truncated.bin");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
        e = assertThrows(IOException.class, () -> backend().load(truncated));
        assertTrue(e.getMessage().contains("truncated.bin") && e.getMessage().contains("ends too early"),
            e.getMessage());
    }

    @Test
    public void restoredSnapshotBringsBackTheWeights() {
        final ImageStack b = batch(4, 9);
        final Objective objective = Objective.full(KERNELS, 0.02);
        try (DepafNetwork net = tiny(10)) {
            net.trainStep(b, objective);
            final WeightsSnapshot best = net.snapshot();
            final float[] bestSignal = net.infer(b).signal();
            net.trainStep(b, objective);
            net.trainStep(b, objective);
            assertFalse(Arrays.equals(bestSignal, net.infer(b).signal()));
            assertNotEquals(best, net.snapshot());
            net.restore(best);
            assertArrayEquals(bestSignal, net.infer(b).signal());
            assertEquals(best, net.snapshot());
            assertEquals(3, net.steps(), "restoring weights does not rewind the step count");
        }
    }

    @Test
    public void sameSeedRepeatsTheLossesAndAnotherSeedDoesNot() {
        final ImageStack b = batch(4, 11);
        final Objective objective = Objective.full(KERNELS, 0.02);
        final LossTerms[][] runs = new LossTerms[3][3];
        final long[] seeds = {21, 21, 22};
        for (int r = 0; r < 3; r++) {
            try (DepafNetwork net = tiny(seeds[r])) {
                for (int t = 0; t < 3; t++) {
                    runs[r][t] = net.trainStep(b, objective);
                }
            }
        }
        assertArrayEquals(runs[0], runs[1]);
        assertNotEquals(runs[0][0], runs[2][0]);
    }

    @Test
    public void oneDimensionalNetworkTrainsOnTraces() {
        final float[] spike = new float[9];
        for (int i = 0; i < 9; i++) {
            spike[i] = (float)Math.exp(-Math.abs(i - 4) / 1.5);
        }
        final ForwardKernels kernels = new ForwardKernels(spike, 1, 9, 1, 15, 1);
        final ImageStack traces = SpotPatches.spots(6, 64, 1, 3, 1.5, 12);
        try (DepafNetwork net = backend().build(NetworkConfig.builder(1).baseWidth(4).oneDimensional(true).seed(2)
            .build(), kernels)) {
            final Objective objective = Objective.full(kernels, 0.01);
            for (int t = 0; t < 5; t++) {
                assertTrue(Double.isFinite(net.trainStep(traces, objective).total()));
            }
            final NetworkOutput out = net.infer(traces);
            assertEquals(6 * 64, out.signal().length);
            assertEquals(1, out.width());
        }
    }

    @Test
    public void multiChannelNetworkTrainsWithAMaskAndCopiesHeadChannels() {
        final int c = 5;
        final float[] poi = new float[c * 7 * 7];
        final float[] slice = SpotPatches.gaussianPoi(7, 1.0);
        for (int ch = 0; ch < c; ch++) {
            for (int i = 0; i < slice.length; i++) {
                poi[ch * 49 + i] = slice[i] * (1 + 0.1f * ch);
            }
        }
        final ForwardKernels kernels = new ForwardKernels(poi, c, 7, 7, 9, 9);
        // curriculum level 1 for C = 5: groups {0,1,2} and {3,4}, active channels 1 and 3
        final float[] mask = {0, 1, 0, 1, 0};
        final float[] compressed = new float[poi.length];
        System.arraycopy(poi, 0, compressed, 49, 49);
        System.arraycopy(poi, 3 * 49, compressed, 3 * 49, 49);
        final Objective level1 = new Objective(0.02, mask, compressed);
        final ImageStack b = batch(4, 13);
        try (DepafNetwork net = backend().build(NetworkConfig.builder(c).baseWidth(4).seed(4).build(), kernels)) {
            for (int t = 0; t < 3; t++) {
                assertTrue(Double.isFinite(net.trainStep(b, level1).total()));
            }
            final LossTerms silent = net.loss(b, new Objective(0.02, new float[c], compressed));
            assertEquals(0, silent.sparsity(), "masked channels add no sparsity");

            final NetworkOutput before = net.infer(b);
            final float[] parent = net.headChannel(1);
            assertEquals(4 + 1, parent.length, "base width weights and a bias");
            net.copyHeadChannel(1, 2, 1.0 / 3);
            final float[] child = net.headChannel(2);
            for (int i = 0; i < parent.length; i++) {
                assertEquals(parent[i] / 3, child[i], 1e-7);
            }
            final NetworkOutput after = net.infer(b);
            final int plane = 32 * 32;
            for (int i = 0; i < 4; i++) {
                for (int ch = 0; ch < c; ch++) {
                    final float[] x = Arrays.copyOfRange(before.amplitudes(), (i * c + ch) * plane, (i * c + ch + 1)
                        * plane);
                    final float[] y = Arrays.copyOfRange(after.amplitudes(), (i * c + ch) * plane, (i * c + ch + 1)
                        * plane);
                    if (ch == 2) {
                        final float[] parentMap = Arrays.copyOfRange(after.amplitudes(), (i * c + 1) * plane,
                            (i * c + 2) * plane);
                        for (int p = 0; p < plane; p++) {
                            assertEquals(parentMap[p] / 3, y[p], 1e-5 * (1 + parentMap[p]));
                        }
                    } else {
                        assertArrayEquals(x, y, "channel " + ch + " must not change");
                    }
                }
            }
            assertArrayEquals(before.background(), after.background());
            assertEquals(4 + 1, net.headChannel(c).length, "channel C is the background channel");
        }
    }

    @Test
    public void divergedStepThrowsAndLeavesTheWeightsUnchanged() {
        final ImageStack b = batch(2, 18);
        b.pixels()[5] = Float.NaN;
        try (DepafNetwork net = tiny(19)) {
            final WeightsSnapshot before = net.snapshot();
            final IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> net.trainStep(b, Objective.full(KERNELS, 0.02)));
            assertTrue(e.getMessage().contains("diverged"), e.getMessage());
            assertEquals(before, net.snapshot());
            assertEquals(0, net.steps());
        }
    }

    @Test
    public void learningRateIsUsedAndMustBePositive() {
        final ImageStack b = batch(4, 14);
        final Objective objective = Objective.full(KERNELS, 0.02);
        try (DepafNetwork net = tiny(15)) {
            assertEquals(1e-3, net.learningRate());
            net.setLearningRate(1e-20);
            final WeightsSnapshot before = net.snapshot();
            net.trainStep(b, objective);
            final WeightsSnapshot after = net.snapshot();
            for (int i = 0; i < before.size(); i++) {
                assertArrayEquals(before.values(i), after.values(i), 1e-12f);
            }
            assertThrows(IllegalArgumentException.class, () -> net.setLearningRate(0));
            assertThrows(IllegalArgumentException.class, () -> net.setLearningRate(Double.NaN));
        }
    }

    @Test
    public void rejectsInputsThatDoNotFitTheNetwork() {
        try (DepafNetwork net = tiny(16)) {
            final Objective objective = Objective.full(KERNELS, 0.02);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> net.trainStep(SpotPatches.spots(2, 30, 32, 1, 1.0, 1), objective));
            assertTrue(e.getMessage().contains("height 30") && e.getMessage().contains("multiple of 4"),
                e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> net.infer(ImageStack.zeros(1, 4, 4)));
            assertTrue(e.getMessage().contains("too small"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                () -> net.loss(batch(2, 1), new Objective(0.1, new float[2], KERNELS.poi())));
            assertTrue(e.getMessage().contains("2 entries"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> net.headChannel(2));
            assertTrue(e.getMessage().contains("Head channel 2"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> net.setHeadChannel(0, new float[3]));
            assertTrue(e.getMessage().contains("4 weights"), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> backend().build(NetworkConfig.builder(2).build(), KERNELS));
        assertTrue(e.getMessage().contains("2 POI channels"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
            () -> backend().build(NetworkConfig.builder(1).oneDimensional(true).build(), KERNELS));
        assertTrue(e.getMessage().contains("width 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
            () -> new ForwardKernels(new float[4 * 5], 1, 4, 5, 9, 9));
        assertTrue(e.getMessage().contains("POI height must be a positive odd number"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Objective.full(KERNELS, -1));
        assertTrue(e.getMessage().contains("lambda"), e.getMessage());
    }
}
