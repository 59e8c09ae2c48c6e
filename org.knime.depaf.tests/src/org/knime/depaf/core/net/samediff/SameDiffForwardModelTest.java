package org.knime.depaf.core.net.samediff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.knime.depaf.core.forward.ReflectConvolution;
import org.knime.depaf.core.net.ForwardKernels;
import org.knime.depaf.core.net.Objective;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The forward model and loss of the SameDiff graph (depaf-method.md §6, §7.1), evaluated on given A and G, against
 * the plain-Java forward model of {@code core.forward} and hand-computed sums.
 */
class SameDiffForwardModelTest {

    /** The graph's forward model and loss with A and G as inputs instead of the U-Net. */
    private static final class Harness {
        final SameDiff sd = SameDiff.create();
        final ForwardKernels kernels;
        final ForwardModelInputs inputs;

        Harness(final ForwardKernels kernels, final boolean background) {
            this.kernels = kernels;
            final SDVariable x = sd.placeHolder(DepafGraph.INPUT, DataType.FLOAT, -1, 1, -1, -1);
            final SDVariable a = sd.placeHolder("A", DataType.FLOAT, -1, kernels.channels(), -1, -1);
            final SDVariable g = background ? sd.placeHolder("G", DataType.FLOAT, -1, 1, -1, -1) : null;
            DepafGraph.forwardModelAndLoss(sd, x, a, g, kernels);
            inputs = new ForwardModelInputs(kernels, background);
        }

        Map<String, float[]> run(final float[] x, final float[] a, final float[] g, final Objective objective,
            final int b, final int h, final int w, final String... outputs) {
            final Map<String, INDArray> ph = new HashMap<>();
            ph.put(DepafGraph.INPUT, Nd4j.create(x, new long[] {b, 1, h, w}, DataType.FLOAT));
            ph.put("A", Nd4j.create(a, new long[] {b, kernels.channels(), h, w}, DataType.FLOAT));
            if (g != null) {
                ph.put("G", Nd4j.create(g, new long[] {b, 1, h, w}, DataType.FLOAT));
            }
            inputs.put(ph, objective, b, h, w);
            final Map<String, float[]> out = new HashMap<>();
            sd.output(ph, outputs).forEach((k, v) -> out.put(k, SameDiffNetwork.toFloats(v)));
            return out;
        }
    }

    private static float[] random(final SplittableRandom r, final int n, final double lo, final double hi) {
        final float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float)(lo + (hi - lo) * r.nextDouble());
        }
        return v;
    }

    private static void assertClose(final float[] expected, final float[] actual, final double relTol) {
        assertEquals(expected.length, actual.length);
        double scale = 0;
        for (final float e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], relTol * scale + 1e-7, "value " + i);
        }
    }

    @Test
    void deltaAmplitudeGivesThePoiCentredOnTheDelta() {
        // asymmetric 5 × 3 POIs, two channels, so that any flip or transposition shows
        final int c = 2;
        final int ph = 5;
        final int pw = 3;
        final float[] poi = new float[c * ph * pw];
        for (int i = 0; i < poi.length; i++) {
            poi[i] = i + 1;
        }
        final ForwardKernels k = new ForwardKernels(poi, c, ph, pw, 1, 1);
        final Harness harness = new Harness(k, false);
        final int h = 12;
        final int w = 10;
        final float[] a = new float[c * h * w];
        a[(0 * h + 4) * w + 3] = 1f; // channel 0 at (4, 3)
        a[(1 * h + 7) * w + 6] = 2f; // channel 1 at (7, 6), twice
        final float[] signal = harness.run(new float[h * w], a, null, Objective.full(k, 0), 1, h, w,
            DepafGraph.SIGNAL).get(DepafGraph.SIGNAL);
        final float[] expected = new float[h * w];
        for (int y = 0; y < ph; y++) {
            for (int x = 0; x < pw; x++) {
                expected[(4 - 2 + y) * w + (3 - 1 + x)] += poi[y * pw + x];
                expected[(7 - 2 + y) * w + (6 - 1 + x)] += 2 * poi[(ph + y) * pw + x];
            }
        }
        assertArrayEquals(expected, signal, 1e-5f);
    }

    @Test
    void signalAndBackgroundMatchThePlainJavaForwardModel() {
        final SplittableRandom r = new SplittableRandom(11);
        final int c = 3;
        final int ph = 7;
        final int pw = 5;
        final ForwardKernels k = new ForwardKernels(random(r, c * ph * pw, 0, 1), c, ph, pw, 9, 7);
        final Harness harness = new Harness(k, true);
        final int b = 2;
        final int h = 16;
        final int w = 12;
        final float[] a = random(r, b * c * h * w, 0, 1);
        final float[] g = random(r, b * h * w, 0, 1);
        final Map<String, float[]> out = harness.run(new float[b * h * w], a, g, Objective.full(k, 0), b, h, w,
            DepafGraph.SIGNAL, DepafGraph.BACKGROUND);
        for (int i = 0; i < b; i++) {
            final float[] ai = java.util.Arrays.copyOfRange(a, i * c * h * w, (i + 1) * c * h * w);
            final float[] gi = java.util.Arrays.copyOfRange(g, i * h * w, (i + 1) * h * w);
            assertClose(ReflectConvolution.convolveChannelsSum(ai, c, h, w, k.poi(), ph, pw),
                java.util.Arrays.copyOfRange(out.get(DepafGraph.SIGNAL), i * h * w, (i + 1) * h * w), 1e-4);
            assertClose(ReflectConvolution.boxBackground(gi, h, w, 9, 7),
                java.util.Arrays.copyOfRange(out.get(DepafGraph.BACKGROUND), i * h * w, (i + 1) * h * w), 1e-4);
        }
    }

    /** A z-stack whose slices have rank 2 takes the separable path and gives the same signal (issue 11). */
    @Test
    void aSeparablePoiMatchesThePlainJavaForwardModel() {
        final SplittableRandom r = new SplittableRandom(21);
        final int c = 3;
        final int ph = 15;
        final int pw = 13;
        final float[] poi = new float[c * ph * pw];
        for (int ch = 0; ch < c; ch++) {
            for (int term = 0; term < 2; term++) {
                final float[] col = random(r, ph, 0, 1);
                final float[] row = random(r, pw, 0, 1);
                for (int y = 0; y < ph; y++) {
                    for (int x = 0; x < pw; x++) {
                        poi[(ch * ph + y) * pw + x] += col[y] * row[x];
                    }
                }
            }
        }
        final ForwardKernels k = new ForwardKernels(poi, c, ph, pw, 1, 1);
        assertEquals(2, k.separableRank());
        final Harness harness = new Harness(k, false);
        final int b = 2;
        final int h = 24;
        final int w = 20;
        final float[] a = random(r, b * c * h * w, 0, 1);
        final Map<String, float[]> out = harness.run(new float[b * h * w], a, null, Objective.full(k, 0), b, h, w,
            DepafGraph.SIGNAL);
        for (int i = 0; i < b; i++) {
            final float[] ai = java.util.Arrays.copyOfRange(a, i * c * h * w, (i + 1) * c * h * w);
            assertClose(ReflectConvolution.convolveChannelsSum(ai, c, h, w, k.poi(), ph, pw),
                java.util.Arrays.copyOfRange(out.get(DepafGraph.SIGNAL), i * h * w, (i + 1) * h * w), 1e-4);
        }
        // a masked, compressed objective (the curriculum's) too
        final float[] mask = {0f, 1f, 0f};
        final float[] compressed = new float[poi.length];
        System.arraycopy(poi, ph * pw, compressed, ph * pw, ph * pw);
        final Map<String, float[]> masked = harness.run(new float[b * h * w], a, null,
            new Objective(0, mask, compressed), b, h, w, DepafGraph.SIGNAL);
        final float[] a0 = java.util.Arrays.copyOfRange(a, 0, c * h * w);
        java.util.Arrays.fill(a0, 0, h * w, 0f);
        java.util.Arrays.fill(a0, 2 * h * w, 3 * h * w, 0f);
        assertClose(ReflectConvolution.convolveChannelsSum(a0, c, h, w, compressed, ph, pw),
            java.util.Arrays.copyOfRange(masked.get(DepafGraph.SIGNAL), 0, h * w), 1e-4);
    }

    @Test
    void oneDimensionalForwardModelMatchesThePlainJavaForwardModel() {
        final SplittableRandom r = new SplittableRandom(12);
        final ForwardKernels k = new ForwardKernels(random(r, 9, 0, 1), 1, 9, 1, 15, 1);
        final Harness harness = new Harness(k, true);
        final int h = 32;
        final float[] a = random(r, h, 0, 1);
        final float[] g = random(r, h, 0, 1);
        final Map<String, float[]> out = harness.run(new float[h], a, g, Objective.full(k, 0), 1, h, 1,
            DepafGraph.SIGNAL, DepafGraph.BACKGROUND);
        assertClose(ReflectConvolution.convolveChannelsSum(a, 1, h, 1, k.poi(), 9, 1), out.get(DepafGraph.SIGNAL),
            1e-4);
        assertClose(ReflectConvolution.boxBackground(g, h, 1, 15, 1), out.get(DepafGraph.BACKGROUND), 1e-4);
    }

    @Test
    void lossEqualsTheHandComputedSumsDividedByTheBatchSize() {
        final SplittableRandom r = new SplittableRandom(13);
        final int c = 2;
        final ForwardKernels k = new ForwardKernels(random(r, c * 3 * 3, 0, 1), c, 3, 3, 5, 5);
        final Harness harness = new Harness(k, true);
        final int b = 3;
        final int h = 8;
        final int w = 8;
        final float[] x = random(r, b * h * w, 0, 2);
        final float[] a = random(r, b * c * h * w, 0, 1);
        final float[] g = random(r, b * h * w, 0, 1);
        final float[] mask = {0f, 1f};
        final float[] poi = random(r, c * 9, 0, 1); // a "compressed" POI that differs from the full one
        final double lambda = 0.37;
        final Map<String, float[]> out = harness.run(x, a, g, new Objective(lambda, mask, poi), b, h, w,
            DepafGraph.FIDELITY, DepafGraph.SPARSITY);

        double fidelity = 0;
        double l1 = 0;
        for (int i = 0; i < b; i++) {
            final float[] masked = new float[c * h * w];
            for (int ch = 0; ch < c; ch++) {
                for (int p = 0; p < h * w; p++) {
                    masked[ch * h * w + p] = a[(i * c + ch) * h * w + p] * mask[ch];
                    l1 += masked[ch * h * w + p];
                }
            }
            final float[] signal = ReflectConvolution.convolveChannelsSum(masked, c, h, w, poi, 3, 3);
            final float[] bg = ReflectConvolution.boxBackground(java.util.Arrays.copyOfRange(g, i * h * w, (i + 1) * h
                * w), h, w, 5, 5);
            for (int p = 0; p < h * w; p++) {
                final double res = signal[p] - (x[i * h * w + p] - bg[p]);
                fidelity += res * res;
            }
        }
        assertEquals(fidelity / b, out.get(DepafGraph.FIDELITY)[0], 1e-4 * fidelity / b);
        assertEquals(lambda * l1 / b, out.get(DepafGraph.SPARSITY)[0], 1e-5 * lambda * l1 / b);
    }

    @Test
    void transposedConvolutionWeightsAreHeightWidthOutIn() {
        // the U-Net's up-convolutions declare weights [kH, kW, C_out, C_in]: one input pixel, three input channels
        final INDArray in = Nd4j.create(new float[] {1, 10, 100}, new long[] {1, 3, 1, 1}, DataType.FLOAT);
        final INDArray w = Nd4j.zeros(DataType.FLOAT, 2, 2, 2, 3);
        w.putScalar(new long[] {0, 1, 1, 2}, 1f); // row 0, column 1, output 1 <- input 2
        w.putScalar(new long[] {1, 0, 0, 0}, 1f); // row 1, column 0, output 0 <- input 0
        final SameDiff sd = SameDiff.create();
        final INDArray out = sd.cnn().deconv2d(sd.constant(in), sd.constant(w),
            org.nd4j.linalg.api.ops.impl.layers.convolution.config.DeConv2DConfig.builder().kH(2).kW(2).sH(2).sW(2)
                .isSameMode(false).dataFormat("NCHW").build()).eval();
        assertArrayEquals(new long[] {1, 2, 2, 2}, out.shape());
        assertArrayEquals(new float[] {0, 0, 1, 0, 0, 100, 0, 0}, SameDiffNetwork.toFloats(out), 0f);
    }

    @Test
    void reflectPadMatrixMirrorsWithoutRepeatingTheEdge() {
        final float[] m = SeparableMap.reflectPadMatrix(4, 2); // 8 × 4
        final int[] source = {2, 1, 0, 1, 2, 3, 2, 1};
        for (int i = 0; i < 8; i++) {
            for (int j = 0; j < 4; j++) {
                assertEquals(j == source[i] ? 1f : 0f, m[i * 4 + j], "row " + i + " column " + j);
            }
        }
        final float[] box = SeparableMap.boxMeanMatrix(5, 3);
        assertArrayEquals(new float[] {1 / 3f, 2 / 3f, 0, 0, 0}, java.util.Arrays.copyOfRange(box, 0, 5), 1e-7f);
    }

    @Test
    void adamStepIsTheBiasCorrectedUpdateOfTheMethod() {
        final float[] grads1 = {0.5f, -2f, 1e-3f};
        final float[] grads2 = {-0.25f, 1f, 0f};
        final INDArray param = Nd4j.create(new float[] {1f, 2f, 3f}, new long[] {3}, DataType.FLOAT);
        final INDArray m = Nd4j.zeros(DataType.FLOAT, 3);
        final INDArray v = Nd4j.zeros(DataType.FLOAT, 3);
        final double lr = 0.01;
        SameDiffNetwork.adamStep(param, Nd4j.create(grads1, new long[] {3}, DataType.FLOAT), m, v, lr, 0);
        SameDiffNetwork.adamStep(param, Nd4j.create(grads2, new long[] {3}, DataType.FLOAT), m, v, lr, 1);
        final double b1 = 0.9;
        final double b2 = 0.99;
        final double[] expected = {1, 2, 3};
        final double[] mm = new double[3];
        final double[] vv = new double[3];
        final float[][] grads = {grads1, grads2};
        for (int t = 1; t <= 2; t++) {
            final double lrT = lr * Math.sqrt(1 - Math.pow(b2, t)) / (1 - Math.pow(b1, t));
            for (int i = 0; i < 3; i++) {
                final double gr = grads[t - 1][i];
                mm[i] = b1 * mm[i] + (1 - b1) * gr;
                vv[i] = b2 * vv[i] + (1 - b2) * gr * gr;
                expected[i] -= lrT * mm[i] / (Math.sqrt(vv[i]) + 1e-8);
            }
        }
        for (int i = 0; i < 3; i++) {
            assertEquals(expected[i], param.getDouble(i), 1e-6, "parameter " + i);
        }
    }

    @Test
    void quietStdoutDropsOnlySameDiffsNoise() {
        final PrintStream original = System.out;
        final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            QuietStdout.run(() -> {
                System.out.println("Added differentiated op conv2d");
                System.out.println("kept line");
                System.out.print("unterminated");
            });
        } finally {
            System.setOut(original);
        }
        final String text = captured.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("kept line") && text.contains("unterminated"), text);
        assertTrue(!text.contains("Added differentiated op"), text);
    }
}
