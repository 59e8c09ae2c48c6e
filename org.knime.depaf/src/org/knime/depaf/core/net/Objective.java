package org.knime.depaf.core.net;

import java.util.Arrays;
import java.util.Objects;

/**
 * What the loss currently measures (depaf-method.md §7.1, §8): the sparsity weight λ_t, the channel mask m
 * (A_c ← A_c·m_c) and the POI used in the forward model (the compressed POI during the curriculum, the full
 * POI otherwise).
 *
 * <p>Immutable; the arrays are copied. A trainer keeps one instance while λ_t and the curriculum level stay
 * the same: networks may cache what they derive from the instance last used.
 */
public final class Objective {

    private final double lambda;
    private final float[] channelMask;
    private final float[] poi;

    /**
     * @param lambda sparsity weight λ_t ≥ 0
     * @param channelMask one factor per POI channel (1 = active, 0 = masked), length C (copied)
     * @param poi the forward-model POI, same layout and size as {@link ForwardKernels#poi()} (copied)
     */
    public Objective(final double lambda, final float[] channelMask, final float[] poi) {
        if (!(lambda >= 0 && Double.isFinite(lambda))) {
            throw new IllegalArgumentException("Sparsity weight lambda must be a finite number >= 0, got " + lambda);
        }
        Objects.requireNonNull(channelMask, "channelMask");
        Objects.requireNonNull(poi, "poi");
        ForwardKernels.requireFinite("Channel mask", channelMask);
        ForwardKernels.requireFinite("Objective POI", poi);
        this.lambda = lambda;
        this.channelMask = channelMask.clone();
        this.poi = poi.clone();
    }

    /**
     * @param kernels the network's kernels
     * @param lambda sparsity weight
     * @return the objective with all channels active and the full POI (prediction, C = 1, end of curriculum)
     */
    public static Objective full(final ForwardKernels kernels, final double lambda) {
        final float[] ones = new float[kernels.channels()];
        Arrays.fill(ones, 1f);
        return new Objective(lambda, ones, kernels.poi());
    }

    /** @return the same mask and POI with another λ */
    public Objective withLambda(final double newLambda) {
        return new Objective(newLambda, channelMask, poi);
    }

    /** @return sparsity weight λ_t */
    public double lambda() {
        return lambda;
    }

    /** @return a copy of the channel mask, length C */
    public float[] channelMask() {
        return channelMask.clone();
    }

    /** @return a copy of the forward-model POI */
    public float[] poi() {
        return poi.clone();
    }

    /** @return the number of channels of the mask */
    public int channels() {
        return channelMask.length;
    }

    /**
     * @param kernels the network's kernels
     * @throws IllegalArgumentException if mask or POI do not fit those kernels
     */
    public void requireCompatible(final ForwardKernels kernels) {
        if (channelMask.length != kernels.channels()) {
            throw new IllegalArgumentException("Channel mask has " + channelMask.length + " entries, the network has "
                + kernels.channels() + " POI channels");
        }
        if (poi.length != kernels.poiLength()) {
            throw new IllegalArgumentException("Objective POI has " + poi.length + " values, the network's POI ("
                + kernels + ") has " + kernels.poiLength());
        }
    }
}
