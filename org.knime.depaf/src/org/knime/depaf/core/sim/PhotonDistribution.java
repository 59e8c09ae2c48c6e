package org.knime.depaf.core.sim;

import java.util.SplittableRandom;

/**
 * Photons one emitter sends to the detector in one frame (before quantum efficiency).
 *
 * <p>Implementations are immutable and thread-safe; randomness comes from the random passed in.
 */
public interface PhotonDistribution {

    /** @return one draw, photons ≥ 0 */
    double sample(SplittableRandom rng);

    /** @return the distribution's mean in photons */
    double mean();

    /** Every emitter sends exactly {@code photons}. */
    static PhotonDistribution constant(final double photons) {
        check(photons, 0);
        return new Constant(photons);
    }

    /** Exponentially distributed photons (mean = standard deviation = {@code meanPhotons}). */
    static PhotonDistribution exponential(final double meanPhotons) {
        check(meanPhotons, 0);
        return new Exponential(meanPhotons);
    }

    /**
     * Log-normal photons with the given mean and coefficient of variation (standard deviation / mean):
     * ln N ~ Normal(μ, s²) with s² = ln(1 + cv²), μ = ln(mean) − s²/2.
     */
    static PhotonDistribution logNormal(final double meanPhotons, final double cv) {
        check(meanPhotons, cv);
        return new LogNormal(meanPhotons, cv);
    }

    private static void check(final double mean, final double cv) {
        if (!(mean > 0) || Double.isInfinite(mean)) {
            throw new IllegalArgumentException("Mean photons must be a finite number > 0, got " + mean);
        }
        if (!(cv >= 0) || Double.isInfinite(cv)) {
            throw new IllegalArgumentException("Photon coefficient of variation must be a finite number ≥ 0, got "
                + cv);
        }
    }

    /** @see PhotonDistribution#constant(double) */
    record Constant(double mean) implements PhotonDistribution {
        @Override
        public double sample(final SplittableRandom rng) {
            return mean;
        }
    }

    /** @see PhotonDistribution#exponential(double) */
    record Exponential(double mean) implements PhotonDistribution {
        @Override
        public double sample(final SplittableRandom rng) {
            return mean * rng.nextExponential();
        }
    }

    /** @see PhotonDistribution#logNormal(double, double) */
    record LogNormal(double mean, double cv) implements PhotonDistribution {
        @Override
        public double sample(final SplittableRandom rng) {
            final double s2 = Math.log1p(cv * cv);
            return Math.exp(Math.log(mean) - 0.5 * s2 + Math.sqrt(s2) * rng.nextGaussian());
        }
    }
}
