package org.knime.depaf.core.poi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.knime.depaf.core.resample.CenterKeepResampler;
import org.knime.depaf.core.resample.Interpolation;
import org.knime.depaf.core.resample.UpsamplingRatios;

class PoiPreprocessorTest {

    private static Poi gaussian(final int size) {
        return GaussianPoi.ofSigma(1.3, size, GaussianPoi.Sampling.PIXEL_INTEGRATED);
    }

    @Test
    void makesA13PixelPoiOddAt21PixelsWithAdjustedRatio() {
        final PreprocessedPoi p =
            PoiPreprocessor.preprocess(gaussian(13), new UpsamplingRatios(1.5, 1.5, 1), Interpolation.SPLINE);
        assertEquals(21, p.poi().height());
        assertEquals(21, p.poi().width());
        assertEquals(20.5 / 13, p.ratios().y(), 1e-15);
        assertEquals(1.5769230769230769, p.ratios().x(), 1e-12);
        assertEquals(1, p.ratios().z(), 0);
        assertEquals(1, p.poi().channels());
    }

    @Test
    void keepsTheRatioWhenTheSizeIsAlreadyOdd() {
        final PreprocessedPoi p =
            PoiPreprocessor.preprocess(gaussian(15), new UpsamplingRatios(1.5, 1.5, 1), Interpolation.SPLINE);
        assertEquals(23, p.poi().height());
        assertEquals(23, p.poi().width());
        assertEquals(1.5, p.ratios().y(), 0);
        assertEquals(1.5, p.ratios().x(), 0);
    }

    @Test
    void upsamplesATwoSliceStackToThreeSlices() {
        final Poi stack = new AstigmaticPoi(1.3, 200, 400).zStack(2, 50, 11, 100);
        final PreprocessedPoi p =
            PoiPreprocessor.preprocess(stack, new UpsamplingRatios(1, 1, 1), Interpolation.SPLINE);
        assertEquals(1.25, p.ratios().z(), 0);
        assertEquals(3, p.poi().channels());
        assertEquals(11, p.poi().height());
        assertEquals(40, p.poi().zStepNm(), 1e-12);
        assertEquals(Poi.Kind.Z_STACK, p.poi().kind());
    }

    @Test
    void givesEqualPeaksAndUnitMeanSliceIntegral() {
        final Poi stack = new AstigmaticPoi(1.3, 150, 300).zStack(7, 50, 0, 100);
        for (final Interpolation m : Interpolation.values()) {
            final PreprocessedPoi p = PoiPreprocessor.preprocess(stack, new UpsamplingRatios(1.5, 1.5, 1), m);
            final Poi q = p.poi();
            assertTrue(q.height() % 2 == 1 && q.width() % 2 == 1 && q.channels() % 2 == 1, q.toString());
            double sumOfSums = 0;
            final float peak = q.max();
            for (int c = 0; c < q.channels(); c++) {
                final float[] s = q.slice(c);
                float max = 0;
                double sum = 0;
                for (final float v : s) {
                    assertTrue(v >= 0);
                    max = Math.max(max, v);
                    sum += v;
                }
                assertEquals(peak, max, 1e-6 * peak, "slice " + c);
                sumOfSums += sum;
            }
            assertEquals(1, sumOfSums / q.channels(), 1e-5, m.toString());
        }
    }

    @Test
    void dataResampledAtTheAdjustedRatioReturnsToItsSizeWhenDownsampled() {
        final PreprocessedPoi p =
            PoiPreprocessor.preprocess(gaussian(15), new UpsamplingRatios(1.5, 1.5, 1), Interpolation.SPLINE);
        final int up = CenterKeepResampler.outputSize(64, p.ratios().y());
        assertEquals(96, up);
        assertEquals(64, CenterKeepResampler.outputSize(up, 1 / p.ratios().y()));
        final PreprocessedPoi q =
            PoiPreprocessor.preprocess(gaussian(13), new UpsamplingRatios(1.5, 1.5, 1), Interpolation.SPLINE);
        final int up2 = CenterKeepResampler.outputSize(64, q.ratios().y());
        assertEquals(101, up2);
        assertEquals(64, CenterKeepResampler.outputSize(up2, 1 / q.ratios().y()));
    }

    @Test
    void keepsAOneDimensionalPoiOneColumnWide() {
        final Poi spike = SpikePoi.exponential(4);
        final PreprocessedPoi p = PoiPreprocessor.preprocess(spike, new UpsamplingRatios(1, 1, 1),
            Interpolation.LINEAR);
        assertEquals(1, p.poi().width());
        assertEquals(spike.height(), p.poi().height());
        assertEquals(Poi.Kind.TRACE_1D, p.poi().kind());
    }

    @Test
    void rejectsRatiosThatDoNotFitThePoi() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> PoiPreprocessor.preprocess(SpikePoi.exponential(4), new UpsamplingRatios(1.5, 1.5, 1),
                Interpolation.SPLINE));
        assertTrue(e.getMessage().contains("upsampling ratio"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> PoiPreprocessor.preprocess(gaussian(13),
            new UpsamplingRatios(1.5, 1.5, 2), Interpolation.SPLINE));
        assertTrue(e.getMessage().contains("upsampling ratio"), e.getMessage());
        for (final double bad : new double[] {Double.NaN, -1, 0, 0.5, Double.POSITIVE_INFINITY}) {
            e = assertThrows(IllegalArgumentException.class, () -> new UpsamplingRatios(1.5, bad, 1));
            assertTrue(e.getMessage().contains("upsampling ratio"), e.getMessage());
        }
    }

    @Test
    void rejectsAFlatPoi() {
        final Poi flat = new Poi(new float[25], 1, 5, 5, Poi.Kind.PATTERN_2D, Double.NaN, Double.NaN, "flat.tif");
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> PoiPreprocessor.preprocess(flat, UpsamplingRatios.standard2d(), Interpolation.SPLINE));
        assertTrue(e.getMessage().contains("the POI is flat") && e.getMessage().contains("flat.tif"),
            e.getMessage());
    }
}
