package org.knime.depaf.core.net;

/**
 * What a network infers for a batch of B patches of H × W (depaf-method.md §6, prediction mode: no dropout, all
 * channels, full POI): the amplitude maps A ({@code B × C × H × W}, index {@code ((b·C + c)·H + y)·W + x}), the
 * noise-free signal {@code Dsum = Σ_c A_c ⊛ P_c} and the background {@code BG = G ⊛ box}
 * ({@code B × H × W} each, index {@code (b·H + y)·W + x}; BG is all zero without a background channel).
 *
 * <p>The arrays are fresh and handed over to the caller, not copied again by the accessors.
 */
public final class NetworkOutput {

    private final float[] amplitudes;
    private final float[] signal;
    private final float[] background;
    private final int patches;
    private final int channels;
    private final int height;
    private final int width;

    /**
     * @param amplitudes A, B·C·H·W values (not copied)
     * @param signal Dsum, B·H·W values (not copied)
     * @param background BG, B·H·W values (not copied)
     * @param patches B
     * @param channels C
     * @param height H
     * @param width W
     */
    public NetworkOutput(final float[] amplitudes, final float[] signal, final float[] background, final int patches,
        final int channels, final int height, final int width) {
        final long plane = (long)patches * height * width;
        if (amplitudes.length != plane * channels || signal.length != plane || background.length != plane) {
            throw new IllegalArgumentException("Network output arrays do not match " + patches + " × " + channels
                + " × " + height + " × " + width);
        }
        this.amplitudes = amplitudes;
        this.signal = signal;
        this.background = background;
        this.patches = patches;
        this.channels = channels;
        this.height = height;
        this.width = width;
    }

    /** @return A, B × C × H × W (the array itself) */
    public float[] amplitudes() {
        return amplitudes;
    }

    /** @return Dsum = Σ_c D_c, B × H × W (the array itself) */
    public float[] signal() {
        return signal;
    }

    /** @return BG, B × H × W, zero without a background channel (the array itself) */
    public float[] background() {
        return background;
    }

    /** @return B */
    public int patches() {
        return patches;
    }

    /** @return C */
    public int channels() {
        return channels;
    }

    /** @return H */
    public int height() {
        return height;
    }

    /** @return W */
    public int width() {
        return width;
    }
}
