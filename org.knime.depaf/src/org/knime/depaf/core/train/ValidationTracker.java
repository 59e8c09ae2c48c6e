package org.knime.depaf.core.train;

/**
 * The decisions taken at each validation of the training loop (depaf-method.md §9): remember the best model,
 * count patience, and when patience runs out first decompress the curriculum, then halve the learning rate down
 * to its floor, and finally stop.
 *
 * <p>Not thread-safe; one per training run.
 */
public final class ValidationTracker {

    /** What the trainer must do after a validation, besides keeping a snapshot when the loss improved. */
    public enum Action {
        /** Nothing more. */
        CONTINUE,
        /** Patience ran out while channels are still compressed: decompress the curriculum. */
        DECOMPRESS,
        /** Patience ran out: the learning rate was halved (see {@link ValidationTracker#learningRate()}). */
        HALVE_LEARNING_RATE,
        /** Patience ran out at the minimum learning rate: stop and return the best snapshot. */
        STOP
    }

    /**
     * The decision after one validation.
     *
     * @param improved the loss is the best since the last reset: snapshot the network (before acting)
     * @param action what to do next
     */
    public record Outcome(boolean improved, Action action) {
    }

    private final int maxPatience;
    private final double minLearningRate;
    private double learningRate;
    private double best = Double.POSITIVE_INFINITY;
    private int patience;

    /**
     * @param maxPatience validations without improvement before acting, ≥ 1
     * @param learningRate initial learning rate, > 0
     * @param minLearningRate floor of the halvings, > 0 and ≤ learningRate
     */
    public ValidationTracker(final int maxPatience, final double learningRate, final double minLearningRate) {
        if (maxPatience < 1) {
            throw new IllegalArgumentException("patience (maxPatience) must be ≥ 1 validation, got " + maxPatience);
        }
        if (!(learningRate > 0) || !(minLearningRate > 0) || minLearningRate > learningRate) {
            throw new IllegalArgumentException("learning rates must satisfy 0 < minimum learning rate ≤ learning rate, "
                + "got " + minLearningRate + " and " + learningRate);
        }
        this.maxPatience = maxPatience;
        this.learningRate = learningRate;
        this.minLearningRate = minLearningRate;
    }

    /** Forgets the best validation loss (at λ milestones and after a decompression). */
    public void resetBest() {
        best = Double.POSITIVE_INFINITY;
    }

    /**
     * Takes one validation loss and decides, exactly as the reference's loop.
     *
     * @param validationLoss the loss on the validation patches (NaN counts as no improvement)
     * @param channelsCompressed whether the curriculum can still decompress
     * @return whether to snapshot, and what to do next
     */
    public Outcome onValidation(final double validationLoss, final boolean channelsCompressed) {
        final boolean improved = validationLoss < best;
        if (improved) {
            best = validationLoss;
            patience = 0;
        }
        patience++;
        if (patience > maxPatience) {
            return new Outcome(improved, Action.STOP);
        }
        if (patience == maxPatience && learningRate > minLearningRate) {
            patience = 1;
            if (channelsCompressed) {
                resetBest();
                return new Outcome(improved, Action.DECOMPRESS);
            }
            learningRate = Math.max(learningRate / 2, minLearningRate);
            return new Outcome(improved, Action.HALVE_LEARNING_RATE);
        }
        return new Outcome(improved, Action.CONTINUE);
    }

    /** @return the learning rate to train with now */
    public double learningRate() {
        return learningRate;
    }

    /** @return the best validation loss since the last reset */
    public double best() {
        return best;
    }

    /** @return validations since the last improvement (the method's patience counter) */
    public int patience() {
        return patience;
    }
}
