package org.knime.depaf.core.train;

/**
 * The state of a training run after one iteration, for progress displays and the training-history table.
 *
 * @param iteration the global iteration count t (1-based)
 * @param epoch the epoch (1-based)
 * @param loss the training loss of this iteration's mini-batch (with dropout)
 * @param fidelity its data term Σ(Dsum − (X − BG))²/B
 * @param sparsity its sparsity term λ_t·ΣA/B
 * @param validationLoss the validation loss if this iteration validated, else NaN
 * @param lambda λ_t
 * @param learningRate the learning rate of this step
 * @param curriculumLevel the POI compression level (equal to the maximum for a single-channel POI)
 * @param seconds wall time since training started
 */
public record TrainingProgress(long iteration, int epoch, double loss, double fidelity, double sparsity,
    double validationLoss, double lambda, double learningRate, int curriculumLevel, double seconds) {

    /** @return whether this iteration computed a validation loss */
    public boolean validated() {
        return !Double.isNaN(validationLoss);
    }
}
