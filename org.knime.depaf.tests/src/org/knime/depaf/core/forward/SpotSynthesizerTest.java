package org.knime.depaf.core.forward;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.knime.depaf.core.poi.Poi;
import org.knime.depaf.core.resample.Interpolation;

class SpotSynthesizerTest {

    /** A minimal spot list for tests. */
    private static SpotList spots(final double[]... xyza) {
        return new SpotList() {
            @Override
            public int size() {
                return xyza.length;
            }

            @Override
            public double x(final int i) {
                return xyza[i][0];
            }

            @Override
            public double y(final int i) {
                return xyza[i][1];
            }

            @Override
            public double z(final int i) {
                return xyza[i][2];
            }

            @Override
            public double amplitude(final int i) {
                return xyza[i][3];
            }
        };
    }

    private static double[] centroid(final float[] img, final int h, final int w) {
        double s = 0;
        double sx = 0;
        double sy = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                s += img[y * w + x];
                sx += img[y * w + x] * x;
                sy += img[y * w + x] * y;
            }
        }
        return new double[] {sx / s, sy / s};
    }

    @Test
    void spotOnANodeIsThePeakNormalisedPoiTimesItsAmplitude() {
        final Poi poi = TestPois.asymmetric(11, 1.7);
        final SpotSynthesizer synth = new SpotSynthesizer(new PoiSampler(poi, Interpolation.SPLINE));
        final int h = 30;
        final int w = 25;
        final float[] img = synth.render(spots(new double[] {12, 14, 0, 1.5}), h, w);
        final float peak = poi.max();
        for (int dy = -5; dy <= 5; dy++) {
            for (int dx = -5; dx <= 5; dx++) {
                assertEquals(1.5f * poi.get(0, 5 + dy, 5 + dx) / peak, img[(14 + dy) * w + 12 + dx], 1e-6f);
            }
        }
    }

    @Test
    void asymmetricPoiShiftedBySubPixelOffsetsMovesItsCentroidByTheSameOffset() {
        final Poi poi = TestPois.asymmetric(21, 2.0);
        for (final Interpolation m : new Interpolation[] {Interpolation.SPLINE, Interpolation.CUBIC}) {
            final SpotSynthesizer synth = new SpotSynthesizer(new PoiSampler(poi, m));
            final int h = 40;
            final int w = 40;
            final double[] c0 = centroid(synth.render(spots(new double[] {20, 18, 0, 1}), h, w), h, w);
            for (final double d : new double[] {0.3, -0.3, 0.5, 0.7, -0.45}) {
                final double[] cx = centroid(synth.render(spots(new double[] {20 + d, 18, 0, 1}), h, w), h, w);
                assertEquals(c0[0] + d, cx[0], 0.01, m + " x shift " + d);
                assertEquals(c0[1], cx[1], 0.01, m + " x shift " + d + " moves y");
                final double[] cy = centroid(synth.render(spots(new double[] {20, 18 + d, 0, 1}), h, w), h, w);
                assertEquals(c0[1] + d, cy[1], 0.01, m + " y shift " + d);
                assertEquals(c0[0], cy[0], 0.01, m + " y shift " + d + " moves x");
            }
        }
    }

    @Test
    void symmetricSpotPeaksAtItsSubPixelPosition() {
        final float[] v = new float[15 * 15];
        for (int y = 0; y < 15; y++) {
            for (int x = 0; x < 15; x++) {
                v[y * 15 + x] = (float)Math.exp(-((y - 7) * (y - 7) + (x - 7) * (x - 7)) / 8.0);
            }
        }
        final Poi gauss = new Poi(v, 1, 15, 15, Poi.Kind.PATTERN_2D, Double.NaN, Double.NaN, "gauss");
        final SpotSynthesizer synth = new SpotSynthesizer(new PoiSampler(gauss, Interpolation.SPLINE));
        final float[] img = synth.render(spots(new double[] {10.3, 9.8, 0, 1}), 20, 20);
        // Parabola through the three samples around the maximum along each axis.
        final double px = 10 + 0.5 * (img[10 * 20 + 9] - img[10 * 20 + 11])
            / (img[10 * 20 + 9] - 2 * img[10 * 20 + 10] + img[10 * 20 + 11]);
        final double py = 10 + 0.5 * (img[9 * 20 + 10] - img[11 * 20 + 10])
            / (img[9 * 20 + 10] - 2 * img[10 * 20 + 10] + img[11 * 20 + 10]);
        assertEquals(10.3, px, 0.03);
        assertEquals(9.8, py, 0.03);
    }

    @Test
    void spotsAtTheBorderAreClippedAndSpotsAddUp() {
        final Poi poi = TestPois.asymmetric(9, 1.5);
        final SpotSynthesizer synth = new SpotSynthesizer(new PoiSampler(poi, Interpolation.LINEAR));
        final float[] a = synth.render(spots(new double[] {0.2, 0.4, 0, 1}), 12, 12);
        final float[] b = synth.render(spots(new double[] {11.1, 6, 0, 2}), 12, 12);
        final float[] ab = synth.render(spots(new double[] {0.2, 0.4, 0, 1}, new double[] {11.1, 6, 0, 2}), 12, 12);
        for (int i = 0; i < ab.length; i++) {
            assertEquals(a[i] + b[i], ab[i], 1e-6f);
        }
        final float[] none = synth.render(spots(new double[] {Double.NaN, 3, 0, 1}), 12, 12);
        assertArrayEquals(new float[144], none, 0f);
    }

    @Test
    void zSelectsTheSliceOfAStackAndCachedRenderingIsIdentical() {
        final Poi poi = TestPois.stack(11, 13, 4, 1.2, 0.4);
        final PoiSampler sampler = new PoiSampler(poi, Interpolation.SPLINE);
        final SpotSynthesizer synth = new SpotSynthesizer(sampler);
        final float[] img = synth.render(spots(new double[] {10, 9, 2, 1}), 20, 22);
        float peak = 0;
        for (int i = 2 * 11 * 13; i < 3 * 11 * 13; i++) {
            peak = Math.max(peak, poi.values()[i]);
        }
        for (int dy = -5; dy <= 5; dy++) {
            for (int dx = -6; dx <= 6; dx++) {
                assertEquals(poi.get(2, 5 + dy, 6 + dx) / peak, img[(9 + dy) * 22 + 10 + dx], 1e-5f);
            }
        }
        final SpotList many = spots(new double[] {3.3, 4.1, 0.4, 1}, new double[] {15.7, 12.2, 2.6, 0.5},
            new double[] {8.5, 16.5, 3.0, 2});
        final float[] plain = synth.render(many, 20, 22);
        final SampleCache cache = new SampleCache(sampler);
        for (int round = 0; round < 3; round++) {
            cache.nextGeneration();
            final float[] cached = new float[20 * 22];
            synth.renderInto(many, 20, 22, cached, cache);
            assertArrayEquals(plain, cached, 0f);
        }
        assertEquals(3, cache.size());
    }
}
