package org.knime.depaf.core.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.knime.depaf.core.detect.CoordinateMapping;
import org.knime.depaf.core.detect.Detections;
import org.knime.depaf.core.loc.LocalisationTable;

class LocalisationConverterTest {

    // 64 px frames upsampled by 1.5 (96 px); a 51-slice POI upsampled by 2 (adjusted to 102.5/51, odd) to 103 channels
    private final CoordinateMapping mapping = new CoordinateMapping(96, 96, 103, 1.5, 1.5, 102.5 / 51);

    @Test
    void zStackDetectionsGetTheirSliceAndZInNanometresAroundTheCentreSlice() {
        final LocalisationConverter c = new LocalisationConverter(mapping, 100, 500, true, 20);
        final LocalisationTable.Builder b = c.newTable();
        final double zCentre = mapping.zToUpsampled(25); // the centre slice of 51
        final double zSlice40 = mapping.zToUpsampled(40);
        c.addRows(b, 3, new Detections(new double[] {mapping.xToUpsampled(10.25), 50}, new double[] {
            mapping.yToUpsampled(20.5), 50}, new double[] {zCentre, zSlice40}, new double[] {0.5, 1}));
        final LocalisationTable t = c.build(b);
        assertEquals(2, t.size());
        assertEquals(3, t.frame(0));
        assertEquals((10.25 + 0.5) * 100, t.x(0), 1e-9);
        assertEquals((20.5 + 0.5) * 100, t.y(0), 1e-9);
        assertEquals(0, t.z(0), 1e-9);
        assertEquals(25, t.extra(LocalisationConverter.Z_SLICE, 0), 1e-9);
        assertEquals(15 * 20, t.z(1), 1e-9);
        assertEquals(40, t.extra(LocalisationConverter.Z_SLICE, 1), 1e-9);
        assertEquals(0.5, t.amplitude(0));
        assertEquals(250, t.extra(LocalisationConverter.AMPLITUDE_RAW, 0), 1e-12);
    }

    @Test
    void anUnknownZStepKeepsTheSliceButWritesNoZ() {
        final LocalisationConverter c = new LocalisationConverter(mapping, 100, 500, true, Double.NaN);
        final LocalisationTable.Builder b = c.newTable();
        c.addRows(b, 1, new Detections(new double[] {5}, new double[] {5}, new double[] {7}, new double[] {1}));
        final LocalisationTable t = c.build(b);
        assertFalse(t.has(LocalisationTable.Column.Z));
        assertEquals(mapping.zToSlice(7), t.extra(LocalisationConverter.Z_SLICE, 0), 1e-12);
    }

    @Test
    void anEmptyFrameStillHasEveryColumn() {
        final LocalisationConverter c = new LocalisationConverter(mapping, 100, 500, true, 20);
        final LocalisationTable t = c.build(c.newTable());
        assertEquals(0, t.size());
        assertTrue(t.has(LocalisationTable.Column.AMPLITUDE));
        assertTrue(t.has(LocalisationTable.Column.Z));
        assertTrue(t.extraColumnNames().contains(LocalisationConverter.Z_SLICE));
        assertTrue(t.extraColumnNames().contains(LocalisationConverter.AMPLITUDE_RAW));
    }
}
