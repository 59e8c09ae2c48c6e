package org.knime.depaf.core.net;

import java.util.SplittableRandom;

import org.knime.depaf.core.image.ImageStack;

/**
 * Small simulated training data for network tests: Gaussian spots on a flat background with Gaussian noise, on
 * the upsampled, normalised scale the network sees (background ≈ 0.1, spot peaks 0.4–1), and the matching
 * normalised POI (peak-normalised, then divided by its integral, as in depaf-method.md §3.1).
 */
final class SpotPatches {

    private SpotPatches() {
    }

    /**
     * @param size odd POI size
     * @param sigma Gaussian width in pixels
     * @return a size × size Gaussian POI with integral 1
     */
    static float[] gaussianPoi(final int size, final double sigma) {
        final float[] p = new float[size * size];
        final int r = size / 2;
        double sum = 0;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                final double v = Math.exp(-((y - r) * (y - r) + (x - r) * (x - r)) / (2 * sigma * sigma));
                p[y * size + x] = (float)v;
                sum += v;
            }
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= (float)sum;
        }
        return p;
    }

    /**
     * @param count number of patches
     * @param height patch height
     * @param width patch width (1 for traces)
     * @param spotsPerPatch number of spots per patch
     * @param sigma spot width in pixels (ignored along a singleton axis)
     * @param seed random seed
     * @return the patches
     */
    static ImageStack spots(final int count, final int height, final int width, final int spotsPerPatch,
        final double sigma, final long seed) {
        final SplittableRandom r = new SplittableRandom(seed);
        final float[] px = new float[count * height * width];
        for (int f = 0; f < count; f++) {
            final int off = f * height * width;
            for (int i = 0; i < height * width; i++) {
                px[off + i] = (float)(0.1 + 0.02 * r.nextGaussian());
            }
            for (int s = 0; s < spotsPerPatch; s++) {
                final double cy = r.nextDouble(2, height - 2);
                final double cx = width == 1 ? 0 : r.nextDouble(2, width - 2);
                final double amp = r.nextDouble(0.4, 1.0);
                for (int y = 0; y < height; y++) {
                    for (int x = 0; x < width; x++) {
                        final double d2 = (y - cy) * (y - cy) + (width == 1 ? 0 : (x - cx) * (x - cx));
                        px[off + y * width + x] += (float)(amp * Math.exp(-d2 / (2 * sigma * sigma)));
                    }
                }
            }
        }
        return new ImageStack(px, count, height, width, Double.NaN, "simulated spots");
    }
}
