package org.knime.depaf.core.poi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.knime.depaf.core.resample.Interpolation;
import org.knime.depaf.core.resample.UpsamplingRatios;

/** Channel binning of a PSF z-stack and the continuous z refinement between channels (issue 11). */
class ZChannelsTest {

    private static final int SLICES = 101;
    private static final double STEP = 10;
    private static final Poi STACK = new AstigmaticPoi(1.2, 250, 400).zStack(SLICES, STEP, 0, 100);

    @Test
    void slicesAreAveragedIntoChannelsCentredOnTheFocalPlane() {
        assertEquals(5, ZChannels.factor(STACK, 50));
        assertEquals(1, ZChannels.factor(STACK, 0));
        assertEquals(1, ZChannels.factor(STACK, 10));
        assertSame(STACK, ZChannels.bin(STACK, 1));
        final Poi binned = ZChannels.bin(STACK, 5);
        assertEquals(21, binned.channels());
        assertEquals(50, binned.zStepNm(), 1e-9);
        assertEquals(Poi.Kind.Z_STACK, binned.kind());
        // the centre channel is centred on the centre slice (z = 0) and is the mean of slices 48..52
        assertEquals(50, ZChannels.centreSlice(SLICES, 5, 10), 0);
        final int plane = STACK.height() * STACK.width();
        final int centre = (STACK.height() / 2) * STACK.width() + STACK.width() / 2;
        double mean = 0;
        for (int s = 48; s <= 52; s++) {
            mean += STACK.get(s, STACK.height() / 2, STACK.width() / 2) / 5.0;
        }
        assertEquals(mean, binned.values()[10 * plane + centre], 1e-6);
        // 151 slices at 10 nm with 50 nm channels: 31 channels
        assertEquals(31, ZChannels.channelCount(151, 5));
    }

    /**
     * Noise-free spots at every slice between the outer channels: non-negative least squares over all binned
     * channels (the amplitudes the network's fidelity term asks for) gives the amplitudes, and the refinement puts z within one POI slice of the truth.
     */
    @Test
    void zIsRefinedWithinOneSliceOnNoiseFreeData() {
        final UpsamplingRatios ratios = new UpsamplingRatios(1.5, 1.5, 1);
        final Poi binned = PoiPreprocessor.preprocess(ZChannels.bin(STACK, 5), ratios, Interpolation.SPLINE).poi();
        final Poi full = PoiPreprocessor.preprocess(STACK, ratios, Interpolation.SPLINE).poi();
        final ZRefinement refinement = ZRefinement.calibrate(binned, full, 5);
        assertEquals(21, refinement.channels());
        final ZRefinement stored = ZRefinement.parse(refinement.encode(), 21); // as the model file keeps it
        double worst = 0;
        for (int k = 5; k <= SLICES - 6; k++) {
            final double[] sums = ZRefinement.channelAmplitudes(binned, full.slice(k));
            final double zChannel = refinement.refine(sums);
            assertEquals(zChannel, stored.refine(sums), 1e-4);
            final double zSlice = ZChannels.centreSlice(SLICES, 5, 0) + zChannel * 5;
            worst = Math.max(worst, Math.abs(zSlice - k));
        }
        assertTrue(worst <= 1, "worst z error " + worst + " slices");
    }

    @Test
    void aDamagedTableIsRefused() {
        final Poi binned = ZChannels.bin(STACK, 5);
        final ZRefinement refinement = ZRefinement.calibrate(binned, STACK, 5);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
            () -> ZRefinement.parse(refinement.encode(), 20));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
            () -> ZRefinement.parse("0:0,0,0,1,0,0,0;x:1", 2));
    }
}
