package org.knime.depaf.core.poi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.knime.depaf.core.resample.Interpolation;
import org.knime.depaf.core.resample.UpsamplingRatios;

class BackgroundKernelTest {

    @Test
    void aGaussianOfSigmaTwoUpsampledPixelsGivesANinePixelWindowAndA27PixelBox() {
        // σ = 4/3 camera px upsampled by 1.5 is σ ≈ 2 upsampled px
        final Poi raw = GaussianPoi.ofSigma(4 / 3.0, 0, GaussianPoi.Sampling.PIXEL_INTEGRATED);
        final Poi poi = PoiPreprocessor.preprocess(raw, UpsamplingRatios.standard2d(), Interpolation.SPLINE).poi();
        final BackgroundKernel k = BackgroundKernel.fromPoi(poi);
        assertTrue(k.windowHeight() >= 9 && k.windowHeight() <= 11, k.toString());
        assertEquals(k.windowHeight(), k.windowWidth());
        assertTrue(k.height() >= 27 && k.height() <= 33, k.toString());
        assertEquals(3 * k.windowHeight(), k.height());
        double sum = 0;
        for (final float v : k.values()) {
            sum += v;
            assertEquals(1.0 / (k.height() * k.width()), v, 1e-9);
        }
        assertEquals(1, sum, 1e-5);
    }

    @Test
    void aOneDimensionalPoiKeepsWidthOne() {
        final BackgroundKernel k = BackgroundKernel.fromPoi(SpikePoi.exponential(5));
        assertEquals(1, k.windowWidth());
        assertEquals(1, k.width());
        assertEquals(3 * k.windowHeight(), k.height());
    }

    @Test
    void aSinglePixelPoiGivesASinglePixelBox() {
        final float[] v = new float[9];
        v[4] = 1;
        final BackgroundKernel k =
            BackgroundKernel.fromPoi(new Poi(v, 1, 3, 3, Poi.Kind.PATTERN_2D, Double.NaN, Double.NaN, "delta"));
        assertEquals(1, k.height());
        assertEquals(1, k.width());
    }

    @Test
    void sumsOverChannels() {
        // two off-centre spots in two channels: the window must cover both
        final float[] v = new float[2 * 11 * 11];
        v[5 * 11 + 1] = 1;
        v[121 + 5 * 11 + 9] = 1;
        final BackgroundKernel k =
            BackgroundKernel.fromPoi(new Poi(v, 2, 11, 11, Poi.Kind.Z_STACK, Double.NaN, 10, "two spots"));
        assertEquals(9, k.windowWidth());
        assertEquals(27, k.width());
    }
}
