package org.knime.depaf.node.common;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnProperties;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.RowKey;
import org.knime.core.data.container.CloseableRowIterator;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.IntCell;
import org.knime.core.data.def.LongCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataTable;
import org.knime.depaf.core.loc.LocalisationTable;
import org.knime.depaf.node.adapter.ColumnDescriptor;
import org.knime.depaf.node.adapter.LocalisationRows;

/** Plain rows of the adapters ↔ KNIME table specs, rows and cells. Stateless. */
public final class KnimeTables {

    private KnimeTables() {
    }

    /**
     * @param columns the columns
     * @param properties properties to attach to every column (e.g. the pixel size), may be empty
     * @return the table spec
     */
    public static DataTableSpec spec(final List<ColumnDescriptor> columns, final Map<String, String> properties) {
        final DataColumnSpec[] specs = new DataColumnSpec[columns.size()];
        for (int i = 0; i < specs.length; i++) {
            final DataColumnSpecCreator c = new DataColumnSpecCreator(columns.get(i).name(), type(columns.get(i)));
            if (!properties.isEmpty()) {
                c.setProperties(new DataColumnProperties(properties));
            }
            specs[i] = c.createSpec();
        }
        return new DataTableSpec(specs);
    }

    /** @return a row of cells for plain values (null: a missing cell) */
    public static DataRow row(final long index, final List<ColumnDescriptor> columns, final Object[] values) {
        final DataCell[] cells = new DataCell[values.length];
        for (int i = 0; i < cells.length; i++) {
            cells[i] = cell(columns.get(i), values[i]);
        }
        return new DefaultRow(new RowKey("Row" + index), cells);
    }

    /** @return the column names of a spec, in order */
    public static List<String> names(final DataTableSpec spec) {
        final List<String> out = new ArrayList<>(spec.getNumColumns());
        for (int i = 0; i < spec.getNumColumns(); i++) {
            out.add(spec.getColumnSpec(i).getName());
        }
        return out;
    }

    /**
     * Reads a localisation table (the DEPAF Predictor's, a simulator's ground truth, or any table with 'frame',
     * 'x [nm]' and 'y [nm]'); the pixel size comes from the column property the DEPAF nodes attach, when present.
     *
     * @param table the table
     * @return the engine's table
     * @throws IllegalArgumentException naming the column or row that is not a localisation
     */
    public static LocalisationTable localisations(final BufferedDataTable table) {
        final DataTableSpec spec = table.getDataTableSpec();
        final int xIndex = spec.findColumnIndex("x [nm]");
        final double pixelSize = xIndex < 0 ? Double.NaN : LocalisationRows.parsePixelSize(
            spec.getColumnSpec(xIndex).getProperties().getProperty(LocalisationRows.PIXEL_SIZE_PROPERTY));
        // KNIME's row iterator holds the table's open files until it is closed, also when reading fails
        try (CloseableRowIterator tableRows = table.iterator()) {
            final Iterable<Object[]> rows = () -> new Iterator<>() { // read once, by fromRows
                @Override
                public boolean hasNext() {
                    return tableRows.hasNext();
                }

                @Override
                public Object[] next() {
                    return numbers(tableRows.next());
                }
            };
            return LocalisationRows.fromRows(names(spec), rows, pixelSize);
        }
    }

    /** @return the row's values as numbers (Double), null for missing or non-numeric cells */
    public static Object[] numbers(final DataRow row) {
        final Object[] out = new Object[row.getNumCells()];
        for (int i = 0; i < out.length; i++) {
            final DataCell c = row.getCell(i);
            out[i] = !c.isMissing() && c instanceof DoubleValue d ? Double.valueOf(d.getDoubleValue()) : null;
        }
        return out;
    }

    private static DataType type(final ColumnDescriptor c) {
        return switch (c.kind()) {
            case INT -> IntCell.TYPE;
            case LONG -> LongCell.TYPE;
            case DOUBLE -> DoubleCell.TYPE;
            case STRING -> StringCell.TYPE;
        };
    }

    private static DataCell cell(final ColumnDescriptor c, final Object v) {
        if (v == null) {
            return DataType.getMissingCell();
        }
        return switch (c.kind()) {
            case INT -> new IntCell(((Number)v).intValue());
            case LONG -> new LongCell(((Number)v).longValue());
            case DOUBLE -> new DoubleCell(((Number)v).doubleValue());
            case STRING -> new StringCell(v.toString());
        };
    }
}
