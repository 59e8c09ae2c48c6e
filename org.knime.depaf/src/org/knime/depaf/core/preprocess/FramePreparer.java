package org.knime.depaf.core.preprocess;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.knime.depaf.core.image.ImageStack;
import org.knime.depaf.core.resample.FrameResampler;
import org.knime.depaf.core.resample.Interpolation;
import org.knime.depaf.core.resample.UpsamplingRatios;
import org.knime.depaf.core.util.Monitor;

/**
 * Frame preparation shared by training and prediction (method spec §3.2 steps 2–4, §12 step 1):
 * {@code max(0, resample(X − normMin, r_y, r_x)) / normMax}, with the centre-keeping resampler.
 *
 * <p>Immutable and thread-safe; {@link #prepare(ImageStack, Monitor)} runs frames in parallel (each frame's
 * result does not depend on the others, so results are deterministic).
 */
public final class FramePreparer {

    private final FrameResampler resampler;
    private final double normMin;
    private final double normMax;

    /**
     * @param height raw frame rows
     * @param width raw frame columns
     * @param ratios upsampling ratios (the adjusted ones of the POI preprocessing); z is ignored; must be 1 along
     *            a data axis of size 1
     * @param method interpolation method
     * @param constants normMin and normMax
     */
    public FramePreparer(final int height, final int width, final UpsamplingRatios ratios,
        final Interpolation method, final NormalizationConstants constants) {
        this(height, width, ratios, method, constants.normMin(), constants.normMax());
    }

    private FramePreparer(final int height, final int width, final UpsamplingRatios ratios,
        final Interpolation method, final double normMin, final double normMax) {
        Objects.requireNonNull(ratios, "upsampling ratios");
        ratios.requireCompatible(height, width, 1, "data frame");
        this.resampler = new FrameResampler(height, width, ratios.y(), ratios.x(), method);
        this.normMin = normMin;
        this.normMax = normMax;
    }

    /**
     * A preparer that subtracts normMin, resamples and clamps but does not divide (normMax = 1): the first pass
     * when normMax is still to be measured.
     */
    public static FramePreparer withoutScaling(final int height, final int width, final UpsamplingRatios ratios,
        final Interpolation method, final double normMin) {
        if (!Double.isFinite(normMin)) {
            throw new IllegalArgumentException("normMin must be a finite number, got " + normMin);
        }
        return new FramePreparer(height, width, ratios, method, normMin, 1);
    }

    public int inputHeight() {
        return resampler.inputHeight();
    }

    public int inputWidth() {
        return resampler.inputWidth();
    }

    /** @return upsampled rows, ceil(height·r_y) */
    public int outputHeight() {
        return resampler.outputHeight();
    }

    /** @return upsampled columns, ceil(width·r_x) */
    public int outputWidth() {
        return resampler.outputWidth();
    }

    /**
     * Prepares one frame.
     *
     * @param src raw pixels, height·width values from srcOff
     * @param srcOff offset in src
     * @param dst receives outputHeight·outputWidth values from dstOff
     * @param dstOff offset in dst
     */
    public void prepare(final float[] src, final int srcOff, final float[] dst, final int dstOff) {
        final int n = inputHeight() * inputWidth();
        final float[] shifted = new float[n];
        for (int i = 0; i < n; i++) {
            shifted[i] = (float)(src[srcOff + i] - normMin);
        }
        resampler.resample(shifted, 0, dst, dstOff);
        final int m = outputHeight() * outputWidth();
        final double inv = 1 / normMax;
        for (int i = dstOff; i < dstOff + m; i++) {
            final float v = dst[i];
            dst[i] = v > 0 ? (float)(v * inv) : 0f; // also maps NaN to 0
        }
    }

    /**
     * Prepares every frame of a stack, in parallel.
     *
     * @param frames raw frames of height × width
     * @param monitor progress and cancellation (checked per frame)
     * @return a new stack of outputHeight × outputWidth frames; pixel size divided by r_x when known
     */
    public ImageStack prepare(final ImageStack frames, final Monitor monitor) {
        if (frames.height() != inputHeight() || frames.width() != inputWidth()) {
            throw new IllegalArgumentException(frames.source() + ": frames are " + frames.height() + " × "
                + frames.width() + " but this preparer expects " + inputHeight() + " × " + inputWidth());
        }
        final int outSize = outputHeight() * outputWidth();
        final float[] out = new float[Math.multiplyExact(frames.frames(), outSize)];
        final float[] in = frames.pixels();
        final AtomicInteger done = new AtomicInteger();
        IntStream.range(0, frames.frames()).parallel().forEach(f -> {
            monitor.checkCancelled();
            prepare(in, frames.frameOffset(f), out, f * outSize);
            final int d = done.incrementAndGet();
            monitor.progress((double)d / frames.frames(), "prepared frame " + d + " of " + frames.frames());
        });
        final double ps = Double.isNaN(frames.pixelSizeNm()) ? Double.NaN
            : frames.pixelSizeNm() * inputWidth() / outputWidth();
        return new ImageStack(out, frames.frames(), outputHeight(), outputWidth(), ps, frames.source());
    }
}
