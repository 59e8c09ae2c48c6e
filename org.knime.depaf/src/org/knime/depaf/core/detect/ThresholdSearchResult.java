package org.knime.depaf.core.detect;

import java.util.List;

/**
 * The outcome of a {@link ThresholdSearch}: the optimal threshold, the loss curves and warnings.
 *
 * <p>Thresholds and the search range are in normalised amplitude units (the scale of {@code A2}); losses
 * are the objective {@code J(τ)} = mean over patches of {@code Σ_pixels |ISyn_τ − Dsum|}. The fine curve is
 * the last fine-grid window (the reference's {@code BOThreshList}, {@code BOLoss}).
 *
 * <p>Immutable; array accessors return copies.
 */
public final class ThresholdSearchResult {

    private final double threshold;
    private final double rangeLow;
    private final double rangeHigh;
    private final double fineStep;
    private final double[] coarseThresholds;
    private final double[] coarseLosses;
    private final double[] fineThresholds;
    private final double[] fineLosses;
    private final int fineAttempts;
    private final boolean atRangeEdge;
    private final boolean fineWindowConverged;
    private final List<String> warnings;

    ThresholdSearchResult(final double threshold, final double rangeLow, final double rangeHigh,
        final double fineStep, final double[] coarseThresholds, final double[] coarseLosses,
        final double[] fineThresholds, final double[] fineLosses, final int fineAttempts, final boolean atRangeEdge,
        final boolean fineWindowConverged, final List<String> warnings) {
        this.threshold = threshold;
        this.rangeLow = rangeLow;
        this.rangeHigh = rangeHigh;
        this.fineStep = fineStep;
        this.coarseThresholds = coarseThresholds;
        this.coarseLosses = coarseLosses;
        this.fineThresholds = fineThresholds;
        this.fineLosses = fineLosses;
        this.fineAttempts = fineAttempts;
        this.atRangeEdge = atRangeEdge;
        this.fineWindowConverged = fineWindowConverged;
        this.warnings = List.copyOf(warnings);
    }

    /** @return the optimal threshold τ* ("optimalThresh") */
    public double threshold() {
        return threshold;
    }

    /** @return lower end of the search range: the 0.01th percentile of A2 over all patches */
    public double rangeLow() {
        return rangeLow;
    }

    /** @return upper end of the search range: the 99.99th percentile of A2 over all patches */
    public double rangeHigh() {
        return rangeHigh;
    }

    /** @return the fine grid step Δ = (high − low)/3000 */
    public double fineStep() {
        return fineStep;
    }

    /** @return thresholds of the coarse grid, increasing */
    public double[] coarseThresholds() {
        return coarseThresholds.clone();
    }

    /** @return J at the coarse thresholds */
    public double[] coarseLosses() {
        return coarseLosses.clone();
    }

    /** @return thresholds of the last fine window, increasing */
    public double[] fineThresholds() {
        return fineThresholds.clone();
    }

    /** @return J at the fine thresholds */
    public double[] fineLosses() {
        return fineLosses.clone();
    }

    /** @return number of fine windows evaluated (1 to 5) */
    public int fineAttempts() {
        return fineAttempts;
    }

    /** @return whether τ* lies at an end of the search range (within half a fine step) */
    public boolean atRangeEdge() {
        return atRangeEdge;
    }

    /**
     * @return false when the last fine window still had its minimum on an inner edge after the maximum
     *         number of re-centrings (the true minimum may lie outside it)
     */
    public boolean fineWindowConverged() {
        return fineWindowConverged;
    }

    /** @return messages for the user about a questionable result (empty when all is well) */
    public List<String> warnings() {
        return warnings;
    }

    /**
     * @param warning one more message for the user, or null for none
     * @return this result with the message added (this instance when it is null)
     */
    public ThresholdSearchResult withWarning(final String warning) {
        if (warning == null) {
            return this;
        }
        final List<String> more = new java.util.ArrayList<>(warnings);
        more.add(warning);
        return new ThresholdSearchResult(threshold, rangeLow, rangeHigh, fineStep, coarseThresholds, coarseLosses,
            fineThresholds, fineLosses, fineAttempts, atRangeEdge, fineWindowConverged, more);
    }

    @Override
    public String toString() {
        return "threshold " + threshold + " in [" + rangeLow + ", " + rangeHigh + "]"
            + (warnings.isEmpty() ? "" : " " + warnings);
    }
}
