package org.knime.depaf.node.adapter;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.knime.depaf.core.fit.LocalisationRefiner;
import org.knime.depaf.core.loc.LocalisationCsv;
import org.knime.depaf.core.loc.LocalisationTable;
import org.knime.depaf.core.loc.LocalisationTable.Column;
import org.knime.depaf.core.predict.LocalisationConverter;

/**
 * Localisation tables as plain rows: one row per localisation, the columns named as in the engine's CSV files
 * ({@code frame}, {@code x [nm]}, {@code y [nm]}, {@code z [nm]}, {@code amplitude}, ...; see
 * {@link LocalisationCsv#headerName}), so that a KNIME table and a CSV file of the same localisations look alike.
 *
 * <p>Frames are 1-based {@link Kind#INT}s; {@code channel} and {@code id} are {@link Kind#INT}s; every other column,
 * the table's extra columns included, is {@link Kind#DOUBLE}. A missing value ({@code null}) stands for the engine's
 * NaN resp. {@link LocalisationTable#MISSING_INT}. The camera pixel size, which a KNIME table has no place for,
 * travels as the text of {@link #PIXEL_SIZE_PROPERTY} (a column property of the nodes' tables).
 *
 * <p>{@link #columns}, {@link #row} and {@link #fromRows} are exact inverses: a table converted to rows and back
 * equals the original ({@link LocalisationTable#equals}). Stateless.
 */
public final class LocalisationRows {

    /** Name of the column property that carries the camera pixel size in nm ({@link #pixelSizeText}). */
    public static final String PIXEL_SIZE_PROPERTY = "depaf.pixelSizeNm";

    /** The standard columns in the order of the engine's CSV files. */
    private static final Column[] ORDER = {Column.ID, Column.FRAME, Column.X, Column.Y, Column.Z, Column.SIGMA,
        Column.INTENSITY, Column.BACKGROUND, Column.UNCERTAINTY, Column.AMPLITUDE, Column.CHANNEL};

    private LocalisationRows() {
    }

    /** @return the descriptor of a standard column */
    public static ColumnDescriptor descriptor(final Column c) {
        return new ColumnDescriptor(LocalisationCsv.headerName(c),
            c.isInteger() ? ColumnDescriptor.Kind.INT : ColumnDescriptor.Kind.DOUBLE);
    }

    /** @return descriptors of standard columns, in the order of the engine's CSV files */
    public static List<ColumnDescriptor> columns(final Set<Column> standard) {
        final List<ColumnDescriptor> out = new ArrayList<>();
        for (final Column c : ORDER) {
            if (standard.contains(c)) {
                out.add(descriptor(c));
            }
        }
        return out;
    }

    /** @return the columns of a table: its standard columns in CSV order, then its extra columns */
    public static List<ColumnDescriptor> columns(final LocalisationTable table) {
        final List<ColumnDescriptor> out = new ArrayList<>();
        for (final Column c : ORDER) {
            if (table.has(c)) {
                out.add(descriptor(c));
            }
        }
        for (final String e : table.extraColumnNames()) {
            out.add(new ColumnDescriptor(e, ColumnDescriptor.Kind.DOUBLE));
        }
        return out;
    }

    /**
     * The columns of the DEPAF Predictor's localisation table, known before it runs.
     *
     * @param zStack whether the model's POI is a z-stack (then {@code z [nm]} and {@code z slice} are present)
     * @return frame, x [nm], y [nm], (z [nm]), amplitude, amplitude raw, (z slice)
     */
    public static List<ColumnDescriptor> predictionColumns(final boolean zStack) {
        return predictionColumns(zStack, false);
    }

    /**
     * The columns of the DEPAF Predictor's localisation table, known before it runs.
     *
     * @param zStack whether the model's POI is a z-stack (then {@code z [nm]} and {@code z slice} are present)
     * @param fitted whether the detections are refined by fitting (a 2-D POI only): then the fit's columns follow
     * @return frame, x [nm], y [nm], (z [nm]), amplitude, amplitude raw, (z slice), then when fitted: intensity
     *         [photon], offset [photon], bkgstd [photon], uncertainty [nm], crlb x [nm], crlb y [nm], llr, fit status
     */
    public static List<ColumnDescriptor> predictionColumns(final boolean zStack, final boolean fitted) {
        final List<ColumnDescriptor> out = new ArrayList<>();
        out.add(descriptor(Column.FRAME));
        out.add(descriptor(Column.X));
        out.add(descriptor(Column.Y));
        if (zStack) {
            out.add(descriptor(Column.Z));
        }
        out.add(descriptor(Column.AMPLITUDE));
        out.add(new ColumnDescriptor(LocalisationConverter.AMPLITUDE_RAW, ColumnDescriptor.Kind.DOUBLE));
        if (zStack) {
            out.add(new ColumnDescriptor(LocalisationConverter.Z_SLICE, ColumnDescriptor.Kind.DOUBLE));
        }
        if (fitted && !zStack) {
            out.add(descriptor(Column.INTENSITY));
            out.add(descriptor(Column.BACKGROUND));
            out.add(new ColumnDescriptor(LocalisationRefiner.BKGSTD, ColumnDescriptor.Kind.DOUBLE));
            out.add(descriptor(Column.UNCERTAINTY));
            out.add(new ColumnDescriptor(LocalisationRefiner.CRLB_X, ColumnDescriptor.Kind.DOUBLE));
            out.add(new ColumnDescriptor(LocalisationRefiner.CRLB_Y, ColumnDescriptor.Kind.DOUBLE));
            out.add(new ColumnDescriptor(LocalisationRefiner.LLR, ColumnDescriptor.Kind.DOUBLE));
            out.add(new ColumnDescriptor(LocalisationRefiner.STATUS, ColumnDescriptor.Kind.DOUBLE));
        }
        return out;
    }

    /**
     * Row {@code i} of a table in the given columns (e.g. those of {@link #columns} or {@link #predictionColumns}).
     * A column the table does not have, NaN and {@link LocalisationTable#MISSING_INT} give {@code null}.
     *
     * @param table the table
     * @param columns the columns wanted
     * @param i the row index
     * @return one value per column: Integer, Double or null
     */
    public static Object[] row(final LocalisationTable table, final List<ColumnDescriptor> columns, final int i) {
        final Object[] out = new Object[columns.size()];
        for (int k = 0; k < out.length; k++) {
            final String name = columns.get(k).name();
            final Column c = standardColumn(name);
            if (c == null) {
                out[k] = boxed(table.extra(name, i));
            } else if (c == Column.FRAME) {
                out[k] = table.frame(i);
            } else if (c == Column.ID || c == Column.CHANNEL) {
                final int v = c == Column.ID ? table.id(i) : table.channel(i);
                out[k] = table.has(c) && v != LocalisationTable.MISSING_INT ? Integer.valueOf(v) : null;
            } else {
                out[k] = boxed(table.get(c, i));
            }
        }
        return out;
    }

    /**
     * Builds a table from named columns and rows, e.g. a KNIME table written by the DEPAF Predictor or read from a
     * CSV file. Column names are matched case-insensitively against the standard names ({@code frame},
     * {@code x [nm]}, ...); every other column becomes an extra column. Values must be numbers or null.
     *
     * @param names the column names, in row order
     * @param rows the rows, one value per name (Number or null)
     * @param pixelSizeNm the camera pixel size in nm, NaN when unknown
     * @return the table
     * @throws IllegalArgumentException if {@code frame}, {@code x [nm]} or {@code y [nm]} is missing, a value is not a
     *             number, a frame is not a whole number ≥ 1 or a position is missing
     */
    public static LocalisationTable fromRows(final List<String> names, final Iterable<Object[]> rows,
        final double pixelSizeNm) {
        final Column[] kinds = new Column[names.size()];
        final Map<Column, Integer> index = new HashMap<>();
        for (int k = 0; k < kinds.length; k++) {
            kinds[k] = standardColumn(names.get(k));
            if (kinds[k] != null && index.putIfAbsent(kinds[k], k) != null) {
                throw new IllegalArgumentException("The table has two columns named '" + names.get(k)
                    + "'; rename one of them");
            }
        }
        requireColumns(names, "A localisation table");
        final LocalisationTable.Builder b = LocalisationTable.builder(pixelSizeNm);
        // Optional columns are set on the first row even when missing there, so that a column present in the rows
        // stays present in the table (NaN / MISSING_INT rows included).
        int r = 0;
        for (final Object[] row : rows) {
            if (row.length != kinds.length) {
                throw new IllegalArgumentException("Row " + (r + 1) + " has " + row.length + " values, expected "
                    + kinds.length + " (one per column)");
            }
            final Number frame = number(row[index.get(Column.FRAME)], "frame", r);
            final Number x = number(row[index.get(Column.X)], "x [nm]", r);
            final Number y = number(row[index.get(Column.Y)], "y [nm]", r);
            if (frame == null || x == null || y == null) {
                throw new IllegalArgumentException("Row " + (r + 1) + " has no value for 'frame', 'x [nm]' or "
                    + "'y [nm]'; every localisation needs a frame and a position");
            }
            final double f = frame.doubleValue();
            if (f != Math.rint(f) || f < 1 || f > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("Row " + (r + 1) + ": 'frame' must be a whole number ≥ 1 (frames "
                    + "are 1-based), got " + frame);
            }
            b.add((int)f, x.doubleValue(), y.doubleValue());
            for (int k = 0; k < kinds.length; k++) {
                final Column c = kinds[k];
                if (c == Column.FRAME || c == Column.X || c == Column.Y) {
                    continue;
                }
                final Number v = number(row[k], names.get(k), r);
                if (c == null) {
                    b.extra(names.get(k), v == null ? Double.NaN : v.doubleValue());
                } else if (c == Column.ID || c == Column.CHANNEL) {
                    final int iv = v == null ? LocalisationTable.MISSING_INT : wholeInt(v, names.get(k), r);
                    if (c == Column.ID) {
                        b.id(iv);
                    } else {
                        b.channel(iv);
                    }
                } else {
                    b.set(c, v == null ? Double.NaN : v.doubleValue());
                }
            }
            r++;
        }
        LocalisationTable t = b.build();
        if (r == 0) {
            t = withEmptyColumns(t, names, kinds);
        }
        return t;
    }

    /**
     * Checks that a table has the columns every localisation table needs (names matched as in {@link #fromRows}).
     *
     * @param names the table's column names
     * @param what how the message calls the table, e.g. "The ground-truth table"
     * @throws IllegalArgumentException naming the missing columns and how to fix it
     */
    public static void requireColumns(final List<String> names, final String what) {
        final List<String> missing = new ArrayList<>();
        for (final Column c : new Column[] {Column.FRAME, Column.X, Column.Y}) {
            if (names.stream().noneMatch(n -> standardColumn(n) == c)) {
                missing.add("'" + LocalisationCsv.headerName(c) + "'");
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(what + " needs the columns 'frame', 'x [nm]' and 'y [nm]' (as the "
                + "DEPAF Predictor writes them); missing: " + String.join(", ", missing) + ". Rename the columns or "
                + "convert positions to nm first.");
        }
    }

    /** An empty table keeps its columns: the builder saw no row that could declare them. */
    private static LocalisationTable withEmptyColumns(final LocalisationTable table, final List<String> names,
        final Column[] kinds) {
        LocalisationTable t = table;
        for (int k = 0; k < kinds.length; k++) {
            final Column c = kinds[k];
            if (c == null) {
                t = t.withExtra(names.get(k), new double[0]);
            } else if (c == Column.ID || c == Column.CHANNEL) {
                t = t.withIntColumn(c, new int[0]);
            } else if (!c.isRequired()) {
                t = t.withColumn(c, new double[0]);
            }
        }
        return t;
    }

    /** @return the pixel size as the text of {@link #PIXEL_SIZE_PROPERTY} ("NaN" when unknown) */
    public static String pixelSizeText(final double pixelSizeNm) {
        return Double.toString(pixelSizeNm);
    }

    /** @return the pixel size from the text of {@link #PIXEL_SIZE_PROPERTY}; NaN for null, unknown or bad text */
    public static double parsePixelSize(final String text) {
        if (text == null) {
            return Double.NaN;
        }
        try {
            final double v = Double.parseDouble(text.trim());
            return v > 0 && Double.isFinite(v) ? v : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static Column standardColumn(final String name) {
        final String n = name.trim().toLowerCase(Locale.ROOT);
        for (final Column c : Column.values()) {
            if (LocalisationCsv.headerName(c).equals(n)) {
                return c;
            }
        }
        return null;
    }

    private static Double boxed(final double v) {
        return Double.isNaN(v) ? null : Double.valueOf(v);
    }

    private static Number number(final Object v, final String column, final int row) {
        if (v == null || v instanceof Number) {
            return (Number)v;
        }
        throw new IllegalArgumentException("Row " + (row + 1) + ", column '" + column + "': expected a number, got '"
            + v + "'");
    }

    private static int wholeInt(final Number v, final String column, final int row) {
        final double d = v.doubleValue();
        if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Row " + (row + 1) + ", column '" + column + "': expected a whole "
                + "number, got " + v);
        }
        return (int)d;
    }
}
