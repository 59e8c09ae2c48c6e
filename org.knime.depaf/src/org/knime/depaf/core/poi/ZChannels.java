package org.knime.depaf.core.poi;

import java.util.Objects;

/**
 * The network's z channels on a coarser grid than the slices of a POI z-stack: every {@code factor} slices
 * become one channel (issue 11). Channel j is centred on slice {@code m + (j − J)·factor}, with
 * {@code m = (K − 1)/2} the centre slice of the K-slice stack (the focal plane, z = 0) and
 * {@code J = floor(m / factor)}, so the centre channel stays on the centre slice and z = 0 keeps its meaning;
 * each channel is the mean of the slices within ±factor/2 of its centre (half weight exactly at ±factor/2),
 * clipped to the stack. A 151-slice stack at 10 nm with factor 5 gives 31 channels at 50 nm.
 *
 * <p>Stateless and thread-safe.
 */
public final class ZChannels {

    private ZChannels() {
    }

    /**
     * The binning factor for a wanted channel step.
     *
     * @param poi the POI as loaded
     * @param channelStepNm the wanted channel spacing in nm; ≤ 0 or NaN for the POI's own slices
     * @return slices per channel, ≥ 1 (1 for a POI that is not a z-stack, whose z step is unknown, or whose
     *         slices are already at least that coarse)
     */
    public static int factor(final Poi poi, final double channelStepNm) {
        if (poi.kind() != Poi.Kind.Z_STACK || poi.channels() < 3 || !(channelStepNm > 0)
            || !(poi.zStepNm() > 0) || !Double.isFinite(poi.zStepNm())) {
            return 1;
        }
        final long f = Math.round(channelStepNm / poi.zStepNm());
        return (int)Math.max(1, Math.min(f, (poi.channels() - 1) / 2));
    }

    /**
     * @param channels K, the POI's slices
     * @param factor slices per channel
     * @return the number of channels, 2·floor(((K − 1)/2)/factor) + 1
     */
    public static int channelCount(final int channels, final int factor) {
        return 2 * (int)Math.floor((channels - 1) / 2.0 / factor) + 1;
    }

    /**
     * @param channels K
     * @param factor slices per channel
     * @param channel j, 0-based
     * @return the slice (0-based, fractional for even K) on which channel j is centred
     */
    public static double centreSlice(final int channels, final int factor, final int channel) {
        final double m = (channels - 1) / 2.0;
        final int half = (channelCount(channels, factor) - 1) / 2;
        return m + (double)(channel - half) * factor;
    }

    /**
     * Bins the slices of a z-stack into channels.
     *
     * @param poi the POI as loaded (any slice count)
     * @param factor slices per channel, ≥ 1
     * @return the POI itself for factor 1, else a z-stack of {@link #channelCount} channels with z step
     *         factor × the POI's
     */
    public static Poi bin(final Poi poi, final int factor) {
        Objects.requireNonNull(poi, "POI");
        if (factor < 1) {
            throw new IllegalArgumentException("z channel factor must be ≥ 1, got " + factor);
        }
        if (factor == 1) {
            return poi;
        }
        final int k = poi.channels();
        final int c = channelCount(k, factor);
        final int plane = poi.height() * poi.width();
        final float[] in = poi.values();
        final float[] out = new float[c * plane];
        final double[] acc = new double[plane];
        for (int j = 0; j < c; j++) {
            final double centre = centreSlice(k, factor, j);
            java.util.Arrays.fill(acc, 0);
            double weights = 0;
            for (int s = Math.max(0, (int)Math.floor(centre - factor / 2.0)); s <= Math.min(k - 1,
                (int)Math.ceil(centre + factor / 2.0)); s++) {
                final double d = Math.abs(s - centre);
                final double wgt = d < factor / 2.0 - 1e-9 ? 1 : d <= factor / 2.0 + 1e-9 ? 0.5 : 0;
                if (wgt == 0) {
                    continue;
                }
                weights += wgt;
                for (int i = 0; i < plane; i++) {
                    acc[i] += wgt * in[s * plane + i];
                }
            }
            for (int i = 0; i < plane; i++) {
                out[j * plane + i] = (float)(acc[i] / weights);
            }
        }
        return new Poi(out, c, poi.height(), poi.width(), Poi.Kind.Z_STACK, poi.pixelSizeNm(),
            poi.zStepNm() * factor, poi.source() + " (" + c + " z channels of " + factor + " slices)");
    }
}
