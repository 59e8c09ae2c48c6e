package org.knime.depaf.node.adapter;

import java.util.ArrayList;
import java.util.List;

import org.knime.depaf.core.detect.ThresholdSearchResult;

/**
 * The threshold objective as a table: one row per evaluated threshold, the coarse grid first, then the last fine
 * window, with a flag on the chosen threshold. Stateless.
 */
public final class ThresholdCurveRows {

    /** The columns, in row order. */
    public static final List<ColumnDescriptor> COLUMNS = List.of(
        new ColumnDescriptor("stage", ColumnDescriptor.Kind.STRING),
        new ColumnDescriptor("threshold", ColumnDescriptor.Kind.DOUBLE),
        new ColumnDescriptor("objective", ColumnDescriptor.Kind.DOUBLE),
        new ColumnDescriptor("chosen", ColumnDescriptor.Kind.INT));

    private ThresholdCurveRows() {
    }

    /** @return the rows: stage ("coarse" or "fine"), threshold, objective J(τ), 1 for the chosen threshold else 0 */
    public static List<Object[]> rows(final ThresholdSearchResult r) {
        final List<Object[]> out = new ArrayList<>();
        add(out, "coarse", r.coarseThresholds(), r.coarseLosses(), r.threshold());
        add(out, "fine", r.fineThresholds(), r.fineLosses(), r.threshold());
        return out;
    }

    private static void add(final List<Object[]> out, final String stage, final double[] t, final double[] j,
        final double chosen) {
        for (int i = 0; i < t.length; i++) {
            out.add(new Object[] {stage, t[i], j[i], t[i] == chosen ? 1 : 0});
        }
    }
}
