package org.knime.depaf.core.sim;

import java.util.SplittableRandom;

/**
 * Random variates the simulator needs, drawn from a caller-supplied {@link SplittableRandom} so results are
 * reproducible: Poisson (multiplication method below mean 30, Hörmann's PTRS above), gamma (Marsaglia–Tsang),
 * and seed mixing for independent streams. Stateless; thread-safe as long as each thread uses its own random.
 */
public final class Sampling {

    private static final double[] LOG_FACTORIAL = new double[256];

    static {
        for (int k = 2; k < LOG_FACTORIAL.length; k++) {
            LOG_FACTORIAL[k] = LOG_FACTORIAL[k - 1] + Math.log(k);
        }
    }

    private Sampling() {
    }

    /**
     * @param mean the Poisson mean, ≥ 0 and finite
     * @return a Poisson variate
     */
    public static long poisson(final SplittableRandom rng, final double mean) {
        if (!(mean >= 0) || Double.isInfinite(mean)) {
            throw new IllegalArgumentException("Poisson mean must be a finite number ≥ 0, got " + mean);
        }
        if (mean == 0) {
            return 0;
        }
        if (mean < 30) {
            final double limit = Math.exp(-mean);
            long k = 0;
            double p = rng.nextDouble();
            while (p > limit) {
                k++;
                p *= rng.nextDouble();
            }
            return k;
        }
        return poissonPtrs(rng, mean);
    }

    /** Hörmann (1993), "The transformed rejection method for generating Poisson random variables". */
    private static long poissonPtrs(final SplittableRandom rng, final double lam) {
        final double slam = Math.sqrt(lam);
        final double loglam = Math.log(lam);
        final double b = 0.931 + 2.53 * slam;
        final double a = -0.059 + 0.02483 * b;
        final double invalpha = 1.1239 + 1.1328 / (b - 3.4);
        final double vr = 0.9277 - 3.6224 / (b - 2);
        while (true) {
            final double u = rng.nextDouble() - 0.5;
            final double v = rng.nextDouble();
            final double us = 0.5 - Math.abs(u);
            final long k = (long)Math.floor((2 * a / us + b) * u + lam + 0.43);
            if (us >= 0.07 && v <= vr) {
                return k;
            }
            if (k < 0 || us < 0.013 && v > us) {
                continue;
            }
            if (Math.log(v) + Math.log(invalpha) - Math.log(a / (us * us) + b) <= -lam + k * loglam
                - logFactorial(k)) {
                return k;
            }
        }
    }

    /** @return ln(k!) (table below 256, Stirling series above, error &lt; 1e-14) */
    public static double logFactorial(final long k) {
        if (k < LOG_FACTORIAL.length) {
            return LOG_FACTORIAL[(int)k];
        }
        final double x = k;
        final double inv = 1 / x;
        final double inv2 = inv * inv;
        return x * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI * x)
            + inv * (1.0 / 12 - inv2 * (1.0 / 360 - inv2 / 1260));
    }

    /**
     * @param shape gamma shape k &gt; 0
     * @param scale gamma scale θ &gt; 0 (mean kθ)
     * @return a gamma variate (Marsaglia and Tsang 2000; shape &lt; 1 by the boost u^(1/k))
     */
    public static double gamma(final SplittableRandom rng, final double shape, final double scale) {
        if (!(shape > 0) || !(scale > 0)) {
            throw new IllegalArgumentException("Gamma shape and scale must be > 0, got " + shape + " and " + scale);
        }
        if (shape < 1) {
            return gamma(rng, shape + 1, scale) * Math.pow(rng.nextDouble(), 1 / shape);
        }
        final double d = shape - 1.0 / 3;
        final double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x;
            double v;
            do {
                x = rng.nextGaussian();
                v = 1 + c * x;
            } while (v <= 0);
            v = v * v * v;
            final double u = rng.nextDouble();
            final double x2 = x * x;
            if (u < 1 - 0.0331 * x2 * x2 || Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) {
                return d * v * scale;
            }
        }
    }

    /**
     * A well-mixed seed for stream {@code stream}, item {@code index} of a master seed: lets per-frame randoms be
     * independent of the order (and thread) in which frames are computed.
     */
    public static long mix(final long seed, final long stream, final long index) {
        long z = seed + 0x9E3779B97F4A7C15L * (stream * 0x632BE59BD9B4E019L + index + 1);
        z = (z ^ z >>> 30) * 0xBF58476D1CE4E5B9L;
        z = (z ^ z >>> 27) * 0x94D049BB133111EBL;
        return z ^ z >>> 31;
    }

    /** @return a random for stream {@code stream}, item {@code index} of the master seed */
    public static SplittableRandom random(final long seed, final long stream, final long index) {
        return new SplittableRandom(mix(seed, stream, index));
    }
}
