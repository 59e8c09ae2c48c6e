package org.knime.depaf.core.preprocess;

import java.io.IOException;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.TreeSet;

import org.knime.depaf.core.image.FrameSource;
import org.knime.depaf.core.image.ImageStack;
import org.knime.depaf.core.util.Monitor;

/**
 * The data side of training (method spec §3.2 and §3.4), done once before training:
 *
 * <ol>
 * <li>frame assignment by sample sequence for the training and the validation patches;</li>
 * <li>load only the frames that are needed (contiguous runs are read together);</li>
 * <li>normMin = minimum of the loaded training frames (raw); subtract, resample, clamp;</li>
 * <li>normMax = 99.9th percentile of the prepared training frames; divide training and validation frames;</li>
 * <li>draw uniform patch positions.</li>
 * </ol>
 * The random draws use one {@link SplittableRandom} seeded by the spec, split in a fixed order (training frames,
 * validation frames, training positions, validation positions), so the same seed gives the same patches.
 * The result is immutable.
 */
public final class TrainingData {

    private final NormalizationConstants constants;
    private final PatchSet train;
    private final PatchSet validation;

    private TrainingData(final NormalizationConstants constants, final PatchSet train, final PatchSet validation) {
        this.constants = constants;
        this.train = train;
        this.validation = validation;
    }

    /**
     * @param source the data stack (frames read in ranges; not closed here)
     * @param spec split, counts, patch size, ratios, method, seed
     * @param monitor progress and cancellation
     * @return constants and the two patch sets
     * @throws IOException if reading frames fails
     * @throws IllegalArgumentException for a patch size that does not fit, frames outside the stack, non-finite
     *             or constant training data
     */
    public static TrainingData prepare(final FrameSource source, final TrainingDataSpec spec, final Monitor monitor)
        throws IOException {
        final int frames = source.frames();
        final FrameSplit split = new FrameSplit(spec.split().train(), spec.split().validation(), frames);
        final SplittableRandom random = new SplittableRandom(spec.seed());
        final int[] trainSeq = FrameAssignment.sampleSequence(split.train(), spec.trainPatches(), random.split());
        final int[] valSeq =
            FrameAssignment.sampleSequence(split.validation(), spec.validationPatches(), random.split());

        final FramePreparer probe = FramePreparer.withoutScaling(source.height(), source.width(), spec.ratios(),
            spec.method(), 0);
        PatchSize.validate(spec.patchHeight(), spec.patchWidth(), probe.outputHeight(), probe.outputWidth(),
            spec.encoderDepth());

        final TreeSet<Integer> needed = new TreeSet<>();
        final TreeSet<Integer> trainNeeded = new TreeSet<>();
        for (final int f : trainSeq) {
            needed.add(f);
            trainNeeded.add(f);
        }
        for (final int f : valSeq) {
            needed.add(f);
        }
        final int[] unique = needed.stream().mapToInt(Integer::intValue).toArray();
        final ImageStack raw = readFrames(source, unique, monitor.subTask(0, 0.4));
        final float[] px = raw.pixels();
        final int frameSize = raw.frameSize();
        requireFinite(source, unique, px, frameSize);

        // normMin over the loaded training frames only
        float min = Float.POSITIVE_INFINITY;
        for (int slot = 0; slot < unique.length; slot++) {
            if (trainNeeded.contains(unique[slot])) {
                for (int i = slot * frameSize; i < (slot + 1) * frameSize; i++) {
                    min = Math.min(min, px[i]);
                }
            }
        }
        final ImageStack up = FramePreparer.withoutScaling(raw.height(), raw.width(), spec.ratios(), spec.method(),
            min).prepare(raw, monitor.subTask(0.4, 0.9));
        monitor.checkCancelled();

        final int upSize = up.frameSize();
        final float[] upPx = up.pixels();
        final float[] trainPixels = new float[trainNeeded.size() * upSize];
        int k = 0;
        for (int slot = 0; slot < unique.length; slot++) {
            if (trainNeeded.contains(unique[slot])) {
                System.arraycopy(upPx, slot * upSize, trainPixels, k * upSize, upSize);
                k++;
            }
        }
        final double max = Percentiles.prctile(trainPixels, NormalizationConstants.NORM_MAX_PERCENTILE);
        final NormalizationConstants constants = new NormalizationConstants(min, max);
        for (int i = 0; i < upPx.length; i++) {
            upPx[i] = (float)(upPx[i] / max);
        }
        monitor.progress(1, "prepared " + unique.length + " frames, " + constants);

        final PatchPositions trainPos = PatchPositions.draw(trainSeq, up.height(), up.width(), spec.patchHeight(),
            spec.patchWidth(), random.split());
        final PatchPositions valPos = PatchPositions.draw(valSeq, up.height(), up.width(), spec.patchHeight(),
            spec.patchWidth(), random.split());
        return new TrainingData(constants, new PatchSet(up, unique, trainPos), new PatchSet(up, unique, valPos));
    }

    /**
     * Refuses NaN/Inf pixels in any frame training uses (training or validation): prediction replaces them, but
     * here they would shift normMin and teach the network a pattern that is not in the data.
     *
     * @throws IllegalArgumentException naming the file, the frame (1-based, of the whole stack) and the pixel
     */
    private static void requireFinite(final FrameSource source, final int[] frames, final float[] px,
        final int frameSize) {
        for (int slot = 0; slot < frames.length; slot++) {
            final int i = NonFinitePixels.first(px, slot * frameSize, frameSize);
            if (i >= 0) {
                throw new IllegalArgumentException(source.source() + ": pixel (x=" + i % source.width() + ", y="
                    + i / source.width() + ") of frame " + (frames[slot] + 1) + " is " + px[slot * frameSize + i]
                    + "; training needs finite pixels in every frame it uses: repair the stack, or leave that "
                    + "frame out of the training and validation frames");
            }
        }
    }

    /** Reads the given ascending frames, contiguous runs in one call each. */
    static ImageStack readFrames(final FrameSource source, final int[] frames, final Monitor monitor)
        throws IOException {
        final int size = source.height() * source.width();
        final float[] out = new float[Math.multiplyExact(frames.length, size)];
        int i = 0;
        while (i < frames.length) {
            monitor.checkCancelled();
            int j = i + 1;
            while (j < frames.length && frames[j] == frames[j - 1] + 1 && j - i < 256) {
                j++;
            }
            final ImageStack part = source.read(frames[i], j - i);
            System.arraycopy(part.pixels(), 0, out, i * size, (j - i) * size);
            i = j;
            monitor.progress((double)i / frames.length, "read " + i + " of " + frames.length + " frames");
        }
        return new ImageStack(out, frames.length, source.height(), source.width(), source.pixelSizeNm(),
            source.source() + " frames " + Arrays.toString(Arrays.copyOf(frames, Math.min(frames.length, 5)))
                + (frames.length > 5 ? "…" : ""));
    }

    /** @return normMin and normMax */
    public NormalizationConstants constants() {
        return constants;
    }

    /** @return the training patches */
    public PatchSet train() {
        return train;
    }

    /** @return the validation patches */
    public PatchSet validation() {
        return validation;
    }
}
