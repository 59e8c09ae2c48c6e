package org.knime.depaf.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.knime.depaf.core.eval.MetricsReport;

/**
 * Small side tables of the command line (training history, threshold curve, metrics) as CSV: a header of quoted
 * names, numbers written exactly ({@link Double#toString}), comma-separated; written atomically, or to standard
 * output for {@code -}.
 */
final class CsvOutput {

    private CsvOutput() {
    }

    /**
     * @param session the run's session (standard output for {@code -})
     * @param file the CSV file (replaced atomically), or {@code -} for standard output
     * @param header column names
     * @param rows one array of cells per row, as text
     * @throws IOException naming the file if it cannot be written
     */
    static void write(final Session session, final Path file, final List<String> header, final List<String[]> rows)
        throws IOException {
        CliFiles.writeText(session, file, w -> {
            w.write(line(header.toArray(new String[0]), true));
            for (final String[] r : rows) {
                w.write(line(r, false));
            }
        });
    }

    /**
     * Writes a metrics report, every metric at full precision, one row per tolerance.
     *
     * @throws IOException naming the file if it cannot be written
     */
    static void writeMetrics(final Session session, final Path file, final MetricsReport report) throws IOException {
        final List<String[]> rows = new ArrayList<>();
        for (final double[] v : report.values()) {
            final String[] cells = new String[v.length];
            for (int i = 0; i < v.length; i++) {
                cells[i] = number(v[i]);
            }
            rows.add(cells);
        }
        write(session, file, MetricsReport.COLUMNS, rows);
    }

    /** @return a number as exact text ("NaN" for NaN; whole numbers without ".0") */
    static String number(final double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long)v);
        }
        return Double.toString(v);
    }

    private static String line(final String[] cells, final boolean quoted) {
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(quoted ? "\"" + cells[i].replace("\"", "\"\"") + "\"" : cells[i]);
        }
        return sb.append('\n').toString();
    }
}
