package org.knime.depaf.core.preprocess;

/**
 * DEPAF's intensity normalisation (method spec §3.2): {@code normMin}, the minimum over the raw training frames,
 * and {@code normMax}, the 99.9th percentile of the upsampled, min-subtracted, clamped training frames. Stored in
 * the model; prediction applies the same constants. Immutable value type.
 */
public final class NormalizationConstants {

    /** The percentile DEPAF uses for normMax. */
    public static final double NORM_MAX_PERCENTILE = 99.9;

    private final double normMin;
    private final double normMax;

    /**
     * @param normMin raw intensity subtracted first (finite)
     * @param normMax divisor after subtraction and resampling (finite, &gt; 0)
     * @throws IllegalArgumentException naming normMin or normMax
     */
    public NormalizationConstants(final double normMin, final double normMax) {
        if (!Double.isFinite(normMin)) {
            throw new IllegalArgumentException("normMin must be a finite number, got " + normMin);
        }
        if (!(normMax > 0) || Double.isInfinite(normMax)) {
            throw new IllegalArgumentException("normMax must be a positive finite number, got " + normMax
                + "; the training frames may be constant (nothing above their minimum)");
        }
        this.normMin = normMin;
        this.normMax = normMax;
    }

    public double normMin() {
        return normMin;
    }

    public double normMax() {
        return normMax;
    }

    @Override
    public String toString() {
        return "normMin " + normMin + ", normMax " + normMax;
    }
}
