package org.knime.depaf.core.poi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PoiGeneratorsTest {

    private static double sum(final float[] v) {
        double s = 0;
        for (final float f : v) {
            s += f;
        }
        return s;
    }

    @Test
    void gaussianBySigmaHasOddDefaultSizeAndUnitMass() {
        final Poi p = GaussianPoi.ofSigma(1.5, 0, GaussianPoi.Sampling.PIXEL_INTEGRATED);
        assertEquals(11, p.height());
        assertEquals(11, p.width());
        assertEquals(Poi.Kind.PATTERN_2D, p.kind());
        assertEquals(1, sum(p.values()), 0.01);
        assertEquals(p.max(), p.get(0, 5, 5), 0);
        final Poi s = GaussianPoi.ofSigma(1.5, 0, GaussianPoi.Sampling.POINT_SAMPLED);
        assertEquals(1 / (2 * Math.PI * 1.5 * 1.5), s.get(0, 5, 5), 1e-6);
    }

    @Test
    void gaussianByFwhmConvertsNanometresToPixelSigma() {
        final double sigma = GaussianPoi.sigmaFromFwhm(282.5, 100);
        assertEquals(282.5 / 2.3548200450309493 / 100, sigma, 1e-12);
        final Poi p = GaussianPoi.ofFwhm(282.5, 100, 9, GaussianPoi.Sampling.PIXEL_INTEGRATED);
        assertEquals(9, p.height());
        assertEquals(100, p.pixelSizeNm(), 0);
    }

    @Test
    void gaussianParametersAreValidated() {
        for (final double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GaussianPoi.ofSigma(bad, 0, GaussianPoi.Sampling.POINT_SAMPLED));
            assertTrue(e.getMessage().contains("sigma"), e.getMessage());
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GaussianPoi.ofFwhm(250, Double.NaN, 0,
            GaussianPoi.Sampling.POINT_SAMPLED)).getMessage().contains("pixel size"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GaussianPoi.ofSigma(1, 8,
            GaussianPoi.Sampling.POINT_SAMPLED)).getMessage().contains("odd"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GaussianPoi.elliptical(1, -2, 0))
            .getMessage().contains("sigma x"));
    }

    @Test
    void aPoiBeyondTheSizeLimitIsRefusedNamingItsParameterBeforeItIsAllocated() {
        // σ = 1000 px would make a 6001 × 6001 POI (and, upsampled for training, GBs)
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> GaussianPoi.ofSigma(1000, 0, GaussianPoi.Sampling.PIXEL_INTEGRATED));
        assertTrue(e.getMessage().contains("sigma 1000 px") && e.getMessage().contains("6001 × 6001"),
            e.getMessage());
        // a σ that would overflow an int size is refused the same way, not with a NegativeArraySizeException
        e = assertThrows(IllegalArgumentException.class,
            () -> GaussianPoi.ofSigma(1e12, 0, GaussianPoi.Sampling.PIXEL_INTEGRATED));
        assertTrue(e.getMessage().contains("sigma"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
            () -> GaussianPoi.ofFwhm(1e6, 100, 0, GaussianPoi.Sampling.PIXEL_INTEGRATED));
        assertTrue(e.getMessage().contains("FWHM 1000000 nm") && e.getMessage().contains("use a FWHM up to"),
            e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
            () -> GaussianPoi.ofSigma(1, 5001, GaussianPoi.Sampling.PIXEL_INTEGRATED));
        assertTrue(e.getMessage().contains("POI size") && e.getMessage().contains("5001"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> GaussianPoi.elliptical(1, 2000, 0));
        assertTrue(e.getMessage().contains("sigma x 2000 px"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SpikePoi.exponential(1e8));
        assertTrue(e.getMessage().contains("decay time constant"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
            () -> new AstigmaticPoi(1, 300, 400).zStack(5000, 10, 101, Double.NaN));
        assertTrue(e.getMessage().contains("5000 slices"), e.getMessage());
        // the largest σ of the default size is accepted
        assertEquals(6 * 682 + 1, GaussianPoi.ofSigma(GaussianPoi.MAX_SIGMA, 0,
            GaussianPoi.Sampling.POINT_SAMPLED).width());
    }

    @Test
    void ellipticalGaussianIsMinMaxNormalisedOnASquareGrid() {
        final Poi p = GaussianPoi.elliptical(1.0, 2.0, 0);
        assertEquals(13, p.height());
        assertEquals(13, p.width());
        assertEquals(1, p.max(), 0);
        float min = 1;
        for (final float v : p.values()) {
            min = Math.min(min, v);
        }
        assertEquals(0, min, 0);
        // wider along x than along y
        assertTrue(p.get(0, 6, 8) > p.get(0, 8, 6));
        // rotated by 90°, the wide axis becomes y
        final Poi r = GaussianPoi.elliptical(1.0, 2.0, Math.PI / 2);
        assertEquals(p.get(0, 6, 8), r.get(0, 8, 6), 1e-6);
    }

    @Test
    void spikeKernelRisesInstantlyAtTheCentreAndDecays() {
        final Poi p = SpikePoi.exponential(4);
        assertEquals(41, p.height());
        assertEquals(1, p.width());
        assertEquals(Poi.Kind.TRACE_1D, p.kind());
        assertEquals(0, p.get(0, 19, 0), 0);
        assertEquals(1, p.get(0, 20, 0), 0);
        assertEquals(Math.exp(-1), p.get(0, 24, 0), 1e-6);
        final Poi slow = SpikePoi.exponential(4, 1, 31, 5);
        assertEquals(0, slow.get(0, 5, 0), 0);
        assertEquals(1, slow.max(), 1e-6);
        assertTrue(slow.get(0, 6, 0) < 1 && slow.get(0, 6, 0) > 0);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SpikePoi.exponential(Double.NaN))
            .getMessage().contains("decay time constant"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SpikePoi.exponential(3, -1, 0, -1))
            .getMessage().contains("rise time"));
    }

    @Test
    void astigmaticStackWidensXAndYOnOppositeSidesOfFocus() {
        final AstigmaticPoi a = new AstigmaticPoi(1.2, 200, 400);
        assertEquals(a.sigmaX(0), a.sigmaY(0), 1e-12);
        assertEquals(1.2, a.sigmaX(200), 1e-12);
        assertEquals(1.2, a.sigmaY(-200), 1e-12);
        final Poi p = a.zStack(21, 50, 0, 100);
        assertEquals(Poi.Kind.Z_STACK, p.kind());
        assertEquals(21, p.channels());
        assertEquals(50, p.zStepNm(), 0);
        assertTrue(p.height() % 2 == 1);
        final int c = (p.height() - 1) / 2;
        // top slice (z = +500 nm): x nearer focus, so the spot is wider along y
        assertTrue(p.get(20, c + 2, c) > p.get(20, c, c + 2));
        assertTrue(p.get(0, c + 2, c) < p.get(0, c, c + 2));
        for (int k = 0; k < 21; k++) {
            assertEquals(1, sum(p.slice(k)), 0.02, "slice " + k);
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new AstigmaticPoi(1, 0, 0))
            .getMessage().contains("focal depth"));
    }
}
