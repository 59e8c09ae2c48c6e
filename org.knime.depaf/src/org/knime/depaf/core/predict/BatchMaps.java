package org.knime.depaf.core.predict;

/**
 * The blended maps of a batch of frames on the upsampled grid, one array per frame: amplitudes A
 * ({@code C·H·W}, channel-major), Dsum and BG ({@code H·W}). Arrays are handed over, not copied; treat them as
 * read-only.
 */
public final class BatchMaps {

    private final float[][] amplitudes;
    private final float[][] signal;
    private final float[][] background;
    private final int channels;
    private final int height;
    private final int width;

    BatchMaps(final float[][] amplitudes, final float[][] signal, final float[][] background, final int channels,
        final int height, final int width) {
        this.amplitudes = amplitudes;
        this.signal = signal;
        this.background = background;
        this.channels = channels;
        this.height = height;
        this.width = width;
    }

    /** @return number of frames */
    public int frames() {
        return amplitudes.length;
    }

    /** @return number of amplitude channels C */
    public int channels() {
        return channels;
    }

    /** @return map height (upsampled grid) */
    public int height() {
        return height;
    }

    /** @return map width (upsampled grid) */
    public int width() {
        return width;
    }

    /** @return A of frame f (0-based within the batch), channel-major {@code C·H·W} (the array itself) */
    public float[] amplitudes(final int f) {
        return amplitudes[f];
    }

    /** @return Dsum of frame f, {@code H·W} (the array itself) */
    public float[] signal(final int f) {
        return signal[f];
    }

    /** @return BG of frame f, {@code H·W} (the array itself) */
    public float[] background(final int f) {
        return background[f];
    }
}
