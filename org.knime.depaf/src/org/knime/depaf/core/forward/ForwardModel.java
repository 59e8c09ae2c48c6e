package org.knime.depaf.core.forward;

import java.util.Objects;

import org.knime.depaf.core.poi.Poi;

/**
 * DEPAF's image model (depaf-method.md §6): {@code X ≈ BG + Σ_c D_c} with {@code D_c = A_c ⊛ P_c} and
 * {@code BG = G ⊛ B_k}, in plain Java on {@code float[]} arrays.
 *
 * <p>This is the reference implementation of the fixed-kernel part of the network's forward pass (the
 * network package builds the same operations into its graph and tests against this class), and the tool
 * for making noiseless test images from amplitude maps. All convolutions are true convolutions with reflect
 * padding and "same" size, as specified in {@link ReflectConvolution}.
 *
 * <p>Maps are on the upsampled grid: {@code A} is channel-major ({@code C·h·w}), {@code G}, {@code BG} and
 * {@code Dsum} are {@code h·w}, all row-major. Units are normalised intensities (§3.2).
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ForwardModel {

    private final float[] kernels;
    private final int channels;
    private final int kernelHeight;
    private final int kernelWidth;
    private final int boxHeight;
    private final int boxWidth;

    /**
     * A model without background ({@code learnBG = false}).
     *
     * @param poi the POI (all channels, full, not compressed); height and width must be odd
     */
    public ForwardModel(final Poi poi) {
        this(poi, 0, 0);
    }

    /**
     * @param poi the POI (all channels); height and width must be odd
     * @param boxHeight background box height (odd), or 0 for no background
     * @param boxWidth background box width (odd), or 0 for no background
     * @throws IllegalArgumentException if a size is even or only one box size is 0
     */
    public ForwardModel(final Poi poi, final int boxHeight, final int boxWidth) {
        Objects.requireNonNull(poi, "poi");
        if (poi.height() % 2 == 0 || poi.width() % 2 == 0) {
            throw new IllegalArgumentException("POI size " + poi.height() + " × " + poi.width()
                + " is not valid for the forward model: height and width must be odd");
        }
        if ((boxHeight == 0) != (boxWidth == 0) || boxHeight < 0 || boxWidth < 0
            || boxHeight > 0 && (boxHeight % 2 == 0 || boxWidth % 2 == 0)) {
            throw new IllegalArgumentException("Background box size " + boxHeight + " × " + boxWidth
                + " is not valid: both sizes must be odd and positive, or both 0 for no background");
        }
        this.kernels = poi.values();
        this.channels = poi.channels();
        this.kernelHeight = poi.height();
        this.kernelWidth = poi.width();
        this.boxHeight = boxHeight;
        this.boxWidth = boxWidth;
    }

    /** @return number of POI channels C */
    public int channels() {
        return channels;
    }

    /** @return whether the model has a background box kernel */
    public boolean hasBackground() {
        return boxHeight > 0;
    }

    /**
     * @param a amplitude maps, channel-major {@code C·h·w}
     * @param h map height
     * @param w map width
     * @return the per-channel re-synthesis {@code D_c = A_c ⊛ P_c}, channel-major {@code C·h·w}
     */
    public float[] signalChannels(final float[] a, final int h, final int w) {
        return ReflectConvolution.convolveChannels(a, channels, h, w, kernels, kernelHeight, kernelWidth);
    }

    /**
     * @param a amplitude maps, channel-major {@code C·h·w}
     * @param h map height
     * @param w map width
     * @return {@code Dsum = Σ_c A_c ⊛ P_c}, {@code h·w}
     */
    public float[] signal(final float[] a, final int h, final int w) {
        return ReflectConvolution.convolveChannelsSum(a, channels, h, w, kernels, kernelHeight, kernelWidth);
    }

    /**
     * @param g background seed map, {@code h·w}
     * @param h map height
     * @param w map width
     * @return {@code BG = G ⊛ B_k}, {@code h·w}
     * @throws IllegalStateException if the model has no background
     */
    public float[] background(final float[] g, final int h, final int w) {
        if (!hasBackground()) {
            throw new IllegalStateException("This forward model has no background box kernel (learnBG = false)");
        }
        return ReflectConvolution.boxBackground(g, h, w, boxHeight, boxWidth);
    }

    /**
     * @param a amplitude maps, channel-major {@code C·h·w}
     * @param g background seed map {@code h·w}, or null when the model has no background
     * @param h map height
     * @param w map width
     * @return the model image {@code BG + Σ_c D_c}, {@code h·w}
     */
    public float[] model(final float[] a, final float[] g, final int h, final int w) {
        final float[] out = signal(a, h, w);
        if (hasBackground()) {
            Objects.requireNonNull(g, "background seed map G");
            final float[] bg = background(g, h, w);
            for (int i = 0; i < out.length; i++) {
                out[i] += bg[i];
            }
        } else if (g != null) {
            throw new IllegalArgumentException("A background seed map was given, but this forward model has no "
                + "background box kernel");
        }
        return out;
    }
}
