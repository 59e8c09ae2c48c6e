package org.knime.depaf.core.sim;

import java.util.SplittableRandom;

/**
 * A smooth random background from seeded gradient (Perlin) noise:
 * {@code mean · (1 + variation · n(x, y))} with n in [−1, 1], the sum of {@code octaves} octaves of Perlin noise
 * (each halving the feature size and the weight), rescaled so the noise of the field spans [−1, 1]. The pattern
 * is the same in every frame (backgrounds of SMLM data change slowly). Immutable, thread-safe; the pattern is
 * computed per frame size on demand.
 */
public final class PerlinBackground implements BackgroundModel {

    private final double meanPhotons;
    private final double variation;
    private final double featurePx;
    private final int octaves;
    /** 256-entry permutation, doubled to avoid wrapping */
    private final int[] perm = new int[512];
    private final double[] gradAngle = new double[256];

    /**
     * @param meanPhotons mean background in photons per pixel, ≥ 0
     * @param variation relative amplitude of the noise, in [0, 1] (0.5: from half to 1.5 times the mean)
     * @param featurePx size of the largest features in pixels (the lattice spacing of the first octave), &gt; 0
     * @param octaves number of octaves, ≥ 1
     * @param seed the seed fixing the pattern
     */
    public PerlinBackground(final double meanPhotons, final double variation, final double featurePx,
        final int octaves, final long seed) {
        if (!(meanPhotons >= 0) || Double.isInfinite(meanPhotons) || !(variation >= 0 && variation <= 1)
            || !(featurePx > 0) || octaves < 1) {
            throw new IllegalArgumentException("Perlin background needs mean photons ≥ 0, variation in [0, 1], "
                + "feature size > 0 px and ≥ 1 octave, got " + meanPhotons + ", " + variation + ", " + featurePx
                + ", " + octaves);
        }
        this.meanPhotons = meanPhotons;
        this.variation = variation;
        this.featurePx = featurePx;
        this.octaves = octaves;
        final SplittableRandom rng = new SplittableRandom(seed);
        final int[] p = new int[256];
        for (int i = 0; i < 256; i++) {
            p[i] = i;
            gradAngle[i] = rng.nextDouble() * 2 * Math.PI;
        }
        for (int i = 255; i > 0; i--) {
            final int j = rng.nextInt(i + 1);
            final int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        for (int i = 0; i < 512; i++) {
            perm[i] = p[i & 255];
        }
    }

    /** The pattern of the last frame size asked for; the pattern is static, so frames share it. */
    private volatile Pattern cache;

    private record Pattern(int width, int height, float[] values) {
    }

    @Override
    public void fill(final float[] out, final int offset, final int width, final int height, final int frameIndex) {
        Pattern p = cache;
        if (p == null || p.width != width || p.height != height) {
            p = new Pattern(width, height, compute(width, height));
            cache = p;
        }
        System.arraycopy(p.values, 0, out, offset, p.values.length);
    }

    private float[] compute(final int width, final int height) {
        final int n = width * height;
        final float[] out = new float[n];
        final double[] noise = new double[n];
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double v = 0;
                double scale = 1 / featurePx;
                double weight = 1;
                for (int o = 0; o < octaves; o++) {
                    v += weight * noise(x * scale + 0.37 * o, y * scale + 0.61 * o);
                    scale *= 2;
                    weight *= 0.5;
                }
                noise[y * width + x] = v;
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        final double mid = 0.5 * (lo + hi);
        final double half = hi > lo ? 0.5 * (hi - lo) : 1;
        for (int i = 0; i < n; i++) {
            out[i] = (float)(meanPhotons * (1 + variation * (noise[i] - mid) / half));
        }
        return out;
    }

    /** Classic 2-D gradient noise with quintic fade; about [−0.7, 0.7]. */
    double noise(final double x, final double y) {
        final int xi = (int)Math.floor(x);
        final int yi = (int)Math.floor(y);
        final double xf = x - xi;
        final double yf = y - yi;
        final double u = fade(xf);
        final double v = fade(yf);
        final double n00 = grad(xi, yi, xf, yf);
        final double n10 = grad(xi + 1, yi, xf - 1, yf);
        final double n01 = grad(xi, yi + 1, xf, yf - 1);
        final double n11 = grad(xi + 1, yi + 1, xf - 1, yf - 1);
        final double nx0 = n00 + u * (n10 - n00);
        final double nx1 = n01 + u * (n11 - n01);
        return nx0 + v * (nx1 - nx0);
    }

    private double grad(final int xi, final int yi, final double dx, final double dy) {
        final int h = perm[perm[xi & 255] + (yi & 255)];
        final double a = gradAngle[h];
        return Math.cos(a) * dx + Math.sin(a) * dy;
    }

    private static double fade(final double t) {
        return t * t * t * (t * (t * 6 - 15) + 10);
    }
}
