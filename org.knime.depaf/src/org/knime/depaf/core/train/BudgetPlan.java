package org.knime.depaf.core.train;

import java.util.Arrays;

/**
 * A training schedule that fits the budget (issue 11): when maxMinutes or maxIterations would end training before
 * the λ warm-up is over, the warm-up milestones shrink (keeping their ratio) so that full λ trains for at least
 * half of the budget, and the channel curriculum gets deadlines, spread evenly before full λ, by which each
 * decompression happens even if patience has not asked for it yet. Without a budget, or when the schedule is not
 * to be fitted (the paper preset keeps the reference's milestones), the plan is the preset's schedule alone.
 *
 * @param iterations the iterations the budget allows, {@link Long#MAX_VALUE} for no limit
 * @param lambda the λ schedule to train with
 * @param deadlines for decompression i (0-based), the iteration by which it happens; empty when patience alone
 *            decides
 */
public record BudgetPlan(long iterations, LambdaSchedule lambda, long[] deadlines) {

    /** Copies the deadlines. */
    public BudgetPlan {
        deadlines = deadlines.clone();
    }

    @Override
    public long[] deadlines() {
        return deadlines.clone();
    }

    /**
     * @param preset the preset's (or the user's) λ schedule
     * @param iterations the iterations the budget allows, {@link Long#MAX_VALUE} for no limit
     * @param decompressions the curriculum's decompressions, ≥ 0
     * @param fit whether to fit warm-up and curriculum to the budget
     * @return the plan
     */
    public static BudgetPlan of(final LambdaSchedule preset, final long iterations, final int decompressions,
        final boolean fit) {
        if (!fit) {
            return new BudgetPlan(iterations, preset, new long[0]);
        }
        LambdaSchedule schedule = preset;
        if (iterations != Long.MAX_VALUE && preset.secondMilestone() > iterations / 2) {
            final long second = Math.max(1, iterations / 2);
            final long first = Math.max(1, Math.min(second,
                Math.round(second * (double)preset.firstMilestone() / preset.secondMilestone())));
            schedule = new LambdaSchedule(preset.lambda(), first, second);
        }
        final long[] deadlines = new long[decompressions];
        for (int i = 0; i < decompressions; i++) {
            deadlines[i] = Math.max(2, Math.round((i + 1) * (double)schedule.secondMilestone() / (decompressions + 1)));
        }
        return new BudgetPlan(iterations, schedule, deadlines);
    }

    /**
     * @param done decompressions done so far
     * @param iteration the coming iteration
     * @return whether the next decompression is due by its deadline
     */
    public boolean decompressionDue(final int done, final long iteration) {
        return done < deadlines.length && iteration >= deadlines[done];
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof BudgetPlan p && p.iterations == iterations && p.lambda.equals(lambda)
            && Arrays.equals(p.deadlines, deadlines);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(iterations) * 31 + lambda.hashCode() * 17 + Arrays.hashCode(deadlines);
    }

    @Override
    public String toString() {
        return "BudgetPlan[" + iterations + " iterations, " + lambda + ", deadlines " + Arrays.toString(deadlines)
            + "]";
    }
}
