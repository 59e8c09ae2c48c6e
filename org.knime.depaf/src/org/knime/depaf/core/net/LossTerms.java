package org.knime.depaf.core.net;

/**
 * The two terms of the DEPAF loss (depaf-method.md §7.1) over a batch of B patches:
 * {@code fidelity = (1/B)·Σ_b Σ_ij (Dsum − (X − BG))²} and {@code sparsity = λ_t·(1/B)·Σ_b Σ_cij A_c·m_c}.
 *
 * @param fidelity the data term (sum of squared residuals per patch, averaged over patches)
 * @param sparsity the λ-weighted L1 term (already multiplied by λ_t)
 * @param patches number of patches B the terms were averaged over
 */
public record LossTerms(double fidelity, double sparsity, int patches) {

    /** @return fidelity + sparsity, the value that is minimised */
    public double total() {
        return fidelity + sparsity;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "loss %.6g (fidelity %.6g + sparsity %.6g, %d patches)", total(),
            fidelity, sparsity, patches);
    }
}
