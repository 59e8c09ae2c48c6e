package org.knime.depaf.core.resample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CenterKeepResamplerTest {

    private static float[] random(final int n, final long seed) {
        final SplittableRandom r = new SplittableRandom(seed);
        final float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float)r.nextDouble(0, 10);
        }
        return v;
    }

    @Test
    void outputSizesFollowCeilForUpsamplingAndFloorForDownsampling() {
        assertEquals(96, CenterKeepResampler.outputSize(64, 1.5));
        assertEquals(21, CenterKeepResampler.outputSize(13, 20.5 / 13));
        assertEquals(23, CenterKeepResampler.outputSize(15, 1.5));
        assertEquals(64, CenterKeepResampler.outputSize(96, 1 / 1.5));
        assertEquals(64, CenterKeepResampler.outputSize(101, 13 / 20.5));
        assertEquals(5, CenterKeepResampler.outputSize(10, 0.55));
        assertEquals(7, CenterKeepResampler.outputSize(7, 1));
    }

    @Test
    void rejectsScalesThatAreNotPositiveOrLeaveNothing() {
        assertThrows(IllegalArgumentException.class, () -> CenterKeepResampler.outputSize(10, 0));
        assertThrows(IllegalArgumentException.class, () -> CenterKeepResampler.outputSize(10, Double.NaN));
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> CenterKeepResampler.outputSize(10, 0.05));
        assertTrue(e.getMessage().contains("at least"), e.getMessage());
    }

    @Test
    void queryGridIsCentredWithSpacingOneOverScale() {
        final int n = 13;
        final double s = 20.5 / 13;
        final int m = CenterKeepResampler.outputSize(n, s);
        assertEquals(6.0, CenterKeepResampler.query(10, n, m, s), 1e-12);
        assertEquals(1 / s, CenterKeepResampler.query(4, n, m, s) - CenterKeepResampler.query(3, n, m, s), 1e-12);
        assertEquals(CenterKeepResampler.query(7, n, m, s), CenterKeepResampler.toInput(7, n, m, s), 1e-12);
    }

    @ParameterizedTest
    @EnumSource(Interpolation.class)
    void scaleOneIsAnExactCopy(final Interpolation method) {
        final float[] v = random(3 * 8 * 9, 1);
        assertArrayEquals(v, CenterKeepResampler.resample(v, 3, 8, 9, 1, 1, 1, method));
    }

    @ParameterizedTest
    @EnumSource(Interpolation.class)
    void outputSamplesOnInputNodesEqualTheData(final Interpolation method) {
        // n = 5, s = 3: m = 15, q(k) = 2 + (k − 7)/3 hits the nodes at k = 1, 4, 7, 10, 13
        final float[] v = random(5 * 5, 2);
        final float[] out = CenterKeepResampler.resample2d(v, 5, 5, 3, 3, method);
        for (int y = 0; y < 5; y++) {
            for (int x = 0; x < 5; x++) {
                assertEquals(v[y * 5 + x], out[(1 + 3 * y) * 15 + 1 + 3 * x], 1e-5);
            }
        }
    }

    @Test
    void splineResamplingMatchesTheTextbookSplineOfThePaddedLine() {
        final int n = 11;
        final float[] v = new float[n];
        final double[] line = new double[n];
        for (int i = 0; i < n; i++) {
            line[i] = Math.pow(i - 3.0, 3) - 2 * i;
            v[i] = (float)line[i];
        }
        final double s = 1.7;
        final float[] out = CenterKeepResampler.resample2d(v, 1, n, 1, s, Interpolation.SPLINE);
        final int m = CenterKeepResampler.outputSize(n, s);
        assertEquals(m, out.length);
        for (int k = 0; k < m; k++) {
            final double q = CenterKeepResampler.query(k, n, m, s);
            assertEquals(NotAKnotReference.evalPadded(line, q), out[k], 1e-3 * (1 + Math.abs(out[k])), "k " + k);
            if (q >= 3 && q <= n - 4) {
                // far from the replicated border the spline of a cubic is the cubic itself
                assertEquals(Math.pow(q - 3, 3) - 2 * q, out[k], 0.02 * (1 + Math.abs(out[k])), "q " + q);
            }
        }
    }

    @Test
    void linearResamplingReproducesLinearFunctionsInside() {
        final int ny = 9;
        final int nx = 12;
        final float[] v = new float[ny * nx];
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                v[y * nx + x] = 3 * y - 0.5f * x;
            }
        }
        final FrameResampler r = new FrameResampler(ny, nx, 1.5, 1.5, Interpolation.LINEAR);
        final float[] out = r.resample(v);
        for (int k = 0; k < r.outputHeight(); k++) {
            final double qy = CenterKeepResampler.query(k, ny, r.outputHeight(), 1.5);
            for (int l = 0; l < r.outputWidth(); l++) {
                final double qx = CenterKeepResampler.query(l, nx, r.outputWidth(), 1.5);
                if (qy >= 0 && qy <= ny - 1 && qx >= 0 && qx <= nx - 1) {
                    assertEquals(3 * qy - 0.5 * qx, out[k * r.outputWidth() + l], 1e-4);
                }
            }
        }
    }

    /** Not NEAREST: its half-way ties go to the higher node, which shifts an even-sized grid by design. */
    @ParameterizedTest
    @EnumSource(value = Interpolation.class, names = {"SPLINE", "LINEAR", "CUBIC"})
    void keepsTheCentreOfMassOfASymmetricBlob(final Interpolation method) {
        for (final int n : new int[] {31, 64}) {
            final float[] v = new float[n * n];
            final double c = (n - 1) / 2.0;
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    v[y * n + x] = (float)Math.exp(-((y - c) * (y - c) + (x - c) * (x - c)) / (2 * 9.0));
                }
            }
            final float[] out = CenterKeepResampler.resample2d(v, n, n, 1.5, 1.5, method);
            final int m = CenterKeepResampler.outputSize(n, 1.5);
            double s = 0;
            double sy = 0;
            double sx = 0;
            for (int y = 0; y < m; y++) {
                for (int x = 0; x < m; x++) {
                    s += out[y * m + x];
                    sy += y * out[y * m + x];
                    sx += x * out[y * m + x];
                }
            }
            assertEquals((m - 1) / 2.0, sy / s, 1e-4, method + " n " + n);
            assertEquals((m - 1) / 2.0, sx / s, 1e-4, method + " n " + n);
        }
    }

    @Test
    void upsamplingThenDownsamplingRestoresSizeAndSmoothContent() {
        final int n = 64;
        final float[] v = new float[n * n];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                v[y * n + x] = (float)(Math.sin(y / 7.0) * Math.cos(x / 9.0) + 2);
            }
        }
        final float[] up = CenterKeepResampler.resample2d(v, n, n, 1.5, 1.5, Interpolation.SPLINE);
        assertEquals(96 * 96, up.length);
        final float[] back = CenterKeepResampler.resample2d(up, 96, 96, 1 / 1.5, 1 / 1.5, Interpolation.SPLINE);
        assertEquals(n * n, back.length);
        for (int y = 2; y < n - 2; y++) {
            for (int x = 2; x < n - 2; x++) {
                assertEquals(v[y * n + x], back[y * n + x], 1e-3);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Interpolation.class)
    void volumeResamplingAgreesWithTheVolumeInterpolator(final Interpolation method) {
        final int nz = 4;
        final int ny = 6;
        final int nx = 5;
        final float[] v = random(nz * ny * nx, 3);
        final double sz = 1.25;
        final double sy = 1.5;
        final double sx = 0.8;
        final float[] out = CenterKeepResampler.resample(v, nz, ny, nx, sz, sy, sx, method);
        final int mz = CenterKeepResampler.outputSize(nz, sz);
        final int my = CenterKeepResampler.outputSize(ny, sy);
        final int mx = CenterKeepResampler.outputSize(nx, sx);
        assertEquals(mz * my * mx, out.length);
        final VolumeInterpolator vi = new VolumeInterpolator(v, nz, ny, nx, method);
        for (int a = 0; a < mz; a++) {
            for (int b = 0; b < my; b++) {
                for (int c = 0; c < mx; c++) {
                    final double expected = vi.value(CenterKeepResampler.query(a, nz, mz, sz),
                        CenterKeepResampler.query(b, ny, my, sy), CenterKeepResampler.query(c, nx, mx, sx));
                    assertEquals(expected, out[(a * my + b) * mx + c], 1e-4);
                }
            }
        }
    }

    @Test
    void frameResamplerWritesAtOffsetsLikeTheVolumeResampler() {
        final float[] v = random(2 * 7 * 8, 4);
        final FrameResampler r = new FrameResampler(7, 8, 1.5, 1.3, Interpolation.CUBIC);
        final float[] dst = new float[3 + 2 * r.outputHeight() * r.outputWidth()];
        r.resample(v, 7 * 8, dst, 3);
        final float[] ref = CenterKeepResampler.resample(v, 2, 7, 8, 1, 1.5, 1.3, Interpolation.CUBIC);
        final int size = r.outputHeight() * r.outputWidth();
        for (int i = 0; i < size; i++) {
            assertEquals(ref[size + i], dst[3 + i], 1e-5);
        }
    }
}
