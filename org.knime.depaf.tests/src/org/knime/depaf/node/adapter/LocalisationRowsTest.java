package org.knime.depaf.node.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.knime.depaf.core.loc.LocalisationTable;
import org.knime.depaf.core.loc.LocalisationTable.Column;

class LocalisationRowsTest {

    private static LocalisationTable fullTable() {
        final LocalisationTable.Builder b = LocalisationTable.builder(107.5);
        b.add(1, 12.25, 80.5).z(-150.0).intensity(1234.5).amplitude(0.81).uncertainty(12.5).background(3.25)
            .sigma(130.0).channel(0).id(7).extra("chi2", 1.5);
        b.add(3, 1e-3, 6400.125).z(Double.NaN).intensity(Double.NaN).amplitude(0.05).uncertainty(Double.NaN)
            .background(0.0).sigma(Double.NaN).channel(LocalisationTable.MISSING_INT).id(8).extra("chi2", Double.NaN);
        b.add(2, 5000.0, 0.0).z(250.0).intensity(99.0).amplitude(Double.NaN).uncertainty(8.0).background(1.0)
            .sigma(120.0).channel(1).id(LocalisationTable.MISSING_INT).extra("chi2", 0.25);
        return b.build();
    }

    private static List<Object[]> rows(final LocalisationTable t, final List<ColumnDescriptor> columns) {
        final List<Object[]> out = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            out.add(LocalisationRows.row(t, columns, i));
        }
        return out;
    }

    private static List<String> names(final List<ColumnDescriptor> columns) {
        return columns.stream().map(ColumnDescriptor::name).toList();
    }

    @Test
    void convertsATableToRowsAndBackWithoutLoss() {
        final LocalisationTable t = fullTable();
        final List<ColumnDescriptor> columns = LocalisationRows.columns(t);
        final LocalisationTable back = LocalisationRows.fromRows(names(columns), rows(t, columns), t.pixelSizeNm());
        assertEquals(t, back);
    }

    @Test
    void keepsTheColumnsOfAnEmptyTable() {
        final LocalisationTable t = fullTable().subset(new int[0]);
        final List<ColumnDescriptor> columns = LocalisationRows.columns(t);
        final LocalisationTable back = LocalisationRows.fromRows(names(columns), List.of(), t.pixelSizeNm());
        assertEquals(t, back);
        assertEquals(columns, LocalisationRows.columns(back));
    }

    @Test
    void namesColumnsAsTheEngineCsvWithUnitsAndKinds() {
        final List<ColumnDescriptor> columns = LocalisationRows.columns(fullTable());
        assertEquals(List.of("id", "frame", "x [nm]", "y [nm]", "z [nm]", "sigma [nm]", "intensity [photon]",
            "offset [photon]", "uncertainty [nm]", "amplitude", "channel", "chi2"), names(columns));
        assertEquals(ColumnDescriptor.Kind.INT, columns.get(1).kind());
        assertEquals(ColumnDescriptor.Kind.DOUBLE, columns.get(2).kind());
    }

    @Test
    void writesMissingValuesAsNull() {
        final LocalisationTable t = fullTable();
        final Object[] row = LocalisationRows.row(t, LocalisationRows.columns(t), 1);
        assertEquals(8, row[0]);
        assertEquals(3, row[1]);
        assertNull(row[4], "z NaN");
        assertNull(row[10], "channel MISSING_INT");
        assertNull(row[11], "extra NaN");
    }

    @Test
    void givesThePredictorsColumnsBeforeItRuns() {
        assertEquals(List.of("frame", "x [nm]", "y [nm]", "amplitude", "amplitude raw"),
            names(LocalisationRows.predictionColumns(false)));
        assertEquals(List.of("frame", "x [nm]", "y [nm]", "z [nm]", "amplitude", "amplitude raw", "z slice"),
            names(LocalisationRows.predictionColumns(true)));
        assertEquals(List.of("frame", "x [nm]", "y [nm]", "amplitude", "amplitude raw", "intensity [photon]",
            "offset [photon]", "bkgstd [photon]", "uncertainty [nm]", "crlb x [nm]", "crlb y [nm]", "llr",
            "fit status"), names(LocalisationRows.predictionColumns(false, true)));
        assertEquals(names(LocalisationRows.predictionColumns(true)),
            names(LocalisationRows.predictionColumns(true, true)), "a z-stack POI is not fitted");
    }

    @Test
    void fillsAbsentColumnsOfARequestedSchemaWithNull() {
        final LocalisationTable t = LocalisationTable.of(100, new int[] {1}, new double[] {5}, new double[] {6});
        final Object[] row = LocalisationRows.row(t, LocalisationRows.predictionColumns(true), 0);
        assertEquals(1, row[0]);
        assertEquals(5.0, row[1]);
        assertNull(row[3]);
        assertNull(row[6]);
    }

    @Test
    void readsTablesWithOtherColumnOrderCaseAndNumberTypes() {
        final List<Object[]> rows = List.<Object[]> of(new Object[] {10.0, 2L, 20.0, 0.5, "ignored".length()});
        final LocalisationTable t =
            LocalisationRows.fromRows(List.of("X [NM]", "Frame", "y [nm]", "Amplitude", "quality"), rows, Double.NaN);
        assertEquals(2, t.frame(0));
        assertEquals(10.0, t.x(0));
        assertEquals(0.5, t.amplitude(0));
        assertEquals(List.of("quality"), t.extraColumnNames());
    }

    @Test
    void refusesTablesWithoutFrameOrPositionNamingTheMissingColumns() {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> LocalisationRows.fromRows(List.of("frame", "x"), List.of(), 100));
        assertEquals("A localisation table needs the columns 'frame', 'x [nm]' and 'y [nm]' (as the DEPAF Predictor "
            + "writes them); missing: 'x [nm]', 'y [nm]'. Rename the columns or convert positions to nm first.",
            e.getMessage());
    }

    @Test
    void refusesFramesThatAreNotWholeNumbersFromOne() {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> LocalisationRows.fromRows(List.of("frame", "x [nm]", "y [nm]"),
                List.<Object[]> of(new Object[] {0.0, 1.0, 1.0}), 100));
        assertEquals("Row 1: 'frame' must be a whole number ≥ 1 (frames are 1-based), got 0.0", e.getMessage());
    }

    @Test
    void refusesRowsWithoutAPosition() {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> LocalisationRows.fromRows(List.of("frame", "x [nm]", "y [nm]"),
                List.<Object[]> of(new Object[] {1, null, 1.0}), 100));
        assertTrue(e.getMessage().startsWith("Row 1 has no value for 'frame', 'x [nm]' or 'y [nm]'"));
    }

    @Test
    void carriesThePixelSizeAsText() {
        assertEquals(107.5, LocalisationRows.parsePixelSize(LocalisationRows.pixelSizeText(107.5)));
        assertTrue(Double.isNaN(LocalisationRows.parsePixelSize(LocalisationRows.pixelSizeText(Double.NaN))));
        assertTrue(Double.isNaN(LocalisationRows.parsePixelSize(null)));
        assertTrue(Double.isNaN(LocalisationRows.parsePixelSize("abc")));
        assertTrue(fullTable().has(Column.SIGMA));
    }
}
