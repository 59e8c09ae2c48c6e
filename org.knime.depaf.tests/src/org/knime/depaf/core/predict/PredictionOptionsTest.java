package org.knime.depaf.core.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.knime.depaf.core.detect.TileGrid;

class PredictionOptionsTest {

    @Test
    void defaultsAreTheReferencesBatchOfEightAndLocalisationsOnly() {
        final PredictionOptions o = PredictionOptions.defaults();
        assertEquals(8, o.batchSize());
        assertEquals(EnumSet.of(PredictionOutput.LOCALISATIONS), o.outputs());
        assertTrue(Double.isNaN(o.pixelSizeNm()));
        assertTrue(o.threads() >= 1);
    }

    @Test
    void defaultPatchIsAtMost256RoundedDownToTheSizeMultipleWithHalfStride() {
        final TileGrid g = PredictionOptions.defaults().tileGrid(385, 150, 8, false);
        assertEquals(256, g.tileHeight());
        assertEquals(144, g.tileWidth());
        assertArrayEquals(new int[] {0, 128, 129}, g.originsY());
        assertArrayEquals(new int[] {0, 6}, g.originsX());
    }

    @Test
    void oneDimensionalDataTilesWithWidthOne() {
        final TileGrid g = PredictionOptions.builder().patchSize(32, 0).build().tileGrid(100, 1, 4, true);
        assertEquals(32, g.tileHeight());
        assertEquals(1, g.tileWidth());
        assertArrayEquals(new int[] {0, 16, 32, 48, 64, 68}, g.originsY());
    }

    @Test
    void badOptionsAreRefusedNamingTheOption() {
        assertMessage("batch size", () -> PredictionOptions.builder().batchSize(0).build());
        assertMessage("threads", () -> PredictionOptions.builder().threads(0).build());
        assertMessage("patch height", () -> PredictionOptions.builder().patchSize(-4, 8).build());
        assertMessage("patch stride along x (12) must not exceed the patch width (8)",
            () -> PredictionOptions.builder().patchSize(8).patchStride(4, 12).build());
        assertMessage("pixel size", () -> PredictionOptions.builder().pixelSizeNm(-1).build());
        assertMessage("outputs", () -> PredictionOptions.builder().outputs(EnumSet.noneOf(PredictionOutput.class))
            .build());
        assertMessage("patch width 20 must be a multiple of 8",
            () -> PredictionOptions.builder().patchSize(16, 20).build().tileGrid(64, 64, 8, false));
        assertMessage("patch stride along y 40 must not exceed the patch size 32",
            () -> PredictionOptions.builder().patchStride(40, 0).build().tileGrid(32, 64, 8, false));
        assertMessage("patch stride along y (40) must not exceed the patch height (32)",
            () -> PredictionOptions.builder().patchSize(32, 0).patchStride(40, 0).build());
        assertMessage("patch height: the upsampled frame height 6 is smaller than the network's size multiple 8",
            () -> PredictionOptions.defaults().tileGrid(6, 64, 8, false));
        assertMessage("patch width must be 1 for 1-D data",
            () -> PredictionOptions.builder().patchSize(32, 4).build().tileGrid(64, 1, 4, true));
        assertMessage("the model is 2-D",
            () -> PredictionOptions.defaults().tileGrid(64, 1, 4, false));
    }

    private static void assertMessage(final String expected, final Supplier<?> action) {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action::get);
        assertTrue(e.getMessage().toLowerCase().contains(expected.toLowerCase()), e.getMessage());
    }
}
