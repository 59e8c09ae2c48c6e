package org.knime.depaf.core.sim;

import java.util.SplittableRandom;

/**
 * Which fluorophores of a fixed population emit in each frame.
 *
 * <p>The simulator asks for the next frame's on/off states; the model must keep the long-run fraction of
 * fluorophores that are on equal to {@code onFraction}, so that the mean number of emitters per frame is
 * onFraction × population. Implementations are immutable and thread-safe (state lives in the array passed in).
 */
@FunctionalInterface
public interface BlinkingModel {

    /**
     * Updates the states for the next frame.
     *
     * @param on the states: on entry the previous frame's states (ignored when {@code first}), on exit this
     *            frame's
     * @param first whether this is the first frame (draw from the stationary distribution)
     * @param onFraction the stationary fraction of fluorophores that are on, in [0, 1]
     * @param rng the source of randomness
     */
    void next(boolean[] on, boolean first, double onFraction, SplittableRandom rng);

    /** Every frame independent: each fluorophore is on with probability onFraction. */
    static BlinkingModel independent() {
        return (on, first, onFraction, rng) -> {
            for (int i = 0; i < on.length; i++) {
                on[i] = rng.nextDouble() < onFraction;
            }
        };
    }

    /**
     * A two-state Markov chain per fluorophore: an on fluorophore switches off with probability
     * p_off = 1 / meanOnFrames per frame (geometric on-times of mean meanOnFrames), an off one switches on with
     * p_on = onFraction · p_off / (1 − onFraction), which makes onFraction the stationary fraction. The first
     * frame is drawn from the stationary distribution.
     *
     * @param meanOnFrames mean number of consecutive frames a fluorophore stays on, ≥ 1
     */
    static BlinkingModel markov(final double meanOnFrames) {
        if (!(meanOnFrames >= 1) || Double.isInfinite(meanOnFrames)) {
            throw new IllegalArgumentException("Mean on-time must be a finite number ≥ 1 frame, got "
                + meanOnFrames);
        }
        final double pOff = 1 / meanOnFrames;
        return (on, first, onFraction, rng) -> {
            if (first) {
                for (int i = 0; i < on.length; i++) {
                    on[i] = rng.nextDouble() < onFraction;
                }
                return;
            }
            if (onFraction >= 1) {
                java.util.Arrays.fill(on, true);
                return;
            }
            final double pOn = Math.min(1, onFraction * pOff / (1 - onFraction));
            for (int i = 0; i < on.length; i++) {
                on[i] = on[i] ? rng.nextDouble() >= pOff : rng.nextDouble() < pOn;
            }
        };
    }
}
