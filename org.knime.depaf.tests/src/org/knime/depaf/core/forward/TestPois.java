package org.knime.depaf.core.forward;

import org.knime.depaf.core.poi.Poi;

/** POIs for tests: asymmetric Gaussian mixtures, normalised as DEPAF's POI pipeline does (§3.1). */
public final class TestPois {

    private TestPois() {
    }

    /**
     * An asymmetric single-channel POI: a Gaussian at the centre plus a weaker one offset by (1, 2) px, so
     * that flips and transposes are visible. Peak-normalised per slice, then divided by the mean slice sum.
     *
     * @param size odd height and width
     * @param sigma width of the main Gaussian in px
     */
    public static Poi asymmetric(final int size, final double sigma) {
        return stack(size, size, 1, sigma, 0);
    }

    /**
     * A z-stack whose slices differ in width and in the offset of a side lobe, normalised as §3.1.
     *
     * @param h odd height
     * @param w odd width
     * @param channels number of slices
     * @param sigma width of the main Gaussian in slice 0
     * @param sigmaStep width increase per slice
     */
    public static Poi stack(final int h, final int w, final int channels, final double sigma,
        final double sigmaStep) {
        final float[] v = new float[channels * h * w];
        final double cy = (h - 1) / 2.0;
        final double cx = (w - 1) / 2.0;
        double sumOfSums = 0;
        for (int c = 0; c < channels; c++) {
            final double s = sigma + c * sigmaStep;
            final double ly = 1.0 + 0.3 * c;
            final double lx = 2.0 - 0.4 * c;
            float max = 0;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    final double main = Math.exp(-((y - cy) * (y - cy) + (x - cx) * (x - cx)) / (2 * s * s));
                    final double lobe = 0.4
                        * Math.exp(-((y - cy - ly) * (y - cy - ly) + (x - cx - lx) * (x - cx - lx)) / (2 * s * s));
                    v[(c * h + y) * w + x] = (float)(main + lobe);
                    max = Math.max(max, v[(c * h + y) * w + x]);
                }
            }
            double sum = 0;
            for (int i = c * h * w; i < (c + 1) * h * w; i++) {
                v[i] /= max;
                sum += v[i];
            }
            sumOfSums += sum;
        }
        final float mean = (float)(sumOfSums / channels);
        for (int i = 0; i < v.length; i++) {
            v[i] /= mean;
        }
        return new Poi(v, channels, h, w, channels == 1 ? Poi.Kind.PATTERN_2D : Poi.Kind.Z_STACK, Double.NaN,
            channels == 1 ? Double.NaN : 10, "test POI");
    }
}
