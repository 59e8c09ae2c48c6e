package org.knime.depaf.core.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A small table of results printed as aligned plain text or as a Markdown table (benchmarks, the command line).
 *
 * <p>Cells are strings; {@link #number} formats numbers with a fixed number of decimals (NaN as "–"). Numeric
 * looking cells are right-aligned, others left-aligned. Not thread-safe while being filled.
 */
public final class TextTable {

    private final List<String> headers;
    private final List<String[]> rows = new ArrayList<>();

    /** @param headers column headers */
    public TextTable(final String... headers) {
        if (headers.length == 0) {
            throw new IllegalArgumentException("A table needs at least one column");
        }
        this.headers = List.of(headers);
    }

    /** A table with the usual metric columns, filled by {@link #addMetrics(String, Metrics)}. */
    public static TextTable forMetrics() {
        return new TextTable("method", "TP", "FP", "FN", "recall", "precision", "Jaccard %", "RMSE lat nm",
            "RMSE ax nm", "E lat %", "E ax %");
    }

    /** Adds a row of metrics under a name (for tables made by {@link #forMetrics()}). */
    public TextTable addMetrics(final String name, final Metrics m) {
        return add(name, Integer.toString(m.tp()), Integer.toString(m.fp()), Integer.toString(m.fn()),
            number(m.recall(), 3), number(m.precision(), 3), number(m.jaccardPercent(), 1),
            number(m.rmseLateralNm(), 1), number(m.rmseAxialNm(), 1), number(m.efficiencyLateral(), 1),
            number(m.efficiencyAxial(), 1));
    }

    /** Adds a row; it must have one cell per column. */
    public TextTable add(final String... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("Row has " + cells.length + " cells, the table " + headers.size()
                + " columns " + headers);
        }
        rows.add(cells.clone());
        return this;
    }

    /** @return the number formatted with {@code decimals} decimals (Locale.ROOT), "–" for NaN */
    public static String number(final double v, final int decimals) {
        if (Double.isNaN(v)) {
            return "–";
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** @return number of rows */
    public int rowCount() {
        return rows.size();
    }

    /** @return the table as aligned plain text, a rule under the header */
    public String toText() {
        final int[] w = widths();
        final StringBuilder sb = new StringBuilder();
        line(sb, headers.toArray(new String[0]), w, "  ", false);
        final String[] rule = new String[w.length];
        for (int c = 0; c < w.length; c++) {
            rule[c] = "-".repeat(w[c]);
        }
        line(sb, rule, w, "  ", false);
        for (final String[] r : rows) {
            line(sb, r, w, "  ", false);
        }
        return sb.toString();
    }

    /** @return the table in Markdown (GitHub) syntax, numeric columns right-aligned */
    public String toMarkdown() {
        final int[] w = widths();
        final StringBuilder sb = new StringBuilder();
        line(sb, headers.toArray(new String[0]), w, " | ", true);
        final String[] rule = new String[w.length];
        for (int c = 0; c < w.length; c++) {
            rule[c] = numericColumn(c) ? "-".repeat(Math.max(2, w[c] - 1)) + ":" : "-".repeat(Math.max(3, w[c]));
        }
        line(sb, rule, w, " | ", true);
        for (final String[] r : rows) {
            line(sb, r, w, " | ", true);
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return toText();
    }

    private int[] widths() {
        final int[] w = new int[headers.size()];
        for (int c = 0; c < w.length; c++) {
            w[c] = headers.get(c).length();
            for (final String[] r : rows) {
                w[c] = Math.max(w[c], r[c].length());
            }
        }
        return w;
    }

    private boolean numericColumn(final int c) {
        return !rows.isEmpty() && rows.stream().allMatch(r -> isNumeric(r[c]));
    }

    private static boolean isNumeric(final String s) {
        return s.equals("–") || s.matches("[-+]?[0-9.,]+(e[-+]?[0-9]+)?%?");
    }

    private void line(final StringBuilder sb, final String[] cells, final int[] w, final String sep,
        final boolean markdown) {
        final String[] padded = Arrays.copyOf(cells, cells.length);
        for (int c = 0; c < cells.length; c++) {
            final String s = cells[c];
            final String pad = " ".repeat(Math.max(0, w[c] - s.length()));
            padded[c] = numericColumn(c) && isNumeric(s) ? pad + s : s + pad;
        }
        final String body = String.join(sep, padded);
        sb.append(markdown ? "| " + body + " |" : body.stripTrailing()).append('\n');
    }
}
