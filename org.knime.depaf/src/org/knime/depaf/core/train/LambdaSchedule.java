package org.knime.depaf.core.train;

/**
 * The λ warm-up ("soft start", depaf-method.md §7.4): the sparsity weight starts at 1 % of λ, rises to 10 % at the
 * first milestone and to the full λ at the second. At iteration 1 and at each milestone the best validation loss
 * is forgotten, because losses at different λ cannot be compared.
 *
 * @param lambda the full sparsity weight λ, ≥ 0
 * @param firstMilestone first iteration at 0.1·λ (the reference's 2 500), ≥ 1
 * @param secondMilestone first iteration at λ (the reference's 5 000), ≥ firstMilestone
 */
public record LambdaSchedule(double lambda, long firstMilestone, long secondMilestone) {

    /** The reference's milestones. */
    public static final long DEFAULT_FIRST_MILESTONE = 2_500;

    /** The reference's milestones. */
    public static final long DEFAULT_SECOND_MILESTONE = 5_000;

    /** Checks the parameters. */
    public LambdaSchedule {
        if (!(lambda >= 0) || !Double.isFinite(lambda)) {
            throw new IllegalArgumentException("λ (lambda) must be a finite number ≥ 0, got " + lambda);
        }
        if (firstMilestone < 1 || secondMilestone < firstMilestone) {
            throw new IllegalArgumentException("λ warm-up milestones must satisfy 1 ≤ first ≤ second, got "
                + firstMilestone + " and " + secondMilestone);
        }
    }

    /** @return the schedule with the reference's milestones (2 500 and 5 000 iterations) */
    public static LambdaSchedule withDefaultMilestones(final double lambda) {
        return new LambdaSchedule(lambda, DEFAULT_FIRST_MILESTONE, DEFAULT_SECOND_MILESTONE);
    }

    /** @return a schedule that uses the full λ from the first iteration (the pre-July-2025 reference) */
    public static LambdaSchedule constant(final double lambda) {
        return new LambdaSchedule(lambda, 1, 1);
    }

    /**
     * @param iteration the global iteration count t, starting at 1
     * @return λ_t
     */
    public double lambdaAt(final long iteration) {
        if (iteration >= secondMilestone) {
            return lambda;
        }
        return iteration >= firstMilestone ? 0.1 * lambda : 0.01 * lambda;
    }

    /**
     * @param iteration the global iteration count t, starting at 1
     * @return whether the best validation loss is forgotten before this iteration's validation
     */
    public boolean resetsBestAt(final long iteration) {
        return iteration == 1 || iteration == firstMilestone || iteration == secondMilestone;
    }
}
