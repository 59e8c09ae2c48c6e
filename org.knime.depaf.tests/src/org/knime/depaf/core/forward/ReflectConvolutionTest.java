package org.knime.depaf.core.forward;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class ReflectConvolutionTest {

    /** Straightforward gather form of the definition, for comparison. */
    private static float[] naive(final float[] img, final int h, final int w, final float[] k, final int kh,
        final int kw) {
        final int ry = (kh - 1) / 2;
        final int rx = (kw - 1) / 2;
        final float[] out = new float[h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double s = 0;
                for (int a = -ry; a <= ry; a++) {
                    for (int b = -rx; b <= rx; b++) {
                        final int yy = ReflectConvolution.reflect(y + a, h);
                        final int xx = ReflectConvolution.reflect(x + b, w);
                        s += img[yy * w + xx] * k[(ry - a) * kw + (rx - b)];
                    }
                }
                out[y * w + x] = (float)s;
            }
        }
        return out;
    }

    private static float[] random(final SplittableRandom rnd, final int n, final double zeroFraction) {
        final float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = rnd.nextDouble() < zeroFraction ? 0f : (float)rnd.nextDouble(-1, 1);
        }
        return v;
    }

    @Test
    void deltaMapGivesTheUnflippedKernelCentredAtTheDelta() {
        final int h = 12;
        final int w = 10;
        final int kh = 5;
        final int kw = 3;
        final float[] k = random(new SplittableRandom(1), kh * kw, 0);
        final float[] img = new float[h * w];
        img[5 * w + 4] = 1f;
        final float[] out = ReflectConvolution.convolveReflect(img, h, w, k, kh, kw);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                final int dy = y - 5;
                final int dx = x - 4;
                final float expected = Math.abs(dy) <= 2 && Math.abs(dx) <= 1 ? k[(2 + dy) * kw + 1 + dx] : 0f;
                assertEquals(expected, out[y * w + x], 0f, "pixel (" + y + ", " + x + ")");
            }
        }
    }

    @Test
    void deltaMapGivesTheAsymmetricPoiCentredAtTheDelta() {
        final var poi = TestPois.asymmetric(15, 2.0);
        final int h = 40;
        final int w = 33;
        final float[] a = new float[h * w];
        a[20 * w + 11] = 1f;
        final float[] d = new ForwardModel(poi).signal(a, h, w);
        for (int dy = -7; dy <= 7; dy++) {
            for (int dx = -7; dx <= 7; dx++) {
                assertEquals(poi.get(0, 7 + dy, 7 + dx), d[(20 + dy) * w + 11 + dx], 0f);
            }
        }
        // The side lobe of the test POI lies at (+1, +2) from the centre: it must appear there, not mirrored.
        assertTrue(d[21 * w + 13] > d[19 * w + 9]);
    }

    @Test
    void reflectPaddingMatchesAHandComputedCase() {
        final float[] img = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        // Kernel with a single 1 at its top-left: out(y, x) = pad(y + 1, x + 1).
        final float[] k = {1, 0, 0, 0, 0, 0, 0, 0, 0};
        final float[] out = ReflectConvolution.convolveReflect(img, 3, 3, k, 3, 3);
        assertArrayEquals(new float[] {5, 6, 5, 8, 9, 8, 5, 6, 5}, out, 0f);

        // 1-D: [1 2 3 4] with a 3-tap sum; reflect gives pad = [2 | 1 2 3 4 | 3].
        final float[] row = ReflectConvolution.convolveReflect(new float[] {1, 2, 3, 4}, 1, 4,
            new float[] {1, 1, 1}, 1, 3);
        assertArrayEquals(new float[] {5, 6, 9, 10}, row, 0f);
        final float[] column = ReflectConvolution.convolveReflect(new float[] {1, 2, 3, 4}, 4, 1,
            new float[] {1, 1, 1}, 3, 1);
        assertArrayEquals(new float[] {5, 6, 9, 10}, column, 0f);
    }

    @Test
    void sparseScatterEqualsTheDefinitionOnDenseAndSparseMaps() {
        final SplittableRandom rnd = new SplittableRandom(7);
        for (final double zeros : new double[] {0, 0.95}) {
            for (final int[] s : new int[][] {{17, 23, 7, 5}, {9, 6, 17, 11}, {30, 30, 1, 1}, {5, 40, 9, 3}}) {
                final float[] img = random(rnd, s[0] * s[1], zeros);
                final float[] k = random(rnd, s[2] * s[3], 0);
                final float[] fast = ReflectConvolution.convolveReflect(img, s[0], s[1], k, s[2], s[3]);
                final float[] slow = naive(img, s[0], s[1], k, s[2], s[3]);
                assertArrayEquals(slow, fast, 1e-5f);
            }
        }
    }

    @Test
    void channelSumEqualsTheSumOfPerChannelConvolutions() {
        final SplittableRandom rnd = new SplittableRandom(3);
        final int c = 3;
        final int h = 14;
        final int w = 11;
        final float[] maps = random(rnd, c * h * w, 0.8);
        final float[] kernels = random(rnd, c * 5 * 7, 0);
        final float[] per = ReflectConvolution.convolveChannels(maps, c, h, w, kernels, 5, 7);
        final float[] sum = ReflectConvolution.convolveChannelsSum(maps, c, h, w, kernels, 5, 7);
        for (int i = 0; i < h * w; i++) {
            assertEquals(per[i] + per[h * w + i] + per[2 * h * w + i], sum[i], 1e-5f);
        }
        final float[] one = new float[h * w];
        System.arraycopy(maps, h * w, one, 0, h * w);
        final float[] k1 = new float[5 * 7];
        System.arraycopy(kernels, 5 * 7, k1, 0, k1.length);
        final float[] d1 = ReflectConvolution.convolveReflect(one, h, w, k1, 5, 7);
        for (int i = 0; i < h * w; i++) {
            assertEquals(d1[i], per[h * w + i], 0f);
        }
    }

    @Test
    void boxBackgroundOfAConstantMapIsTheSameConstant() {
        final float[] g = new float[50 * 37];
        java.util.Arrays.fill(g, 0.37f);
        final float[] bg = ReflectConvolution.boxBackground(g, 50, 37, 33, 27);
        for (final float v : bg) {
            assertEquals(0.37f, v, 1e-6f);
        }
    }

    @Test
    void boxBackgroundEqualsConvolutionWithAUniformKernel() {
        final SplittableRandom rnd = new SplittableRandom(11);
        final int h = 29;
        final int w = 41;
        final float[] g = random(rnd, h * w, 0);
        final float[] k = new float[9 * 15];
        java.util.Arrays.fill(k, 1f / k.length);
        assertArrayEquals(naive(g, h, w, k, 9, 15), ReflectConvolution.boxBackground(g, h, w, 9, 15), 1e-5f);
    }

    @Test
    void rejectsKernelsThatDoNotFitOrAreEven() {
        final float[] img = new float[10 * 10];
        final IllegalArgumentException big = assertThrows(IllegalArgumentException.class,
            () -> ReflectConvolution.convolveReflect(img, 10, 10, new float[21 * 21], 21, 21));
        assertTrue(big.getMessage().contains("21 × 21") && big.getMessage().contains("10 × 10"),
            big.getMessage());
        final IllegalArgumentException even = assertThrows(IllegalArgumentException.class,
            () -> ReflectConvolution.convolveReflect(img, 10, 10, new float[4 * 5], 4, 5));
        assertTrue(even.getMessage().contains("odd"), even.getMessage());
        final IllegalArgumentException box = assertThrows(IllegalArgumentException.class,
            () -> ReflectConvolution.boxBackground(img, 10, 10, 21, 3));
        assertTrue(box.getMessage().contains("box"), box.getMessage());
        // The largest kernel that still fits: half-size 9 < 10.
        ReflectConvolution.convolveReflect(img, 10, 10, new float[19 * 19], 19, 19);
    }
}
