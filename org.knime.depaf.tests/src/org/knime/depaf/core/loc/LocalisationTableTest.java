package org.knime.depaf.core.loc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.knime.depaf.core.loc.LocalisationTable.Column;

class LocalisationTableTest {

    private static LocalisationTable sample() {
        return LocalisationTable.builder(100).add(3, 10, 20).intensity(500).add(1, 30, 40).z(-50).add(3, 50, 60)
            .id(7).add(2, 70, 80).intensity(900).build();
    }

    @Test
    void builderMarksUnsetValuesOfPresentColumnsAsMissing() {
        final LocalisationTable t = sample();
        assertEquals(4, t.size());
        assertTrue(t.has(Column.INTENSITY) && t.has(Column.Z) && t.has(Column.ID));
        assertFalse(t.has(Column.AMPLITUDE) || t.has(Column.CHANNEL));
        assertEquals(500, t.intensity(0));
        assertTrue(Double.isNaN(t.intensity(1)));
        assertTrue(Double.isNaN(t.amplitude(2)), "absent column reads NaN");
        assertEquals(LocalisationTable.MISSING_INT, t.id(0));
        assertEquals(7, t.id(2));
        assertEquals(LocalisationTable.MISSING_INT, t.channel(0));
        assertEquals(-50, t.z(1));
    }

    @Test
    void builderGrowsBeyondItsInitialCapacity() {
        final LocalisationTable.Builder b = LocalisationTable.builder(Double.NaN);
        for (int i = 0; i < 1000; i++) {
            b.add(1 + i % 7, i, 2 * i);
            if (i % 3 == 0) {
                b.amplitude(i);
            }
        }
        final LocalisationTable t = b.build();
        assertEquals(1000, t.size());
        assertEquals(999, t.amplitude(999));
        assertTrue(Double.isNaN(t.amplitude(998)));
        assertEquals(1998, t.y(999));
    }

    @Test
    void frameIndexGivesRowsPerFrameInTableOrder() {
        final LocalisationTable t = sample();
        final LocalisationTable.FrameIndex fi = t.frameIndex();
        assertEquals(3, fi.maxFrame());
        assertArrayEquals(new int[] {1}, fi.rows(1));
        assertArrayEquals(new int[] {3}, fi.rows(2));
        assertArrayEquals(new int[] {0, 2}, fi.rows(3));
        assertEquals(0, fi.count(4));
        assertEquals(0, fi.count(0));
        assertEquals(2, fi.row(3, 1));
        assertEquals(2, t.frameTable(3).size());
    }

    @Test
    void frameIndexHoldsOnlyTheFramesThatOccurSoHugeFrameNumbersCostNothing() throws IOException {
        final int far = 2_000_000_000;
        final LocalisationTable t = LocalisationTable.builder(100).add(far, 500, 600).intensity(10)
            .add(1, 100, 200).intensity(20).add(far, 700, 800).intensity(30).build();
        final LocalisationTable.FrameIndex fi = t.frameIndex();
        assertEquals(far, fi.maxFrame());
        assertEquals(2, fi.frameCount());
        assertArrayEquals(new int[] {1, far}, fi.framesPresent());
        assertEquals(far, fi.frameAt(1));
        assertArrayEquals(new int[] {0, 2}, fi.rows(far));
        assertArrayEquals(new int[] {1}, fi.rows(1));
        assertEquals(2, fi.row(far, 1));
        assertEquals(0, fi.count(far - 1));
        assertEquals(0, fi.count(Integer.MAX_VALUE));
        assertThrows(IndexOutOfBoundsException.class, () -> fi.row(2, 0));
        assertArrayEquals(new int[] {1, 0, 2}, fi.order());
        assertArrayEquals(new int[] {1, far, far}, t.sortedByFrame().frames());
        assertEquals(2, t.frameTable(far).size());

        final StringWriter csv = new StringWriter();
        LocalisationCsv.write(csv, t);
        final LocalisationTable back =
            LocalisationCsv.read(new BufferedReader(new StringReader(csv.toString())), "far.csv", 100);
        assertEquals(t, back);
        assertArrayEquals(new int[] {1, far}, back.frameIndex().framesPresent());
    }

    @Test
    void frameIndexUnionMergesTheFramesOfTwoTables() {
        final LocalisationTable a = LocalisationTable.builder(100).add(7, 0, 0).add(2, 0, 0).add(7, 1, 1).build();
        final LocalisationTable b = LocalisationTable.builder(100).add(3, 0, 0).add(7, 0, 0)
            .add(Integer.MAX_VALUE, 0, 0).build();
        assertArrayEquals(new int[] {2, 3, 7, Integer.MAX_VALUE},
            LocalisationTable.FrameIndex.union(a.frameIndex(), b.frameIndex()));
        assertArrayEquals(new int[] {2, 7}, LocalisationTable.FrameIndex.union(a.frameIndex(),
            LocalisationTable.empty(100).frameIndex()));
        assertEquals(0, LocalisationTable.empty(100).frameIndex().frameCount());
        assertEquals(0, LocalisationTable.empty(100).maxFrame());
    }

    @Test
    void sortedByFrameIsStable() {
        final LocalisationTable s = sample().sortedByFrame();
        assertArrayEquals(new int[] {1, 2, 3, 3}, s.frames());
        assertArrayEquals(new double[] {30, 70, 10, 50}, s.column(Column.X));
        assertTrue(s.isSortedByFrame());
        assertFalse(sample().isSortedByFrame());
        assertEquals(7, s.id(3));
    }

    @Test
    void subsetAndFilterKeepAllColumns() {
        final LocalisationTable t = sample();
        final LocalisationTable s = t.subset(new int[] {2, 0});
        assertEquals(7, s.id(0));
        assertEquals(500, s.intensity(1));
        final LocalisationTable f = t.filter(i -> t.x(i) > 20);
        assertArrayEquals(new double[] {30, 50, 70}, f.column(Column.X));
        assertTrue(f.has(Column.Z));
    }

    @Test
    void concatUnitesColumnsAndFillsTheGaps() {
        final LocalisationTable a = LocalisationTable.builder(100).add(1, 1, 2).amplitude(0.5).build();
        final LocalisationTable b = LocalisationTable.builder(Double.NaN).add(2, 3, 4).channel(2).build();
        final LocalisationTable c = LocalisationTable.concat(a, b);
        assertEquals(2, c.size());
        assertEquals(100, c.pixelSizeNm());
        assertEquals(0.5, c.amplitude(0));
        assertTrue(Double.isNaN(c.amplitude(1)));
        assertEquals(LocalisationTable.MISSING_INT, c.channel(0));
        assertEquals(2, c.channel(1));
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> LocalisationTable.concat(List.of(a, a.withPixelSize(160))));
        assertTrue(e.getMessage().contains("160"), e.getMessage());
    }

    @Test
    void pixelCoordinatesFollowThePixelCentreConvention() {
        final LocalisationTable t = LocalisationTable.fromPixels(100, new int[] {1}, new double[] {0},
            new double[] {2.25});
        assertEquals(50, t.x(0), 1e-12);
        assertEquals(275, t.y(0), 1e-12);
        assertEquals(2.25, t.yPx(0), 1e-12);
        final IllegalStateException e =
            assertThrows(IllegalStateException.class, () -> t.withPixelSize(Double.NaN).xPx(0));
        assertTrue(e.getMessage().contains("pixel size"), e.getMessage());
    }

    @Test
    void constructionRejectsBadRowsWithTheRowAndReason() {
        final IllegalArgumentException f = assertThrows(IllegalArgumentException.class,
            () -> LocalisationTable.of(100, new int[] {1, 0}, new double[] {1, 2}, new double[] {1, 2}));
        assertTrue(f.getMessage().contains("row 1") && f.getMessage().contains("1-based"), f.getMessage());
        final IllegalArgumentException x = assertThrows(IllegalArgumentException.class,
            () -> LocalisationTable.of(100, new int[] {1}, new double[] {Double.NaN}, new double[] {1}));
        assertTrue(x.getMessage().contains("finite"), x.getMessage());
        final IllegalArgumentException n = assertThrows(IllegalArgumentException.class,
            () -> LocalisationTable.of(100, new int[] {1}, new double[] {1, 2}, new double[] {1}));
        assertTrue(n.getMessage().contains("equal lengths"), n.getMessage());
        assertThrows(IllegalArgumentException.class,
            () -> LocalisationTable.of(-3, new int[] {1}, new double[] {1}, new double[] {1}));
    }

    @Test
    void tablesAreImmutableAgainstCallerArrays() {
        final double[] x = {1, 2};
        final LocalisationTable t = LocalisationTable.of(100, new int[] {1, 1}, x, new double[] {3, 4});
        x[0] = 99;
        t.column(Column.X)[1] = 99;
        assertEquals(1, t.x(0));
        assertEquals(2, t.x(1));
    }

    @Test
    void withColumnAddsReplacesAndRemoves() {
        final LocalisationTable t = sample().withColumn(Column.UNCERTAINTY, new double[] {1, 2, 3, 4});
        assertEquals(3, t.uncertainty(2));
        assertFalse(t.without(Column.UNCERTAINTY).has(Column.UNCERTAINTY));
        assertEquals(5, t.withColumn(Column.CHANNEL, new double[] {5, 5, 5, 5}).channel(0));
        assertEquals(1.5, t.withExtra("chi2", new double[] {1.5, 0, 0, 0}).extra("chi2", 0));
        assertThrows(IllegalArgumentException.class, () -> t.withColumn(Column.X, new double[4]));
    }

    @Test
    void equalTablesAreEqual() {
        assertEquals(sample(), sample());
        assertFalse(sample().equals(sample().withPixelSize(50)));
    }
}
