package org.knime.depaf.node.adapter;

import java.util.ArrayList;
import java.util.List;

import org.knime.depaf.core.eval.MetricsReport;
import org.knime.depaf.core.loc.LocalisationTable;
import org.knime.depaf.core.util.Monitor;

/**
 * The Localisation Evaluator's options and its result table: localisations against ground truth as the EPFL SMLM
 * challenge 2016 counts them ({@link MetricsReport}, the same numbers as {@code depaf evaluate --csv}).
 *
 * @param tolerancesNm lateral tolerances in nm, comma-separated, one result row each (e.g. "250, 100")
 * @param axialToleranceNm axial tolerance in nm (3-D; both tables need z), 0 for none
 * @param borderNm points closer than this to the field's edge are left out (the challenge uses 450 nm), 0 for none
 * @param fieldWidthNm field width in nm (camera pixels × pixel size), needed with a border
 * @param fieldHeightNm field height in nm, needed with a border
 */
public record EvaluatorOptions(String tolerancesNm, double axialToleranceNm, double borderNm, double fieldWidthNm,
    double fieldHeightNm) {

    /** The result table's columns: those of {@link MetricsReport#COLUMNS}; the counts are integers. */
    public static final List<ColumnDescriptor> COLUMNS = columns();

    /** @return the defaults: 250 and 100 nm, no axial condition, no border */
    public static EvaluatorOptions defaults() {
        final StringBuilder t = new StringBuilder();
        for (final double v : MetricsReport.DEFAULT_TOLERANCES_NM) {
            t.append(t.length() == 0 ? "" : ", ").append(Math.round(v));
        }
        return new EvaluatorOptions(t.toString(), 0, 0, 0, 0);
    }

    /**
     * @return the lateral tolerances in nm
     * @throws IllegalArgumentException naming the option and saying what to change
     */
    public double[] tolerances() {
        final String text = tolerancesNm == null ? "" : tolerancesNm.trim();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("Tolerances: enter one or more lateral tolerances in nm, separated by "
                + "commas (e.g. 250, 100)");
        }
        final String[] parts = text.split("[,;\\s]+");
        final double[] out = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Double.parseDouble(parts[i]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Tolerances: '" + parts[i] + "' is not a number of nm; enter "
                    + "numbers separated by commas (e.g. 250, 100)", e);
            }
            if (!(out[i] > 0) || !Double.isFinite(out[i])) {
                throw new IllegalArgumentException("Tolerances must be numbers of nm > 0; got " + parts[i]);
            }
        }
        return out;
    }

    /** @throws IllegalArgumentException naming the option and saying what to change */
    public void validate() {
        tolerances();
        if (!(axialToleranceNm >= 0) || !Double.isFinite(axialToleranceNm)) {
            throw new IllegalArgumentException("Axial tolerance must be a number of nm > 0, or 0 for no axial "
                + "condition; it is " + axialToleranceNm);
        }
        if (!(borderNm >= 0) || !Double.isFinite(borderNm)) {
            throw new IllegalArgumentException("Border must be a number of nm ≥ 0; it is " + borderNm);
        }
        if (!(fieldWidthNm >= 0) || !(fieldHeightNm >= 0) || !Double.isFinite(fieldWidthNm)
            || !Double.isFinite(fieldHeightNm)) {
            throw new IllegalArgumentException("Field width and height must be numbers of nm ≥ 0; they are "
                + fieldWidthNm + " and " + fieldHeightNm);
        }
        if (borderNm > 0 && !(fieldWidthNm > 2 * borderNm && fieldHeightNm > 2 * borderNm)) {
            throw new IllegalArgumentException("A border of " + borderNm + " nm needs the field's width and height in "
                + "nm (camera pixels × pixel size), each more than twice the border; they are " + fieldWidthNm
                + " and " + fieldHeightNm);
        }
    }

    /**
     * @param localisations the localisations to judge
     * @param groundTruth the true positions
     * @return one row per tolerance, in the order of {@link #COLUMNS}
     * @throws IllegalArgumentException as {@link #validate()}
     */
    public List<Object[]> evaluate(final LocalisationTable localisations, final LocalisationTable groundTruth) {
        return evaluate(localisations, groundTruth, Monitor.NONE);
    }

    /**
     * @param localisations the localisations to judge
     * @param groundTruth the true positions
     * @param monitor progress and cancellation
     * @return one row per tolerance, in the order of {@link #COLUMNS}
     * @throws IllegalArgumentException as {@link #validate()}
     */
    public List<Object[]> evaluate(final LocalisationTable localisations, final LocalisationTable groundTruth,
        final Monitor monitor) {
        validate();
        final MetricsReport report = MetricsReport.evaluate(groundTruth, localisations, tolerances(),
            axialToleranceNm > 0 ? axialToleranceNm : Double.NaN, borderNm,
            borderNm > 0 ? new double[] {fieldWidthNm, fieldHeightNm} : null, monitor);
        final List<Object[]> rows = new ArrayList<>();
        for (final double[] v : report.values()) {
            final Object[] row = new Object[v.length];
            for (int i = 0; i < v.length; i++) {
                if (COLUMNS.get(i).kind() == ColumnDescriptor.Kind.INT) {
                    row[i] = Integer.valueOf((int)v[i]);
                } else {
                    row[i] = Double.isNaN(v[i]) ? null : Double.valueOf(v[i]);
                }
            }
            rows.add(row);
        }
        return rows;
    }

    private static List<ColumnDescriptor> columns() {
        final List<ColumnDescriptor> out = new ArrayList<>();
        for (final String name : MetricsReport.COLUMNS) {
            out.add(new ColumnDescriptor(name, MetricsReport.COUNTS.contains(name) ? ColumnDescriptor.Kind.INT
                : ColumnDescriptor.Kind.DOUBLE));
        }
        return out;
    }
}
