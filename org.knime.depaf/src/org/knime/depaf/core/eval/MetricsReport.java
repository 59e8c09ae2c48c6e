package org.knime.depaf.core.eval;

import java.util.ArrayList;
import java.util.List;

import org.knime.depaf.core.loc.LocalisationTable;
import org.knime.depaf.core.util.Monitor;

/**
 * The metrics of localisations against ground truth at several lateral tolerances (EPFL challenge protocol,
 * {@link EpflMatcher}), as an aligned text table and as a table of numbers. {@code depaf evaluate}, {@code depaf
 * demo} and the Localisation Evaluator node all report through this class, so they give the same numbers.
 */
public final class MetricsReport {

    /** The tolerances the command line uses unless told otherwise: the challenge's 250 nm and a strict 100 nm. */
    public static final double[] DEFAULT_TOLERANCES_NM = {250, 100};

    /** The columns of {@link #COLUMNS} that hold counts (whole numbers); the others are measurements. */
    public static final List<String> COUNTS = List.of("TP", "FP", "FN");

    /** Names of {@link #values()}' columns, units in brackets. */
    public static final List<String> COLUMNS = List.of("tolerance [nm]", "axial tolerance [nm]", "border [nm]", "TP",
        "FP", "FN", "recall", "precision", "Jaccard [%]", "RMSE lateral [nm]", "RMSE axial [nm]",
        "efficiency lateral [%]", "efficiency axial [%]");

    /** One tolerance and its metrics. */
    public record Row(double toleranceNm, Metrics metrics) {
    }

    private final List<Row> rows;
    private final boolean axial;
    private final double axialToleranceNm;
    private final double borderNm;

    private MetricsReport(final List<Row> rows, final boolean axial, final double axialToleranceNm,
        final double borderNm) {
        this.rows = rows;
        this.axial = axial;
        this.axialToleranceNm = axialToleranceNm;
        this.borderNm = borderNm;
    }

    /**
     * @param gt ground truth
     * @param loc localisations
     * @param tolerancesNm lateral tolerances, nm
     * @param axialToleranceNm axial tolerance in nm, NaN for none
     * @param borderNm border left out, nm (0: none)
     * @param field field width and height in nm (needed with a border), or null
     */
    public static MetricsReport evaluate(final LocalisationTable gt, final LocalisationTable loc,
        final double[] tolerancesNm, final double axialToleranceNm, final double borderNm, final double[] field) {
        return evaluate(gt, loc, tolerancesNm, axialToleranceNm, borderNm, field, Monitor.NONE);
    }

    /**
     * As {@link #evaluate(LocalisationTable, LocalisationTable, double[], double, double, double[])}, cancellable.
     *
     * @param monitor cancellation, checked once per frame of each matching
     */
    public static MetricsReport evaluate(final LocalisationTable gt, final LocalisationTable loc,
        final double[] tolerancesNm, final double axialToleranceNm, final double borderNm, final double[] field,
        final Monitor monitor) {
        final List<Row> rows = new ArrayList<>();
        for (final double t : tolerancesNm) {
            EpflMatcher m = EpflMatcher.lateral(t).withAxialTolerance(axialToleranceNm);
            if (borderNm > 0) {
                m = m.withBorder(borderNm, field[0], field[1]);
            }
            rows.add(new Row(t, m.match(gt, loc, monitor).metrics()));
        }
        final boolean axial = gt.has(LocalisationTable.Column.Z) && loc.has(LocalisationTable.Column.Z);
        return new MetricsReport(rows, axial, axialToleranceNm, borderNm);
    }

    /** @return the rows, one per tolerance */
    public List<Row> rows() {
        return rows;
    }

    /** @return an aligned text table (axial columns only when both tables have z) */
    public String toText() {
        final List<String> header = new ArrayList<>(List.of("tolerance nm", "TP", "FP", "FN", "recall",
            "precision", "Jaccard %", "RMSE lat nm", "E lat %"));
        if (axial) {
            header.addAll(List.of("RMSE ax nm", "E ax %"));
        }
        final TextTable t = new TextTable(header.toArray(new String[0]));
        for (final Row r : rows) {
            final Metrics m = r.metrics();
            final List<String> cells = new ArrayList<>(List.of(TextTable.number(r.toleranceNm(), 0),
                Integer.toString(m.tp()), Integer.toString(m.fp()), Integer.toString(m.fn()),
                TextTable.number(m.recall(), 3), TextTable.number(m.precision(), 3),
                TextTable.number(m.jaccardPercent(), 1), TextTable.number(m.rmseLateralNm(), 1),
                TextTable.number(m.efficiencyLateral(), 1)));
            if (axial) {
                cells.add(TextTable.number(m.rmseAxialNm(), 1));
                cells.add(TextTable.number(m.efficiencyAxial(), 1));
            }
            t.add(cells.toArray(new String[0]));
        }
        return t.toText();
    }

    /** @return every metric at full precision, one row per tolerance, in the order of {@link #COLUMNS} */
    public List<double[]> values() {
        final List<double[]> out = new ArrayList<>();
        for (final Row r : rows) {
            final Metrics m = r.metrics();
            out.add(new double[] {r.toleranceNm(), axialToleranceNm, borderNm, m.tp(), m.fp(), m.fn(), m.recall(),
                m.precision(), m.jaccardPercent(), m.rmseLateralNm(), m.rmseAxialNm(), m.efficiencyLateral(),
                m.efficiencyAxial()});
        }
        return out;
    }
}
