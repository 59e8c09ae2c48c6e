package org.knime.depaf.core.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.knime.depaf.core.image.ImageStack;
import org.knime.depaf.core.loc.LocalisationTable;
import org.knime.depaf.core.poi.GaussianPoi;
import org.knime.depaf.core.resample.UpsamplingRatios;
import org.knime.depaf.core.util.Monitor;

/**
 * Refinement by fitting: positions, Cramér–Rao bounds, fall-backs, merges, added emitters and the gain read from
 * the data, on frames drawn from a known Gaussian spot model.
 */
class RefinementTest {

    private static final double PIXEL_NM = 100;
    private static final int SIZE = 24;
    private static final double SIGMA = 1.3;
    private static final CameraCalibration PHOTON_CAMERA = new CameraCalibration(100, 1, 1, false, 0);

    /** A Gaussian POI on a grid {@code r} times finer than the camera, point-sampled, as a fit model. */
    private static PoiPsfModel pointGaussian(final double sigmaPx, final int r) {
        final int half = (int)Math.ceil(5 * sigmaPx * r);
        final int n = 2 * half + 1;
        final float[] v = new float[n * n];
        final double s = sigmaPx * r;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                v[i * n + j] = (float)Math.exp(-((i - half) * (i - half) + (j - half) * (j - half)) / (2 * s * s));
            }
        }
        return new PoiPsfModel(v, n, n, r, r);
    }

    /** Unit-sum point-sampled Gaussian at camera pixel centres (the continuous model the POI above samples). */
    private static double gauss(final double dx, final double dy, final double sigma) {
        return Math.exp(-(dx * dx + dy * dy) / (2 * sigma * sigma)) / (2 * Math.PI * sigma * sigma);
    }

    /** Expected photons per pixel: background plus point-sampled spots {x, y, photons}. */
    private static double[] expected(final double background, final double[]... spots) {
        final double[] mu = new double[SIZE * SIZE];
        for (int i = 0; i < SIZE; i++) {
            for (int j = 0; j < SIZE; j++) {
                double m = background;
                for (final double[] s : spots) {
                    m += s[2] * gauss(j - s[0], i - s[1], SIGMA);
                }
                mu[i * SIZE + j] = m;
            }
        }
        return mu;
    }

    /** Camera frames (ADU) for a camera of the given gain and offset 100, noise-free or with Poisson noise. */
    private static ImageStack frames(final double[][] perFrame, final double gain, final SplittableRandom noise) {
        final float[] px = new float[perFrame.length * SIZE * SIZE];
        for (int f = 0; f < perFrame.length; f++) {
            for (int k = 0; k < SIZE * SIZE; k++) {
                final double photons = noise == null ? perFrame[f][k] : poisson(perFrame[f][k], noise);
                px[f * SIZE * SIZE + k] = (float)(100 + gain * photons);
            }
        }
        return new ImageStack(px, perFrame.length, SIZE, SIZE, PIXEL_NM, "test");
    }

    private static int poisson(final double mean, final SplittableRandom rng) {
        if (mean > 50) {
            return (int)Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian(rng)));
        }
        final double l = Math.exp(-mean);
        int k = 0;
        double p = 1;
        do {
            k++;
            p *= rng.nextDouble();
        } while (p > l);
        return k - 1;
    }

    private static double gaussian(final SplittableRandom rng) {
        return Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
    }

    private static LocalisationTable detections(final double[]... frameXy) {
        final LocalisationTable.Builder b = LocalisationTable.builder(PIXEL_NM);
        for (final double[] d : frameXy) {
            b.addPx((int)d[0], d[1], d[2]);
        }
        return b.build();
    }

    @Test
    void recoversASubPixelShiftOnNoiseFreeDataToBetterThanHalfANanometre() {
        final double[][] truth = {{10.37, 11.81}, {12.5, 12.5}, {11.92, 10.08}};
        final double[][] mu = new double[truth.length][];
        final double[][] start = new double[truth.length][];
        for (int f = 0; f < truth.length; f++) {
            mu[f] = expected(10, new double[] {truth[f][0], truth[f][1], 5000});
            start[f] = new double[] {f + 1, Math.round(truth[f][0]), Math.round(truth[f][1])};
        }
        final LocalisationRefiner refiner = new LocalisationRefiner(pointGaussian(SIGMA, 3),
            new RefinementOptions(PHOTON_CAMERA, 0));
        final LocalisationRefiner.Result r = refiner.refine(frames(mu, 1, null), 1, detections(start), Monitor.NONE);
        assertEquals(truth.length, r.table().size());
        assertEquals(truth.length, r.stats().fitted());
        for (int f = 0; f < truth.length; f++) {
            assertEquals(LocalisationTable.pxToNm(truth[f][0], PIXEL_NM), r.table().x(f), 0.5, "x of frame " + f);
            assertEquals(LocalisationTable.pxToNm(truth[f][1], PIXEL_NM), r.table().y(f), 0.5, "y of frame " + f);
            assertEquals(5000, r.table().get(LocalisationTable.Column.INTENSITY, f), 5000 * 0.01, "photons");
            assertEquals(10, r.table().get(LocalisationTable.Column.BACKGROUND, f), 0.1, "background");
        }
    }

    @Test
    void recoversTheShiftWithTheModelsOwnUpsampledPixelIntegratedPoi() {
        // DEPAF's usual POI: pixel-integrated Gaussian on the 1.5× grid; data: the camera-pixel-integrated spot
        final UpsamplingRatios ratios = UpsamplingRatios.standard2d();
        final PoiPsfModel psf = PoiPsfModel.of(GaussianPoi.ofSigma(SIGMA * 1.5, 0,
            GaussianPoi.Sampling.PIXEL_INTEGRATED), ratios);
        final float[] spot = new float[SIZE * SIZE];
        GaussianPoi.render(spot, SIZE, SIZE, 11.23, 10.64, SIGMA, SIGMA, 5000, GaussianPoi.Sampling.PIXEL_INTEGRATED);
        final double[] mu = new double[SIZE * SIZE];
        for (int k = 0; k < mu.length; k++) {
            mu[k] = 10 + spot[k];
        }
        final LocalisationRefiner.Result r = new LocalisationRefiner(psf, new RefinementOptions(PHOTON_CAMERA, 0))
            .refine(frames(new double[][] {mu}, 1, null), 1, detections(new double[] {1, 11, 11}), Monitor.NONE);
        assertEquals(LocalisationTable.pxToNm(10.64, PIXEL_NM), r.table().x(0), 0.5);
        assertEquals(LocalisationTable.pxToNm(11.23, PIXEL_NM), r.table().y(0), 0.5);
    }

    @Test
    void cramerRaoBoundMatchesTheAnalyticFisherInformationOfAnIsolatedGaussian() {
        final double x = 11.3;
        final double y = 12.6;
        final double photons = 2000;
        final double background = 5;
        final LocalisationRefiner.Result r = new LocalisationRefiner(pointGaussian(SIGMA, 3),
            new RefinementOptions(PHOTON_CAMERA, 0)).refine(frames(new double[][] {expected(background,
                new double[] {x, y, photons})}, 1, null), 1, detections(new double[] {1, 11, 13}), Monitor.NONE);
        // Fisher information of (x, y, N, b) for Poisson pixels μ = N·g(x, y) + b, from g's closed-form derivatives
        final double[][] fisher = new double[4][4];
        for (int i = 0; i < SIZE; i++) {
            for (int j = 0; j < SIZE; j++) {
                final double g = gauss(j - x, i - y, SIGMA);
                final double mu = photons * g + background;
                final double[] d = {photons * g * (j - x) / (SIGMA * SIGMA), photons * g * (i - y) / (SIGMA * SIGMA),
                    g, 1};
                for (int a = 0; a < 4; a++) {
                    for (int b = 0; b < 4; b++) {
                        fisher[a][b] += d[a] * d[b] / mu;
                    }
                }
            }
        }
        final double[][] inv = ClusterFit.invert(fisher);
        final double crlbX = Math.sqrt(inv[0][0]) * PIXEL_NM;
        final double crlbY = Math.sqrt(inv[1][1]) * PIXEL_NM;
        assertEquals(crlbX, r.table().extraColumn(LocalisationRefiner.CRLB_X)[0], 0.02 * crlbX);
        assertEquals(crlbY, r.table().extraColumn(LocalisationRefiner.CRLB_Y)[0], 0.02 * crlbY);
        // and, as a plausibility check, above the background-free limit σ/√N
        assertTrue(crlbX > SIGMA * PIXEL_NM / Math.sqrt(photons));
        assertEquals(Math.sqrt((crlbX * crlbX + crlbY * crlbY) / 2),
            r.table().get(LocalisationTable.Column.UNCERTAINTY, 0), 0.02 * crlbX);
    }

    @Test
    void theReportedUncertaintyMatchesTheScatterOfRepeatedNoisyFits() {
        final int frames = 300;
        final double[][] mu = new double[frames][];
        final double[][] start = new double[frames][];
        final SplittableRandom rng = new SplittableRandom(7);
        final double[][] truth = new double[frames][];
        for (int f = 0; f < frames; f++) {
            truth[f] = new double[] {10 + rng.nextDouble() * 3, 10 + rng.nextDouble() * 3};
            mu[f] = expected(20, new double[] {truth[f][0], truth[f][1], 1500});
            start[f] = new double[] {f + 1, Math.round(truth[f][0]), Math.round(truth[f][1])};
        }
        final LocalisationRefiner.Result r = new LocalisationRefiner(pointGaussian(SIGMA, 3),
            new RefinementOptions(PHOTON_CAMERA, 0)).refine(frames(mu, 1, new SplittableRandom(11)), 1,
                detections(start), Monitor.NONE);
        final double[] sx = r.table().extraColumn(LocalisationRefiner.CRLB_X);
        double zz = 0;
        for (int f = 0; f < frames; f++) {
            final double z = (r.table().x(f) - LocalisationTable.pxToNm(truth[f][0], PIXEL_NM)) / sx[f];
            zz += z * z;
        }
        final double sd = Math.sqrt(zz / frames);
        // 300 draws: the sd of a standard normal sample lies within ±0.1 with > 95 % probability... and more margin
        assertTrue(sd > 0.85 && sd < 1.15, "error / reported σ has sd " + sd);
    }

    @Test
    void inACrowdTheUncertaintyCountsTheNeighboursAndStaysCalibrated() {
        // eight emitters 2σ apart: more than are fitted jointly, so each is fitted alone against the others
        final int frames = 120;
        final int perFrame = 8;
        final double[][] mu = new double[frames][];
        final double[][] starts = new double[frames * perFrame][];
        final double[][] truth = new double[frames * perFrame][];
        final SplittableRandom rng = new SplittableRandom(21);
        for (int f = 0; f < frames; f++) {
            final double[][] spots = new double[perFrame][];
            for (int e = 0; e < perFrame; e++) {
                final double x = 7 + (e % 4) * 2 * SIGMA + rng.nextDouble() * 0.4;
                final double y = 9 + (e / 4) * 2 * SIGMA + rng.nextDouble() * 0.4;
                spots[e] = new double[] {x, y, 3000};
                truth[f * perFrame + e] = spots[e];
                // DEPAF's positions: within a quarter pixel of the truth
                starts[f * perFrame + e] = new double[] {f + 1, x + rng.nextDouble() * 0.5 - 0.25,
                    y + rng.nextDouble() * 0.5 - 0.25};
            }
            mu[f] = expected(10, spots);
        }
        final LocalisationRefiner.Result r = new LocalisationRefiner(pointGaussian(SIGMA, 3),
            new RefinementOptions(PHOTON_CAMERA, 0)).refine(frames(mu, 1, new SplittableRandom(23)), 1,
                detections(starts), Monitor.NONE);
        assertEquals(frames * perFrame, r.table().size(), "no merge, no addition in a resolved crowd: " + r.stats());
        final double[] sx = r.table().extraColumn(LocalisationRefiner.CRLB_X);
        double zz = 0;
        double bound = 0;
        for (int i = 0; i < r.table().size(); i++) {
            final double z = (r.table().x(i) - LocalisationTable.pxToNm(truth[i][0], PIXEL_NM)) / sx[i];
            zz += z * z;
            bound += sx[i];
        }
        final double sd = Math.sqrt(zz / r.table().size());
        assertTrue(sd > 0.85 && sd < 1.2, "error / reported σ in the crowd has sd " + sd);
        // an isolated emitter of the same brightness has a smaller bound
        final LocalisationRefiner.Result alone = new LocalisationRefiner(pointGaussian(SIGMA, 3),
            new RefinementOptions(PHOTON_CAMERA, 0)).refine(frames(new double[][] {expected(10,
                new double[] {11.2, 11.2, 3000})}, 1, null), 1, detections(new double[] {1, 11, 11}), Monitor.NONE);
        assertTrue(bound / r.table().size() > 1.1 * alone.table().extraColumn(LocalisationRefiner.CRLB_X)[0]);
    }

    @Test
    void aFitThatRunsAwayFallsBackToDepafsPositionAndIsCounted() {
        // the only spot lies 3 px from the detection: the fit would have to move farther than it may
        final double[] mu = expected(10, new double[] {14, 11, 3000});
        final LocalisationTable in = detections(new double[] {1, 11, 11});
        final LocalisationRefiner.Result r = new LocalisationRefiner(pointGaussian(SIGMA, 3),
            new RefinementOptions(PHOTON_CAMERA, 0)).refine(frames(new double[][] {mu}, 1, null), 1, in,
                Monitor.NONE);
        assertEquals(1, r.stats().fallbacks());
        assertEquals(0, r.stats().fitted());
        final double[] status = r.table().extraColumn(LocalisationRefiner.STATUS);
        int fellBack = -1;
        for (int i = 0; i < r.table().size(); i++) {
            if (status[i] == LocalisationRefiner.STATUS_FALLBACK) {
                fellBack = i;
            }
        }
        assertTrue(fellBack >= 0, "a row marked as fallback");
        assertEquals(in.x(0), r.table().x(fellBack), 0);
        assertEquals(in.y(0), r.table().y(fellBack), 0);
        assertTrue(Double.isNaN(r.table().get(LocalisationTable.Column.UNCERTAINTY, fellBack)),
            "a fallback has no uncertainty");
    }

    @Test
    void twoDetectionsOfOneSpotAreMergedIntoOne() {
        final double[] mu = expected(10, new double[] {11.4, 11.7, 4000});
        final LocalisationRefiner.Result r = new LocalisationRefiner(pointGaussian(SIGMA, 3),
            new RefinementOptions(PHOTON_CAMERA, 0)).refine(frames(new double[][] {mu}, 1, new SplittableRandom(3)),
                1, detections(new double[] {1, 11.1, 11.5}, new double[] {1, 11.8, 11.9}), Monitor.NONE);
        assertEquals(1, r.stats().merged());
        assertEquals(1, r.table().size());
        assertEquals(LocalisationTable.pxToNm(11.4, PIXEL_NM), r.table().x(0), 10);
        assertEquals(LocalisationTable.pxToNm(11.7, PIXEL_NM), r.table().y(0), 10);
    }

    @Test
    void anEmitterDepafMissedIsFoundInTheResidualAndAdded() {
        final double[] mu = expected(10, new double[] {9.5, 11, 4000}, new double[] {13.2, 11, 3000});
        final LocalisationRefiner.Result r = new LocalisationRefiner(pointGaussian(SIGMA, 3),
            new RefinementOptions(PHOTON_CAMERA, 0)).refine(frames(new double[][] {mu}, 1, new SplittableRandom(5)),
                1, detections(new double[] {1, 9.5, 11}), Monitor.NONE);
        assertEquals(1, r.stats().added());
        assertEquals(2, r.table().size());
        final double[] status = r.table().extraColumn(LocalisationRefiner.STATUS);
        assertEquals(LocalisationRefiner.STATUS_ADDED, status[1]);
        assertEquals(LocalisationTable.pxToNm(13.2, PIXEL_NM), r.table().x(1), 15);
        assertEquals(LocalisationTable.pxToNm(11, PIXEL_NM), r.table().y(1), 15);
        assertEquals(LocalisationTable.pxToNm(9.5, PIXEL_NM), r.table().x(0), 15);
    }

    @Test
    void theLikelihoodRatioTestDropsADetectionOnPureBackground() {
        final double[] mu = expected(20, new double[] {8, 8, 3000});
        final LocalisationTable in = detections(new double[] {1, 8, 8}, new double[] {1, 16, 16});
        final LocalisationRefiner.Result r = new LocalisationRefiner(pointGaussian(SIGMA, 3),
            new RefinementOptions(PHOTON_CAMERA, RefinementOptions.DEFAULT_MIN_LLR)).refine(
                frames(new double[][] {mu}, 1, new SplittableRandom(9)), 1, in, Monitor.NONE);
        assertEquals(1, r.stats().rejected());
        assertEquals(1, r.table().size());
        assertEquals(LocalisationTable.pxToNm(8, PIXEL_NM), r.table().x(0), 10);
        assertTrue(r.table().extraColumn(LocalisationRefiner.LLR)[0] > RefinementOptions.DEFAULT_MIN_LLR);
    }

    @Test
    void theGainIsReadFromTheDataWithinTenPercent() {
        final int frames = 30;
        final double[][] mu = new double[frames][];
        final double[][] start = new double[frames * 2][];
        final SplittableRandom rng = new SplittableRandom(13);
        for (int f = 0; f < frames; f++) {
            final double[] a = {5 + rng.nextDouble() * 2, 6 + rng.nextDouble() * 2, 2000};
            final double[] b = {15 + rng.nextDouble() * 2, 15 + rng.nextDouble() * 2, 1000};
            mu[f] = expected(15, a, b);
            start[2 * f] = new double[] {f + 1, Math.round(a[0]), Math.round(a[1])};
            start[2 * f + 1] = new double[] {f + 1, Math.round(b[0]), Math.round(b[1])};
        }
        final double gain = 4.5;
        final ImageStack stack = frames(mu, gain, new SplittableRandom(17));
        final LocalisationRefiner guess = new LocalisationRefiner(pointGaussian(SIGMA, 3),
            new RefinementOptions(PHOTON_CAMERA, 0, true));
        final LocalisationRefiner read = guess.withGainFromData(stack, 1, detections(start), Monitor.NONE);
        assertEquals(gain, read.options().camera().aduPerPhoton(), gain * 0.1);
        assertEquals(false, read.options().gainFromData(), "the gain is read once");
        final LocalisationRefiner.Result r = read.refine(stack, 1, detections(start), Monitor.NONE);
        assertEquals(2000, r.table().get(LocalisationTable.Column.INTENSITY, 0), 2000 * 0.15, "photons");
    }

    @Test
    void badOptionsAreRefusedWithTheirNames() {
        final IllegalArgumentException llr = assertThrows(IllegalArgumentException.class,
            () -> new RefinementOptions(PHOTON_CAMERA, -1));
        assertTrue(llr.getMessage().contains("log-likelihood ratio"), llr.getMessage());
        assertNotNull(assertThrows(IllegalArgumentException.class,
            () -> new CameraCalibration(100, 0, 1, false, 0)).getMessage());
        final IllegalArgumentException qe = assertThrows(IllegalArgumentException.class,
            () -> new CameraCalibration(100, 1, 1.5, false, 0));
        assertTrue(qe.getMessage().toLowerCase(java.util.Locale.ROOT).contains("quantum efficiency")
            || qe.getMessage().contains("QE"), qe.getMessage());
    }

    @Test
    void localisationsOfFramesNotGivenAreRefused() {
        final double[] mu = expected(10, new double[] {8, 8, 3000});
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> new LocalisationRefiner(pointGaussian(SIGMA, 3), new RefinementOptions(PHOTON_CAMERA, 0)).refine(
                frames(new double[][] {mu}, 1, null), 1, detections(new double[] {3, 8, 8}), Monitor.NONE));
        assertTrue(e.getMessage().contains("frame 3"), e.getMessage());
    }
}
