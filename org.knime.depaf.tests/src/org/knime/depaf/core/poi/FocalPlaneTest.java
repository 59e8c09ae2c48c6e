package org.knime.depaf.core.poi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The focal plane of a PSF z-stack (issue 11). */
class FocalPlaneTest {

    @Test
    void theFocalPlaneOfAGeneratedAstigmaticPoiIsFoundWithinOneSlice() {
        // 101 slices, σx = σy at slice 50; drop the first 20 so that it lies off-centre, at slice 30
        final Poi stack = new AstigmaticPoi(1.2, 300, 400).zStack(101, 10, 0, 100);
        final int plane = stack.height() * stack.width();
        final float[] v = java.util.Arrays.copyOfRange(stack.values(), 20 * plane, 101 * plane);
        final Poi offCentre = new Poi(v, 81, stack.height(), stack.width(), Poi.Kind.Z_STACK, 100, 10, "test");
        final FocalPlane f = FocalPlane.find(offCentre);
        assertEquals(30, f.slice(), 1, f.toString());
        assertTrue(f.method().contains("σx = σy"), f.method());
        final Poi centred = FocalPlane.centreOn(offCentre, f.slice());
        assertEquals(61, centred.channels());
        // slices 0..60 of the off-centre stack: its slice 30, the focal plane, is the centre
        assertEquals(offCentre.get(30, 5, 7), centred.get(30, 5, 7), 0);
        assertEquals(offCentre.get(60, 5, 7), centred.get(60, 5, 7), 0);
        assertSame(stack, FocalPlane.centreOn(stack, 50));
    }
}
