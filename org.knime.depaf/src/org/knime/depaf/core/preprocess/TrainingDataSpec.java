package org.knime.depaf.core.preprocess;

import java.util.Objects;

import org.knime.depaf.core.resample.Interpolation;
import org.knime.depaf.core.resample.UpsamplingRatios;

/**
 * What {@link TrainingData#prepare} needs: the frame split, patch counts and size, the adjusted upsampling
 * ratios, the interpolation method and the seed. Immutable; validated where it can be without the data
 * (the patch size is checked against the frames in {@link TrainingData#prepare}).
 */
public final class TrainingDataSpec {

    private final FrameSplit split;
    private final int trainPatches;
    private final int validationPatches;
    private final int patchHeight;
    private final int patchWidth;
    private final int encoderDepth;
    private final UpsamplingRatios ratios;
    private final Interpolation method;
    private final long seed;

    /**
     * @param split training and validation frames
     * @param trainPatches trainPatchNum, ≥ 1
     * @param validationPatches valPatchNum, ≥ 1
     * @param patchHeight p_y on the upsampled grid
     * @param patchWidth p_x on the upsampled grid
     * @param encoderDepth U-Net depth (patch sides must be multiples of 2^depth unless 1)
     * @param ratios the adjusted upsampling ratios (from the POI preprocessing)
     * @param method interpolation method
     * @param seed seed for frame assignment and patch positions
     */
    public TrainingDataSpec(final FrameSplit split, final int trainPatches, final int validationPatches,
        final int patchHeight, final int patchWidth, final int encoderDepth, final UpsamplingRatios ratios,
        final Interpolation method, final long seed) {
        this.split = Objects.requireNonNull(split, "frame split");
        if (trainPatches < 1) {
            throw new IllegalArgumentException("The number of training patches must be at least 1, got "
                + trainPatches);
        }
        if (validationPatches < 1) {
            throw new IllegalArgumentException("The number of validation patches must be at least 1, got "
                + validationPatches);
        }
        this.trainPatches = trainPatches;
        this.validationPatches = validationPatches;
        this.patchHeight = patchHeight;
        this.patchWidth = patchWidth;
        this.encoderDepth = encoderDepth;
        this.ratios = Objects.requireNonNull(ratios, "upsampling ratios");
        this.method = Objects.requireNonNull(method, "interpolation method");
        this.seed = seed;
    }

    public FrameSplit split() {
        return split;
    }

    public int trainPatches() {
        return trainPatches;
    }

    public int validationPatches() {
        return validationPatches;
    }

    public int patchHeight() {
        return patchHeight;
    }

    public int patchWidth() {
        return patchWidth;
    }

    public int encoderDepth() {
        return encoderDepth;
    }

    public UpsamplingRatios ratios() {
        return ratios;
    }

    public Interpolation method() {
        return method;
    }

    public long seed() {
        return seed;
    }
}
