package org.knime.depaf.node.adapter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.Arrays;
import java.util.EnumSet;

import org.junit.jupiter.api.Test;
import org.knime.depaf.core.image.ImageStack;
import org.knime.depaf.core.loc.ColorMap;
import org.knime.depaf.core.loc.LocalisationTable;
import org.knime.depaf.core.poi.Poi;
import org.knime.depaf.core.predict.PredictionOptions;
import org.knime.depaf.core.predict.PredictionOutput;
import org.knime.depaf.core.util.Monitor;

/** The POI Reader's, Predictor's and Renderer's options: defaults that work and messages that say what to change. */
class NodeOptionsTest {

    @Test
    void defaultPoiIsATwoDimensionalGaussian() throws IOException {
        final Poi poi = PoiRecipe.defaults().create(Monitor.NONE);
        assertEquals(Poi.Kind.PATTERN_2D, poi.kind());
        assertEquals(2 * (int)Math.ceil(3 * 1.3) + 1, poi.height());
    }

    @Test
    void poiRecipeSetsThePixelSizeWhenGiven() throws IOException {
        final PoiRecipe d = PoiRecipe.defaults();
        final PoiRecipe r = new PoiRecipe(PoiRecipe.Source.GAUSSIAN_FWHM, "", 100, 0, d.sigmaPx(), 300, 0,
            d.sigmaYPx(), d.sigmaXPx(), 0, d.tauSamples(), 0, 15, 0);
        assertEquals(100, r.create(Monitor.NONE).pixelSizeNm());
    }

    @Test
    void spikePoiIsOneDimensional() throws IOException {
        final PoiRecipe d = PoiRecipe.defaults();
        final Poi poi = new PoiRecipe(PoiRecipe.Source.SPIKE, "", 0, 0, 1, 1, 0, 1, 1, 0, 4, 0, 15, 0)
            .create(Monitor.NONE);
        assertEquals(Poi.Kind.TRACE_1D, poi.kind());
        assertEquals(1, poi.width());
        assertEquals(d.source(), PoiRecipe.Source.GAUSSIAN_SIGMA);
    }

    @Test
    void fwhmWithoutPixelSizeAsksForThePixelSize() {
        final PoiRecipe r = new PoiRecipe(PoiRecipe.Source.GAUSSIAN_FWHM, "", 0, 0, 1, 300, 0, 1, 1, 0, 4, 0, 15, 0);
        assertEquals("Pixel size must be the camera pixel size in nm (> 0): the FWHM is converted to pixels with it; "
            + "it is 0.0", assertThrows(IllegalArgumentException.class, r::validate).getMessage());
    }

    @Test
    void beadsNeedAFileAndAnOddWindow() {
        final PoiRecipe noFile = new PoiRecipe(PoiRecipe.Source.BEADS, " ", 0, 50, 1, 1, 0, 1, 1, 0, 4, 0, 15, 0);
        assertEquals("Bead stack file: enter the path of a TIFF (.tif, .tiff) or MATLAB (.mat) file",
            assertThrows(IllegalArgumentException.class, noFile::validate).getMessage());
        final PoiRecipe even = new PoiRecipe(PoiRecipe.Source.BEADS, "b.tif", 0, 50, 1, 1, 0, 1, 1, 0, 4, 0, 14, 0);
        assertEquals("Bead window must be an odd number of pixels ≥ 3 (e.g. 15); it is 14",
            assertThrows(IllegalArgumentException.class, even::validate).getMessage());
    }

    @Test
    void defaultPredictorOptionsAreTheEnginesDefaultsWithLocalisations() {
        final PredictionOptions p = PredictorOptions.defaults().toPredictionOptions(true, 1);
        assertEquals(PredictionOptions.defaults().toBuilder().threads(1).build().toString(), p.toString());
        assertEquals(EnumSet.of(PredictionOutput.LOCALISATIONS), p.outputs());
    }

    @Test
    void predictorOptionsRequestTheChosenImageOutputs() {
        final PredictionOptions p = new PredictorOptions(64, 32, 4, 107, true, true).toPredictionOptions(true, 2);
        assertEquals(EnumSet.of(PredictionOutput.LOCALISATIONS, PredictionOutput.SYNTHESIS,
            PredictionOutput.BACKGROUND), p.outputs());
        assertEquals(64, p.patchHeight());
        assertEquals(32, p.strideY());
        assertEquals(4, p.batchSize());
        assertEquals(107, p.pixelSizeNm());
    }

    @Test
    void refusesAStrideLargerThanThePatch() {
        assertEquals("Patch stride must be between 1 and the patch size, or 0 for half a patch; it is 80",
            assertThrows(IllegalArgumentException.class, () -> new PredictorOptions(64, 80, 8, 0, false, false)
                .validate()).getMessage());
        assertEquals("Batch size must be ≥ 1 frame (8 is usual); it is 0",
            assertThrows(IllegalArgumentException.class, () -> new PredictorOptions(0, 0, 0, 0, false, false)
                .validate()).getMessage());
    }

    @Test
    void rendersAHistogramCoveringEveryLocalisation() {
        final LocalisationTable t = LocalisationTable.of(100, new int[] {1, 1, 2}, new double[] {5, 15, 15},
            new double[] {5, 5, 25});
        final RenderOptions o = new RenderOptions(RenderOptions.Method.HISTOGRAM, 10, 0, 0, 0, ColorMap.GREY, 99);
        final ImageStack img = o.render(t);
        assertEquals(2, img.width());
        assertEquals(3, img.height());
        assertEquals(3, sum(img.pixels()), 1e-6);
        assertEquals(1, img.get(0, 0, 0), 0);
        assertEquals(1, img.get(0, 0, 1), 0);
        assertEquals(1, img.get(0, 2, 1), 0);
        final byte[] png = o.png(img);
        assertArrayEquals(new byte[] {(byte)0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4));
    }

    @Test
    void refusesANonPositiveRenderPixel() {
        final RenderOptions o = new RenderOptions(RenderOptions.Method.GAUSSIAN, 0, 20, 0, 0, ColorMap.HOT, 99.5);
        assertEquals("Render pixel size must be a number of nm > 0 (e.g. 10); it is 0.0",
            assertThrows(IllegalArgumentException.class, o::validate).getMessage());
    }

    private static double sum(final float[] v) {
        double s = 0;
        for (final float f : v) {
            s += f;
        }
        return s;
    }
}
