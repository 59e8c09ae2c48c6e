package org.knime.depaf.core.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.knime.depaf.core.forward.ForwardModel;
import org.knime.depaf.core.forward.PoiSampler;
import org.knime.depaf.core.forward.SpotSynthesizer;
import org.knime.depaf.core.forward.TestPois;
import org.knime.depaf.core.poi.Poi;
import org.knime.depaf.core.resample.Interpolation;

class DetectorTest {

    /** Index of the simulated emitter nearest to a detection. */
    private static int nearest(final SimulatedMaps sim, final double x, final double y) {
        int best = -1;
        double bd = Double.POSITIVE_INFINITY;
        for (int j = 0; j < sim.x.length; j++) {
            final double d = Math.hypot(sim.x[j] - x, sim.y[j] - y);
            if (d < bd) {
                bd = d;
                best = j;
            }
        }
        return best;
    }

    @Test
    void recoversPositionsWithinFiveHundredthsOfAPixelAndResynthesisMatchesTheImage() {
        final Poi poi = TestPois.asymmetric(21, 2.0);
        final PoiSampler sampler = new PoiSampler(poi, Interpolation.SPLINE);
        final Detector detector = new Detector(sampler);
        final SimulatedMaps sim = SimulatedMaps.make(poi, 96, 80, 40, 10, 0, 0, 0, 17);
        assertTrue(sim.x.length >= 30, "enough separated emitters were placed");
        final Detections d = detector.detect(sim.maps, 1e-6);
        assertEquals(sim.x.length, d.size());
        final boolean[] found = new boolean[sim.x.length];
        for (int i = 0; i < d.size(); i++) {
            final int j = nearest(sim, d.x(i), d.y(i));
            found[j] = true;
            assertEquals(sim.x[j], d.x(i), 0.05, "x of emitter " + j);
            assertEquals(sim.y[j], d.y(i), 0.05, "y of emitter " + j);
            assertEquals(0, d.z(i), 0);
        }
        for (int j = 0; j < found.length; j++) {
            assertTrue(found[j], "emitter " + j + " found");
        }
        // Re-synthesis draws the sub-pixel shifted POI, the forward model the bilinear mix of four node-shifted
        // POIs; the two agree to the error of that approximation: max |ISyn - Dsum| ≤ 3 % of the brightest
        // spot's peak, and the summed absolute difference ≤ 5 % of the summed image. Emitters stay 10 px
        // (the POI radius) from the border, where reflect padding would mirror them into Dsum.
        final float[] syn = new SpotSynthesizer(sampler).render(d, 96, 80);
        final float[] dsum = sim.maps.dsum();
        double maxDiff = 0;
        double sumDiff = 0;
        double sum = 0;
        double peak = 0;
        for (int i = 0; i < syn.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(syn[i] - dsum[i]));
            sumDiff += Math.abs(syn[i] - dsum[i]);
            sum += Math.abs(dsum[i]);
            peak = Math.max(peak, dsum[i]);
        }
        assertTrue(maxDiff <= 0.03 * peak, "max difference " + maxDiff + " vs peak " + peak);
        assertTrue(sumDiff <= 0.05 * sum, "summed difference " + sumDiff + " vs sum " + sum);
    }

    @Test
    void amplitudeOfASingleNodeSpotIsItsValueTimesThePoiPeak() {
        final Poi poi = TestPois.asymmetric(9, 1.3);
        final Detector detector = new Detector(new PoiSampler(poi, Interpolation.SPLINE));
        final int h = 20;
        final int w = 20;
        final float[] a = new float[h * w];
        a[7 * w + 12] = 1.5f;
        final float[] dsum = new ForwardModel(poi).signal(a, h, w);
        final Detections d = detector.detect(new FrameMaps(a, 1, h, w, dsum, dsum.clone()), 0.1);
        assertEquals(1, d.size());
        assertEquals(12, d.x(0), 0);
        assertEquals(7, d.y(0), 0);
        assertEquals(1.5 * poi.max(), d.amplitude(0), 1e-6);
    }

    @Test
    void residualAboveTheFittedAmplitudeRaisesTheAmplitude() {
        final Poi poi = TestPois.asymmetric(9, 1.3);
        final Detector detector = new Detector(new PoiSampler(poi, Interpolation.SPLINE));
        final int h = 20;
        final int w = 20;
        final float[] a = new float[h * w];
        a[7 * w + 12] = 1f;
        final float[] dsum = new ForwardModel(poi).signal(a, h, w);
        final float[] xbg = dsum.clone();
        // Residual 0.5·max(P) at the spot: below A2 = 1, no effect.
        xbg[7 * w + 12] += 0.5f * poi.max();
        assertEquals(poi.max(), detector.detect(new FrameMaps(a, 1, h, w, dsum, xbg), 0.1).amplitude(0), 1e-6);
        // Residual 2·max(P): Anoisy = 2 at the spot.
        xbg[7 * w + 12] = dsum[7 * w + 12] + 2 * poi.max();
        assertEquals(2 * poi.max(), detector.detect(new FrameMaps(a, 1, h, w, dsum, xbg), 0.1).amplitude(0),
            1e-6);
        // Residual next to the spot (outside the group) is ignored.
        final float[] xbg2 = dsum.clone();
        xbg2[7 * w + 14] += 5 * poi.max();
        assertEquals(poi.max(), detector.detect(new FrameMaps(a, 1, h, w, dsum, xbg2), 0.1).amplitude(0), 1e-6);
    }

    @Test
    void recoversZAsTheAmplitudeWeightedChannelIndex() {
        final Poi poi = TestPois.stack(15, 15, 6, 1.2, 0.35);
        final PoiSampler sampler = new PoiSampler(poi, Interpolation.SPLINE);
        final SimulatedMaps sim = SimulatedMaps.make(poi, 64, 64, 20, 0, 0, 0, 3);
        final Detections d = new Detector(sampler).detect(sim.maps, 1e-6);
        assertEquals(sim.x.length, d.size());
        for (int i = 0; i < d.size(); i++) {
            final int j = nearest(sim, d.x(i), d.y(i));
            assertEquals(sim.x[j], d.x(i), 1e-5);
            assertEquals(sim.y[j], d.y(i), 1e-5);
            assertEquals(sim.z[j], d.z(i), 1e-5, "z of emitter " + j);
            assertTrue(d.amplitude(i) > 0);
        }
    }

    @Test
    void zKernelMatchesTheSliceOnANodeAndAmplitudeUsesIt() {
        final Poi poi = TestPois.stack(11, 11, 3, 1.0, 0.6);
        final Detector detector = new Detector(new PoiSampler(poi, Interpolation.LINEAR));
        final int h = 16;
        final int w = 16;
        final float[] a = new float[3 * h * w];
        a[2 * h * w + 8 * w + 8] = 1f; // all amplitude in channel 2
        final float[] dsum = new ForwardModel(poi).signal(a, h, w);
        final Detections d = detector.detect(new FrameMaps(a, 3, h, w, dsum, dsum.clone()), 0.5);
        assertEquals(1, d.size());
        assertEquals(2, d.z(0), 0);
        float peak2 = 0;
        for (int y = 0; y < 11; y++) {
            for (int x = 0; x < 11; x++) {
                peak2 = Math.max(peak2, poi.get(2, y, x));
            }
        }
        assertEquals(peak2, d.amplitude(0), 1e-6);
    }

    @Test
    void fullConvolutionMaxOfATwoByTwoArray() {
        final float[] k = {1, 2, 3, 4};
        // full conv of [[1, 1], [0, 0]] with [[1, 2], [3, 4]] = [[1, 3, 2], [3, 7, 4], [0, 0, 0]].
        assertEquals(7f, Detector.fullConvolutionMax(1, 1, 0, 0, k, 2, 2), 0f);
        // [[0, 0], [0, 2]]: 2·K shifted: max 8.
        assertEquals(8f, Detector.fullConvolutionMax(0, 0, 0, 2, k, 2, 2), 0f);
        // all ones: centre (1,1) = 1 + 2 + 3 + 4 = 10.
        assertEquals(10f, Detector.fullConvolutionMax(1, 1, 1, 1, k, 2, 2), 0f);
    }

    @Test
    void rejectsMapsWithAnotherNumberOfChannelsThanThePoi() {
        final Detector detector = new Detector(new PoiSampler(TestPois.asymmetric(5, 1), Interpolation.SPLINE));
        final float[] m = new float[2 * 10 * 10];
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> detector.detect(new FrameMaps(m, 2, 10, 10, new float[100], new float[100]), 0.1));
        assertTrue(e.getMessage().contains("2 channels") && e.getMessage().contains("POI has 1"), e.getMessage());
        final IllegalArgumentException len = assertThrows(IllegalArgumentException.class,
            () -> new FrameMaps(m, 1, 10, 10, new float[100], new float[100]));
        assertTrue(len.getMessage().contains("Amplitude maps"), len.getMessage());
    }

    @Test
    void noDetectionsAboveTheLargestValue() {
        final Poi poi = TestPois.asymmetric(7, 1);
        final SimulatedMaps sim = SimulatedMaps.make(poi, 32, 32, 5, 0, 0, 0, 1);
        final Detections d = new Detector(new PoiSampler(poi, Interpolation.SPLINE)).detect(sim.maps, 10);
        assertEquals(0, d.size());
    }
}
