package org.knime.depaf.core.eval;

/**
 * Detection and localisation metrics in the EPFL SMLM challenge 2016 definitions (Sage et al., Nat Methods 2019).
 *
 * <p>recall = TP/(TP+FN), precision = TP/(TP+FP), Jaccard = 100·TP/(TP+FP+FN) %, RMSE_lat = √(Σd²/TP) nm,
 * efficiency E_lat = 100 − √((100 − J)² + (1 nm⁻¹ · RMSE_lat)²), E_ax = 100 − √((100 − J)² + (0.5 nm⁻¹ ·
 * RMSE_ax)²). Undefined ratios (0/0) and the RMSEs without pairs are NaN; with no ground truth and no
 * localisations at all every ratio is NaN rather than a vacuous 100.
 *
 * @param tp true positives (matched pairs)
 * @param fp false positives (unmatched localisations)
 * @param fn false negatives (unmatched ground truth)
 * @param recall TP/(TP+FN), in [0, 1]
 * @param precision TP/(TP+FP), in [0, 1]
 * @param jaccardPercent 100·TP/(TP+FP+FN)
 * @param rmseLateralNm lateral RMSE of the pairs, nm
 * @param rmseAxialNm axial RMSE of the pairs, nm (NaN in 2-D)
 * @param efficiencyLateral E_lat, %
 * @param efficiencyAxial E_ax, % (NaN in 2-D)
 */
public record Metrics(int tp, int fp, int fn, double recall, double precision, double jaccardPercent,
    double rmseLateralNm, double rmseAxialNm, double efficiencyLateral, double efficiencyAxial) {

    /** The challenge's weight of the lateral RMSE in the efficiency, per nm. */
    public static final double ALPHA_LATERAL = 1.0;

    /** The challenge's weight of the axial RMSE in the efficiency, per nm. */
    public static final double ALPHA_AXIAL = 0.5;

    /** @return metrics from the counts and RMSEs */
    public static Metrics of(final int tp, final int fp, final int fn, final double rmseLateralNm,
        final double rmseAxialNm) {
        if (tp < 0 || fp < 0 || fn < 0) {
            throw new IllegalArgumentException("TP, FP and FN must be ≥ 0, got " + tp + ", " + fp + ", " + fn);
        }
        final double recall = ratio(tp, tp + fn);
        final double precision = ratio(tp, tp + fp);
        final double j = 100 * ratio(tp, tp + fp + fn);
        return new Metrics(tp, fp, fn, recall, precision, j, rmseLateralNm, rmseAxialNm,
            efficiency(j, rmseLateralNm, ALPHA_LATERAL), efficiency(j, rmseAxialNm, ALPHA_AXIAL));
    }

    /** @return 100 − √((100 − J)² + (α · RMSE)²); NaN when J or the RMSE is NaN (e.g. no pairs) */
    public static double efficiency(final double jaccardPercent, final double rmseNm, final double alphaPerNm) {
        if (Double.isNaN(jaccardPercent) || Double.isNaN(rmseNm)) {
            return Double.NaN;
        }
        final double a = 100 - jaccardPercent;
        final double b = alphaPerNm * rmseNm;
        return 100 - Math.sqrt(a * a + b * b);
    }

    private static double ratio(final int num, final int den) {
        return den == 0 ? Double.NaN : (double)num / den;
    }
}
