package org.knime.depaf.core.eval;

import java.util.Arrays;

/**
 * The pairs a matcher found between ground truth and localisations, pooled over all frames, with the counts
 * of the points that took part (after border exclusion).
 *
 * <p>Row indices refer to the tables given to the matcher. Immutable.
 */
public final class MatchResult {

    private final int[] gtRows;
    private final int[] locRows;
    private final double[] lateralNm;
    private final double[] axialNm;
    private final int gtCount;
    private final int locCount;

    MatchResult(final int[] gtRows, final int[] locRows, final double[] lateralNm, final double[] axialNm,
        final int gtCount, final int locCount) {
        this.gtRows = gtRows;
        this.locRows = locRows;
        this.lateralNm = lateralNm;
        this.axialNm = axialNm;
        this.gtCount = gtCount;
        this.locCount = locCount;
    }

    /** @return number of matched pairs (true positives) */
    public int pairs() {
        return gtRows.length;
    }

    /** @return ground-truth row of pair k */
    public int gtRow(final int k) {
        return gtRows[k];
    }

    /** @return localisation row of pair k */
    public int locRow(final int k) {
        return locRows[k];
    }

    /** @return lateral distance of pair k in nm */
    public double lateralNm(final int k) {
        return lateralNm[k];
    }

    /** @return signed axial difference (localisation − ground truth) of pair k in nm, NaN in 2-D */
    public double axialNm(final int k) {
        return axialNm[k];
    }

    /** @return ground-truth points evaluated (inside the border) */
    public int gtCount() {
        return gtCount;
    }

    /** @return localisations evaluated (inside the border) */
    public int locCount() {
        return locCount;
    }

    /**
     * @return the pooled challenge metrics: TP = pairs, FP = localisations − TP, FN = ground truth − TP, RMSEs over
     *         all pairs
     */
    public Metrics metrics() {
        double sl = 0;
        double sa = 0;
        for (int k = 0; k < pairs(); k++) {
            sl += lateralNm[k] * lateralNm[k];
            sa += axialNm[k] * axialNm[k];
        }
        final int tp = pairs();
        return Metrics.of(tp, locCount - tp, gtCount - tp, tp == 0 ? Double.NaN : Math.sqrt(sl / tp),
            tp == 0 ? Double.NaN : Math.sqrt(sa / tp));
    }

    @Override
    public String toString() {
        return "MatchResult[" + pairs() + " pairs of " + gtCount + " ground truth and " + locCount
            + " localisations, first pairs " + Arrays.toString(Arrays.copyOf(gtRows, Math.min(3, gtRows.length)))
            + "]";
    }
}
