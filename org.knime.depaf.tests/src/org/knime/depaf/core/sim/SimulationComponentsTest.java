package org.knime.depaf.core.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.knime.depaf.core.poi.Poi;

class SimulationComponentsTest {

    private static final long SEED = 77L;

    // ------------------------------------------------------------------ PSFs (shared contract)

    static Stream<Arguments> psfs() {
        final int n = 21;
        final float[] g = new float[n * n];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                g[y * n + x] = (float)Math.exp(-((x - 10) * (x - 10) + (y - 10) * (y - 10)) / (2 * 1.3 * 1.3));
            }
        }
        final Poi poi2d = new Poi(g, 1, n, n, Poi.Kind.PATTERN_2D, 100, Double.NaN, "gaussian POI");
        final int nz = 5;
        final float[] stack = new float[nz * n * n];
        for (int c = 0; c < nz; c++) {
            final double s = 1 + 0.3 * Math.abs(c - 2);
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    stack[(c * n + y) * n + x] =
                        (float)Math.exp(-((x - 10) * (x - 10) + (y - 10) * (y - 10)) / (2 * s * s));
                }
            }
        }
        final Poi poi3d = new Poi(stack, nz, n, n, Poi.Kind.Z_STACK, 50, 100, "z-stack POI");
        return Stream.of(Arguments.of(new IntegratedGaussianPsf(1.2, 100)),
            Arguments.of(new IntegratedGaussianPsf(1.0, 100, 300, 400)), Arguments.of(PoiPsf.of(poi2d, 100)),
            Arguments.of(PoiPsf.of(poi3d, 100)));
    }

    @ParameterizedTest
    @MethodSource("psfs")
    void psfConservesPhotonsAndIsCentredOnTheEmitter(final Psf psf) {
        final int w = 40;
        final float[] frame = new float[w * w];
        psf.addTo(frame, 0, w, w, 19.3, 20.6, 120, 1000);
        double sum = 0;
        double cx = 0;
        double cy = 0;
        for (int i = 0; i < frame.length; i++) {
            assertTrue(frame[i] >= 0);
            sum += frame[i];
            cx += frame[i] * (i % w);
            cy += frame[i] * (i / w);
        }
        assertEquals(1000, sum, 0.01, psf.toString());
        assertEquals(19.3, cx / sum, 0.02, psf.toString());
        assertEquals(20.6, cy / sum, 0.02, psf.toString());
    }

    @ParameterizedTest
    @MethodSource("psfs")
    void psfLosesOnlyWhatFallsOutsideTheFrame(final Psf psf) {
        final float[] frame = new float[10 * 10];
        psf.addTo(frame, 0, 10, 10, -0.5, 4.5, 0, 1000);
        double sum = 0;
        for (final float v : frame) {
            sum += v;
        }
        // the emitter sits on the left edge: about half its photons land in the frame
        assertEquals(500, sum, 60, psf.toString());
    }

    @Test
    void integratedGaussianMatchesTheErrorFunctionIntegral() {
        final float[] frame = new float[9 * 9];
        new IntegratedGaussianPsf(1.0, 100).addTo(frame, 0, 9, 9, 4, 4, 0, 1);
        // centre pixel: (erf(0.5/√2))² = 0.382925²
        assertEquals(0.382925 * 0.382925, frame[4 * 9 + 4], 1e-6);
    }

    @Test
    void astigmaticPsfIsWiderInXAboveAndInYBelowFocus() {
        final IntegratedGaussianPsf psf = new IntegratedGaussianPsf(1.0, 100, 300, 400);
        assertTrue(psf.sigmaXPx(-400) > psf.sigmaYPx(-400));
        assertTrue(psf.sigmaYPx(400) > psf.sigmaXPx(400));
        assertEquals(psf.sigmaXPx(0), psf.sigmaYPx(0), 1e-12);
        assertEquals(1.0, psf.sigmaXPx(300), 1e-12);
    }

    // ------------------------------------------------------------------ cameras (shared contract)

    static Stream<Arguments> cameras() {
        return Stream.of(Arguments.of(new EmccdCamera(0.9, 300, 100, 74.4, 45, false)),
            Arguments.of(new EmccdCamera(0.8, 1, 200, 8, 2, false)),
            Arguments.of(ScmosCamera.random(16, 16, 0.8, 100, 2, 0.8, 0.5, false, SEED)));
    }

    @ParameterizedTest
    @MethodSource("cameras")
    void cameraMeanMatchesItsModel(final CameraModel camera) {
        final int w = 16;
        final int frames = 200;
        final float[] photons = new float[w * w * frames];
        for (int i = 0; i < photons.length; i++) {
            photons[i] = 40 + (i % (w * w)) % 7 * 10;
        }
        final float[] out = new float[photons.length];
        for (int f = 0; f < frames; f++) {
            camera.toAdu(photons, out, f * w * w, w, w, new SplittableRandom(SEED + f));
        }
        double got = 0;
        double want = 0;
        for (int i = 0; i < out.length; i++) {
            got += out[i];
            want += camera.meanAdu(i % (w * w), photons[i]);
        }
        assertEquals(want / out.length, got / out.length, want / out.length * 0.005, camera.toString());
    }

    @ParameterizedTest
    @MethodSource("cameras")
    void cameraIsDeterministicForAGivenRandom(final CameraModel camera) {
        final float[] photons = new float[16 * 16];
        java.util.Arrays.fill(photons, 30);
        final float[] a = new float[photons.length];
        final float[] b = new float[photons.length];
        camera.toAdu(photons, a, 0, 16, 16, new SplittableRandom(5));
        camera.toAdu(photons, b, 0, 16, 16, new SplittableRandom(5));
        assertArrayEquals(a, b);
    }

    @Test
    void emccdHasTheExcessNoiseFactorOfTwo() {
        final EmccdCamera cam = new EmccdCamera(1, 100, 0, 0, 1, false);
        final int n = 40000;
        final float[] photons = new float[n];
        java.util.Arrays.fill(photons, 20);
        final float[] out = new float[n];
        cam.toAdu(photons, out, 0, n, 1, new SplittableRandom(SEED));
        double m = 0;
        double m2 = 0;
        for (final float v : out) {
            m += v;
            m2 += (double)v * v;
        }
        m /= n;
        final double var = m2 / n - m * m;
        assertEquals(2000, m, 2000 * 0.01);
        // Var = 2 · gain² · mean electrons (high-gain limit: 2 − 1/gain)
        assertEquals(2 * 100 * 100 * 20, var, 2 * 100 * 100 * 20 * 0.04);
    }

    @Test
    void sixteenBitCamerasRoundAndClamp() {
        final EmccdCamera cam = new EmccdCamera(1, 1000, 100, 0, 1, true);
        final float[] photons = {0, 1e6f};
        final float[] out = new float[2];
        cam.toAdu(photons, out, 0, 2, 1, new SplittableRandom(1));
        assertEquals(100, out[0]);
        assertEquals(65535, out[1]);
    }

    @Test
    void scmosRefusesFramesOfAnotherSize() {
        final ScmosCamera cam = ScmosCamera.random(8, 8, 0.8, 100, 2, 1, 0.5, false, 1);
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> cam.toAdu(new float[100], new float[100], 0, 10, 10, new SplittableRandom(1)));
        assertTrue(e.getMessage().contains("8 × 8"), e.getMessage());
    }

    // ------------------------------------------------------------------ backgrounds (shared contract)

    static Stream<Arguments> backgrounds() {
        return Stream.of(Arguments.of(BackgroundModel.flat(50)), Arguments.of(BackgroundModel.gradient(50, 0.4, 0.7)),
            Arguments.of(new PerlinBackground(50, 0.4, 15, 3, SEED)));
    }

    @ParameterizedTest
    @MethodSource("backgrounds")
    void backgroundStaysWithinItsVariationAndIsDeterministic(final BackgroundModel bg) {
        final float[] a = new float[2 * 48 * 64];
        final float[] b = new float[a.length];
        bg.fill(a, 48 * 64, 64, 48, 1);
        bg.fill(b, 48 * 64, 64, 48, 1);
        assertArrayEquals(a, b);
        double sum = 0;
        for (int i = 48 * 64; i < a.length; i++) {
            assertTrue(a[i] >= 50 * 0.6 - 1e-3 && a[i] <= 50 * 1.4 + 1e-3, "pixel " + i + ": " + a[i]);
            sum += a[i];
        }
        assertEquals(50, sum / (48 * 64), 50 * 0.25);
        for (int i = 0; i < 48 * 64; i++) {
            assertEquals(0, a[i], "other frames are untouched");
        }
    }

    @Test
    void perlinBackgroundIsSmoothAndDependsOnTheSeed() {
        final float[] a = new float[64 * 64];
        final float[] b = new float[64 * 64];
        new PerlinBackground(100, 0.5, 20, 1, 1).fill(a, 0, 64, 64, 0);
        new PerlinBackground(100, 0.5, 20, 1, 2).fill(b, 0, 64, 64, 0);
        double maxStep = 0;
        double diff = 0;
        for (int y = 0; y < 64; y++) {
            for (int x = 1; x < 64; x++) {
                maxStep = Math.max(maxStep, Math.abs(a[y * 64 + x] - a[y * 64 + x - 1]));
            }
        }
        for (int i = 0; i < a.length; i++) {
            diff += Math.abs(a[i] - b[i]);
        }
        // the range is 50..150 photons; neighbours differ by a small fraction of it
        assertTrue(maxStep < 12, "largest neighbour step " + maxStep);
        assertTrue(diff / a.length > 5, "seeds 1 and 2 give different patterns");
    }

    // ------------------------------------------------------------------ sampling

    @ParameterizedTest
    @ValueSource(doubles = {0.3, 5, 29.9, 30, 250, 5000})
    void poissonHasEqualMeanAndVariance(final double lambda) {
        final SplittableRandom rng = new SplittableRandom(SEED);
        final int n = 40000;
        double m = 0;
        double m2 = 0;
        for (int i = 0; i < n; i++) {
            final long k = Sampling.poisson(rng, lambda);
            m += k;
            m2 += (double)k * k;
        }
        m /= n;
        final double var = m2 / n - m * m;
        assertEquals(lambda, m, 5 * Math.sqrt(lambda / n));
        assertEquals(lambda, var, lambda * 0.05);
    }

    @Test
    void gammaHasItsMeanAndVariance() {
        final SplittableRandom rng = new SplittableRandom(SEED);
        for (final double shape : new double[] {0.5, 1, 7}) {
            double m = 0;
            double m2 = 0;
            final int n = 40000;
            for (int i = 0; i < n; i++) {
                final double v = Sampling.gamma(rng, shape, 3);
                m += v;
                m2 += v * v;
            }
            m /= n;
            assertEquals(3 * shape, m, 3 * shape * 0.03);
            assertEquals(9 * shape, m2 / n - m * m, 9 * shape * 0.08);
        }
    }

    @Test
    void logFactorialIsAccurateAcrossTheTableBoundary() {
        double exact = 0;
        for (int k = 1; k <= 400; k++) {
            exact += Math.log(k);
            assertEquals(exact, Sampling.logFactorial(k), 1e-9 * exact);
        }
    }

    @Test
    void photonDistributionsRejectBadMeans() {
        final IllegalArgumentException e =
            assertThrows(IllegalArgumentException.class, () -> PhotonDistribution.logNormal(-5, 0.3));
        assertTrue(e.getMessage().contains("Mean photons"), e.getMessage());
    }
}
