package org.knime.depaf.core.loc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.knime.depaf.core.loc.LocalisationTable.Column;
import org.knime.depaf.core.util.AtomicFiles;

/**
 * Localisation tables as CSV files in the SMLM convention of ThunderSTORM: a header of quoted names with units,
 * one localisation per line, positions in nm, frames 1-based.
 *
 * <p><b>Writing</b> ({@link #write}) emits only the columns the table has, in the order
 * {@code "id","frame","x [nm]","y [nm]","z [nm]","sigma [nm]","intensity [photon]","offset [photon]",
 * "uncertainty [nm]","amplitude","channel"}, then the extra columns under their own names. {@code offset [photon]}
 * is ThunderSTORM's name for the background per pixel; {@code amplitude} is DEPAF's normalised peak height (not
 * photons, so it is not called intensity). Doubles are written with {@link Double#toString(double)}, which
 * {@link Double#parseDouble} reads back to the identical value, so a write → read round trip is exact. Missing
 * values are written as {@code NaN} (doubles) and {@code -1} (ints). The file is replaced atomically.
 *
 * <p><b>Reading</b> ({@link #read}) accepts quoted or unquoted headers, case-insensitively, with a comma, tab or
 * semicolon as separator (taken from the header line); blank lines and lines starting with {@code #} are
 * skipped. Recognised names: ThunderSTORM's ({@code x [nm]}, {@code uncertainty [nm]} or
 * {@code uncertainty_xy [nm]}, {@code offset [photon]}, {@code sigma [nm]}, ...), the EPFL 2016 challenge's
 * ({@code Ground-truth} = id, {@code xnano}, {@code ynano}, {@code znano}, {@code intensity} = photons), and plain
 * {@code x}, {@code y}, {@code z} (taken as nm) or µm units ({@code x [µm]}, {@code x [um]}). <b>Unknown columns
 * are kept</b> as extra double columns under their header name (empty cells read as NaN) and written back.
 * Frames may be written as whole doubles ("1.0"). Errors are {@link IOException}s naming the file, the line and
 * the column.
 *
 * <p>Stateless and thread-safe.
 */
public final class LocalisationCsv {

    /** Header names written for the standard columns, in file order. */
    private static final Column[] ORDER = {Column.ID, Column.FRAME, Column.X, Column.Y, Column.Z, Column.SIGMA,
        Column.INTENSITY, Column.BACKGROUND, Column.UNCERTAINTY, Column.AMPLITUDE, Column.CHANNEL};

    private static final Map<String, Column> ALIASES = new HashMap<>();

    /** Columns given in µm, multiplied by 1000 on reading. */
    private static final Map<String, Column> MICROMETRE = new HashMap<>();

    static {
        alias(Column.ID, "id", "ground-truth", "ground truth", "groundtruth");
        alias(Column.FRAME, "frame", "frames", "frame number");
        alias(Column.X, "x [nm]", "xnano", "x_nm", "x (nm)", "x");
        alias(Column.Y, "y [nm]", "ynano", "y_nm", "y (nm)", "y");
        alias(Column.Z, "z [nm]", "znano", "z_nm", "z (nm)", "z");
        alias(Column.SIGMA, "sigma [nm]", "sigma_nm", "sigma");
        alias(Column.INTENSITY, "intensity [photon]", "intensity [photons]", "intensity", "photons", "photon");
        alias(Column.BACKGROUND, "offset [photon]", "background [photon]", "background", "bg", "bkg [photon]");
        alias(Column.UNCERTAINTY, "uncertainty [nm]", "uncertainty_xy [nm]", "uncertainty", "precision [nm]");
        alias(Column.AMPLITUDE, "amplitude", "amplitude [a.u.]");
        alias(Column.CHANNEL, "channel");
        for (final Column c : new Column[] {Column.X, Column.Y, Column.Z}) {
            final String n = c.name().toLowerCase(Locale.ROOT);
            MICROMETRE.put(n + " [µm]", c);
            MICROMETRE.put(n + " [um]", c);
            MICROMETRE.put(n + " [μm]", c);
        }
    }

    private static void alias(final Column c, final String... names) {
        for (final String n : names) {
            ALIASES.put(n, c);
        }
    }

    private LocalisationCsv() {
    }

    /** @return the header name written for a standard column, e.g. {@code x [nm]} */
    public static String headerName(final Column c) {
        switch (c) {
            case ID:
                return "id";
            case FRAME:
                return "frame";
            case X:
                return "x [nm]";
            case Y:
                return "y [nm]";
            case Z:
                return "z [nm]";
            case SIGMA:
                return "sigma [nm]";
            case INTENSITY:
                return "intensity [photon]";
            case BACKGROUND:
                return "offset [photon]";
            case UNCERTAINTY:
                return "uncertainty [nm]";
            case AMPLITUDE:
                return "amplitude";
            case CHANNEL:
                return "channel";
            default:
                throw new IllegalArgumentException("No header for column " + c);
        }
    }

    // ------------------------------------------------------------------ writing

    /**
     * Writes a table atomically (the target is replaced only when the whole file is written).
     *
     * @throws IOException naming the file if it cannot be written
     */
    public static void write(final Path file, final LocalisationTable table) throws IOException {
        AtomicFiles.write(file, out -> {
            final Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            write(w, table);
            w.flush();
        });
    }

    /** Writes a table as CSV text to a writer (not closed). */
    public static void write(final Writer w, final LocalisationTable table) throws IOException {
        final List<Column> cols = new ArrayList<>();
        for (final Column c : ORDER) {
            if (table.has(c)) {
                cols.add(c);
            }
        }
        final List<String> extras = table.extraColumnNames();
        final StringBuilder sb = new StringBuilder(256);
        for (final Column c : cols) {
            sb.append(sb.length() == 0 ? "" : ",").append('"').append(headerName(c)).append('"');
        }
        for (final String e : extras) {
            sb.append(",\"").append(e.replace("\"", "\"\"")).append('"');
        }
        w.write(sb.append('\n').toString());
        final double[][] extraCols = new double[extras.size()][];
        for (int k = 0; k < extraCols.length; k++) {
            extraCols[k] = table.extraColumn(extras.get(k));
        }
        for (int i = 0; i < table.size(); i++) {
            sb.setLength(0);
            for (int k = 0; k < cols.size(); k++) {
                if (k > 0) {
                    sb.append(',');
                }
                final Column c = cols.get(k);
                switch (c) {
                    case FRAME:
                        sb.append(table.frame(i));
                        break;
                    case ID:
                        sb.append(table.id(i));
                        break;
                    case CHANNEL:
                        sb.append(table.channel(i));
                        break;
                    default:
                        sb.append(table.get(c, i));
                }
            }
            for (final double[] e : extraCols) {
                sb.append(',').append(e[i]);
            }
            w.write(sb.append('\n').toString());
        }
    }

    // ------------------------------------------------------------------ reading

    /**
     * Reads a CSV file.
     *
     * @param file the file
     * @param pixelSizeNm the camera pixel size to record in the table (nm), NaN when unknown; CSV files do not
     *            store it
     * @throws IOException naming the file, line and column on unreadable content, or if the file has no frame,
     *             x or y column
     */
    public static LocalisationTable read(final Path file, final double pixelSizeNm) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(r, file.toString(), pixelSizeNm);
        }
    }

    /**
     * Reads CSV text from a reader (not closed).
     *
     * @param source the name used in error messages (a file path)
     */
    public static LocalisationTable read(final BufferedReader r, final String source, final double pixelSizeNm)
        throws IOException {
        String header = null;
        int lineNo = 0;
        String line;
        while ((line = r.readLine()) != null) {
            lineNo++;
            if (lineNo == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
                line = line.substring(1);
            }
            if (!line.isBlank() && !line.startsWith("#")) {
                header = line;
                break;
            }
        }
        if (header == null) {
            throw new IOException(source + ": the file is empty; expected a header line such as "
                + "\"frame\",\"x [nm]\",\"y [nm]\"");
        }
        final char sep = header.indexOf(',') >= 0 ? ',' : header.indexOf('\t') >= 0 ? '\t'
            : header.indexOf(';') >= 0 ? ';' : ',';
        final List<String> names = split(header, sep);
        final int n = names.size();
        final Column[] kinds = new Column[n];
        final double[] factor = new double[n];
        final Map<Column, Integer> seen = new HashMap<>();
        final Map<String, Integer> extraSeen = new HashMap<>();
        for (int k = 0; k < n; k++) {
            final String name = names.get(k);
            final String key = name.toLowerCase(Locale.ROOT);
            Column c = ALIASES.get(key);
            factor[k] = 1;
            if (c == null && MICROMETRE.containsKey(key)) {
                c = MICROMETRE.get(key);
                factor[k] = 1000;
            }
            if (c != null) {
                final Integer before = seen.put(c, k);
                if (before != null) {
                    throw new IOException(source + ", line " + lineNo + ": columns '" + names.get(before) + "' and '"
                        + name + "' both give " + c.name().toLowerCase(Locale.ROOT) + "; keep one of them");
                }
            } else if (name.isEmpty()) {
                throw new IOException(source + ", line " + lineNo + ": column " + (k + 1) + " has no name");
            } else if (extraSeen.put(name, k) != null) {
                throw new IOException(source + ", line " + lineNo + ": column '" + name + "' appears twice");
            }
            kinds[k] = c;
        }
        for (final Column required : new Column[] {Column.FRAME, Column.X, Column.Y}) {
            if (!seen.containsKey(required)) {
                throw new IOException(source + ": no " + required.name().toLowerCase(Locale.ROOT) + " column in the "
                    + "header " + names + "; expected one of " + aliasesOf(required));
            }
        }
        final LocalisationTable.Builder b = LocalisationTable.builder(pixelSizeNm);
        final double[] values = new double[n];
        final int fCol = seen.get(Column.FRAME);
        final int xCol = seen.get(Column.X);
        final int yCol = seen.get(Column.Y);
        while ((line = r.readLine()) != null) {
            lineNo++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            final List<String> cells = split(line, sep);
            if (cells.size() != n) {
                throw new IOException(source + ", line " + lineNo + ": expected " + n + " values as in the header, "
                    + "found " + cells.size());
            }
            for (int k = 0; k < n; k++) {
                values[k] = parse(cells.get(k), source, lineNo, names.get(k)) * factor[k];
            }
            final double f = values[fCol];
            if (!(f >= 1) || f != Math.rint(f) || f > Integer.MAX_VALUE) {
                throw new IOException(source + ", line " + lineNo + ", column '" + names.get(fCol) + "': the frame "
                    + "must be a whole number ≥ 1 (frames are 1-based), got '" + cells.get(fCol) + "'");
            }
            for (final int k : new int[] {xCol, yCol}) {
                if (!Double.isFinite(values[k])) {
                    throw new IOException(source + ", line " + lineNo + ", column '" + names.get(k) + "': a position "
                        + "must be a finite number, got '" + cells.get(k) + "'");
                }
            }
            b.add((int)f, values[xCol], values[yCol]);
            for (int k = 0; k < n; k++) {
                final Column c = kinds[k];
                if (c == null) {
                    b.extra(names.get(k), values[k]);
                } else if (c == Column.ID || c == Column.CHANNEL) {
                    final double v = values[k];
                    if (!Double.isNaN(v) && (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE)) {
                        throw new IOException(source + ", line " + lineNo + ", column '" + names.get(k) + "': "
                            + "expected a whole number, got '" + cells.get(k) + "'");
                    }
                    final int iv = Double.isNaN(v) ? LocalisationTable.MISSING_INT : (int)v;
                    if (c == Column.ID) {
                        b.id(iv);
                    } else {
                        b.channel(iv);
                    }
                } else if (!c.isRequired()) {
                    b.set(c, values[k]);
                }
            }
        }
        return b.build();
    }

    private static List<String> aliasesOf(final Column c) {
        final List<String> out = new ArrayList<>();
        for (final Map.Entry<String, Column> e : ALIASES.entrySet()) {
            if (e.getValue() == c) {
                out.add("'" + e.getKey() + "'");
            }
        }
        out.sort(null);
        return out;
    }

    private static double parse(final String cell, final String source, final int line, final String column)
        throws IOException {
        final String s = cell.trim();
        if (s.isEmpty()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(s);
        } catch (final NumberFormatException e) {
            if (s.equalsIgnoreCase("nan") || s.equalsIgnoreCase("na")) {
                return Double.NaN;
            }
            if (s.equalsIgnoreCase("inf") || s.equalsIgnoreCase("-inf")) {
                return s.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            }
            throw new IOException(source + ", line " + line + ", column '" + column + "': cannot read '" + s
                + "' as a number", e);
        }
    }

    /** Splits one line at the separator; double quotes group (with "" for a quote), surrounding spaces trimmed. */
    static List<String> split(final String line, final char sep) {
        final List<String> out = new ArrayList<>();
        final StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            final char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cur.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cur.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == sep) {
                out.add(cur.toString().trim());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        out.add(cur.toString().trim());
        return out;
    }
}
