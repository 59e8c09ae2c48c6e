package org.knime.depaf.cli;

import java.util.LinkedHashMap;
import java.util.Map;

import org.knime.depaf.core.resample.Interpolation;
import org.knime.depaf.core.train.TrainingParameters;
import org.knime.depaf.core.train.TrainingParameters.Preset;

import picocli.CommandLine.Option;

/**
 * Every training parameter of {@link TrainingParameters}, with the KNIME node's names. An option left out keeps
 * the preset's value, so the defaults are the engine's; {@link #toParameters()} maps the options in one place.
 */
final class TrainingOptions {

    /** Engine parameter names (in its messages) → the option that sets them. */
    private static final Map<String, String> OPTION_OF = new LinkedHashMap<>();

    static {
        OPTION_OF.put("'lambda'", "--lambda");
        OPTION_OF.put("'upsampling ratio", "--upsampling");
        OPTION_OF.put("'encoderDepth'", "--encoder-depth");
        OPTION_OF.put("'baseWidth'", "--base-width");
        OPTION_OF.put("'patchSize'", "--patch-size");
        OPTION_OF.put("'patch size cap'", "--patch-size-cap");
        OPTION_OF.put("'trainPatchNum'", "--train-patches");
        OPTION_OF.put("'valPatchNum'", "--val-patches");
        OPTION_OF.put("'learningRate'", "--learning-rate");
        OPTION_OF.put("'minLR'", "--min-learning-rate");
        OPTION_OF.put("'miniBatchSize'", "--batch-size");
        OPTION_OF.put("'maxEpochs'", "--max-epochs");
        OPTION_OF.put("'valFreq'", "--val-freq");
        OPTION_OF.put("'maxPatience'", "--max-patience");
        OPTION_OF.put("'patchNumForThreshSearch'", "--threshold-patches");
        OPTION_OF.put("'λ warm-up milestones'", "--warmup");
        OPTION_OF.put("'trainIdxRange/valIdxRange'", "--train-frames and --val-frames");
        OPTION_OF.put("'maxIterations'", "--max-iterations");
        OPTION_OF.put("'maxMinutes'", "--max-minutes");
        OPTION_OF.put("'zChannelStep'", "--z-channel-step");
    }

    @Option(names = "--lambda", required = true, paramLabel = "λ", order = 1,
        description = "Sensitivity λ ≥ 0, the weight of the sparsity term (required). Higher finds fewer, surer "
            + "spots and resists noise better; try 1e-1 … 1e-4 on a log scale.")
    double lambda;

    @Option(names = "--preset", paramLabel = "paper|cpu", defaultValue = "cpu", order = 2,
        description = "Where the defaults come from: cpu (a narrow network and small patches, measured for a "
            + "2-core CPU) or paper (the reference's GPU values). Default: ${DEFAULT-VALUE}.")
    Preset preset;

    @Option(names = "--upsampling", paramLabel = "y,x[,z]", converter = Converters.RatioTriple.class, order = 3,
        description = "upsamplRatio: the network works on a grid finer than the camera's by these factors (≥ 1; "
            + "z applies to a POI z-stack). Default: ${bundle:cpu.upsamplRatio} (1.5 along y and x, 1 along a "
            + "data axis of size 1).")
    Converters.Ratios upsampling;

    @Option(names = "--interpolation", paramLabel = "spline|linear|nearest|cubic", order = 4,
        description = "interpMethod for all resampling. Default: ${bundle:cpu.interpMethod}.")
    Interpolation interpolation;

    @Option(names = "--encoder-depth", paramLabel = "N", order = 5,
        description = "encoderDepth: U-Net down-sampling stages, 1–8. Default: ${bundle:cpu.encoderDepth}.")
    Integer encoderDepth;

    @Option(names = "--base-width", paramLabel = "N", order = 6,
        description = "Channels of the first U-Net stage (auto = max(64, POI slices + 1)). Default: paper "
            + "${bundle:paper.baseWidth}, cpu ${bundle:cpu.baseWidth}.")
    Integer baseWidth;

    @Option(names = "--patch-size", paramLabel = "h,w", converter = Converters.IntPair.class, order = 7,
        description = "patchSize on the upsampled grid, a multiple of 2^depth. Default: auto, the largest that "
            + "fits the frame up to the cap.")
    Converters.Ints patchSize;

    @Option(names = "--patch-size-cap", paramLabel = "PX", order = 8,
        description = "Cap of the automatic patch size. Default: paper ${bundle:paper.patchSizeCap}, cpu "
            + "${bundle:cpu.patchSizeCap}.")
    Integer patchCap;

    @Option(names = "--train-patches", paramLabel = "N", order = 9,
        description = "trainPatchNum: training patches drawn once. Default: paper ${bundle:paper.trainPatchNum}, "
            + "cpu ${bundle:cpu.trainPatchNum}.")
    Integer trainPatches;

    @Option(names = "--val-patches", paramLabel = "N", order = 10,
        description = "valPatchNum: validation patches. Default: paper ${bundle:paper.valPatchNum}, cpu "
            + "${bundle:cpu.valPatchNum}.")
    Integer valPatches;

    @Option(names = "--learning-rate", paramLabel = "RATE", order = 11,
        description = "Initial Adam learning rate. Default: ${bundle:cpu.learningRate}.")
    Double learningRate;

    @Option(names = "--min-learning-rate", paramLabel = "RATE", order = 12,
        description = "minLR, the floor of the halvings. Default: ${bundle:cpu.minLR}.")
    Double minLearningRate;

    @Option(names = "--batch-size", paramLabel = "N", order = 13,
        description = "miniBatchSize: patches per training step. Default: ${bundle:cpu.miniBatchSize}.")
    Integer batchSize;

    @Option(names = "--max-epochs", paramLabel = "N", order = 14,
        description = "maxEpochs. Default: ${bundle:cpu.maxEpochs}.")
    Integer maxEpochs;

    @Option(names = "--val-freq", paramLabel = "N", order = 15,
        description = "valFreq: validate at iterations 1, 1+N, 1+2N, … Default: ${bundle:cpu.valFreq}.")
    Integer valFreq;

    @Option(names = "--max-patience", paramLabel = "N", order = 16,
        description = "maxPatience, counted in validations. Default: paper ${bundle:paper.maxPatience}, cpu "
            + "${bundle:cpu.maxPatience}.")
    Integer maxPatience;

    @Option(names = "--learn-background", order = 17,
        description = "learnBG: learn a smooth background beside the patterns (the default: "
            + "${bundle:cpu.learnBG}).")
    boolean learnBackground;

    @Option(names = "--no-learn-background", order = 18, description = "Do not learn a background.")
    boolean noLearnBackground;

    @Option(names = "--threshold-patches", paramLabel = "N", order = 19,
        description = "patchNumForThreshSearch: training patches used to choose the detection threshold. "
            + "Default: paper ${bundle:paper.patchNumForThreshSearch}, cpu ${bundle:cpu.patchNumForThreshSearch}.")
    Integer thresholdPatches;

    @Option(names = "--warmup", paramLabel = "first,second", converter = Converters.LongPair.class, order = 20,
        description = "λ warm-up: iterations at which λ reaches 10 %% and 100 %%. Default: paper "
            + "${bundle:paper.lambdaWarmup}, cpu ${bundle:cpu.lambdaWarmup}.")
    Converters.Longs warmup;

    @Option(names = "--train-frames", paramLabel = "RANGES", converter = Converters.FrameRanges.class, order = 21,
        description = "trainIdxRange: frames for training patches, counted from 1, e.g. 1-80 or 1-80,90-95. "
            + "Default: a random 80 %%.")
    Converters.Frames trainFrames;

    @Option(names = "--val-frames", paramLabel = "RANGES", converter = Converters.FrameRanges.class, order = 22,
        description = "valIdxRange: frames for validation patches, e.g. 81-100. Default: the other 20 %%.")
    Converters.Frames valFrames;

    @Option(names = "--seed", paramLabel = "N", order = 23,
        description = "Seed of every random choice; the same seed gives the same model. Default: "
            + "${bundle:cpu.seed}.")
    Long seed;

    @Option(names = "--max-iterations", paramLabel = "N", order = 24,
        description = "Stop after N iterations (0 = no limit). Default: paper ${bundle:paper.maxIterations}, "
            + "cpu ${bundle:cpu.maxIterations}.")
    Long maxIterations;

    @Option(names = "--max-minutes", paramLabel = "MIN", order = 25,
        description = "Stop after this many minutes, keeping the best model (0 = no limit). Default: paper "
            + "${bundle:paper.maxMinutes}, cpu ${bundle:cpu.maxMinutes}.")
    Double maxMinutes;

    @Option(names = "--z-channel-step", paramLabel = "NM", order = 26,
        description = "For a PSF z-stack POI: spacing of the network's z channels in nm; finer POI slices are "
            + "averaged into channels and z is refined between them (0 = one channel per POI slice). Default: "
            + "paper ${bundle:paper.zChannelStepNm}, cpu ${bundle:cpu.zChannelStepNm}.")
    Double zChannelStep;

    /**
     * @return the training parameters: the preset's, overridden by the options given
     * @throws BadInputException naming the option of a value out of range
     */
    TrainingParameters toParameters() {
        if (learnBackground && noLearnBackground) {
            throw new BadInputException("--learn-background and --no-learn-background contradict each other; give "
                + "one");
        }
        if ((trainFrames == null) != (valFrames == null)) {
            throw new BadInputException("give both --train-frames and --val-frames, or neither (a random 80 % / "
                + "20 % split)");
        }
        final TrainingParameters defaults = TrainingParameters.builder(preset, 0).build();
        final TrainingParameters.Builder b = TrainingParameters.builder(preset, lambda);
        if (upsampling != null) {
            b.upsampling(upsampling.y(), upsampling.x(), upsampling.z());
        }
        if (interpolation != null) {
            b.interpolation(interpolation);
        }
        if (encoderDepth != null) {
            b.encoderDepth(encoderDepth);
        }
        if (baseWidth != null) {
            b.baseWidth(baseWidth);
        }
        if (patchSize != null) {
            b.patchSize(patchSize.first(), patchSize.second());
        }
        if (patchCap != null) {
            b.patchCap(patchCap);
        }
        if (trainPatches != null || valPatches != null) {
            b.patches(trainPatches != null ? trainPatches : defaults.trainPatches(),
                valPatches != null ? valPatches : defaults.validationPatches());
        }
        if (learningRate != null || minLearningRate != null) {
            b.learningRates(learningRate != null ? learningRate : defaults.learningRate(),
                minLearningRate != null ? minLearningRate : defaults.minLearningRate());
        }
        if (batchSize != null) {
            b.batchSize(batchSize);
        }
        if (maxEpochs != null) {
            b.maxEpochs(maxEpochs);
        }
        if (valFreq != null) {
            b.validationFrequency(valFreq);
        }
        if (maxPatience != null) {
            b.maxPatience(maxPatience);
        }
        if (learnBackground || noLearnBackground) {
            b.learnBackground(learnBackground);
        }
        if (thresholdPatches != null) {
            b.thresholdPatches(thresholdPatches);
        }
        if (warmup != null) {
            b.warmup(warmup.first(), warmup.second());
            b.fitScheduleToBudget(false); // the user's milestones are kept as given
        }
        if (zChannelStep != null) {
            b.zChannelStep(zChannelStep);
        }
        if (trainFrames != null) {
            b.frames(trainFrames.indices(), valFrames.indices());
        }
        if (seed != null) {
            b.seed(seed);
        }
        if (maxIterations != null) {
            b.maxIterations(maxIterations);
        }
        if (maxMinutes != null) {
            b.maxMinutes(maxMinutes);
        }
        try {
            return b.build();
        } catch (final IllegalArgumentException e) {
            throw new BadInputException(withOption(e.getMessage()), e);
        }
    }

    /** Appends the option that sets the parameter an engine message names. */
    static String withOption(final String message) {
        for (final Map.Entry<String, String> e : OPTION_OF.entrySet()) {
            if (message.contains(e.getKey())) {
                return message + " (option " + e.getValue() + ")";
            }
        }
        return message;
    }

    /** Frames beyond the stack: the engine checks the range, the CLI says which option. */
    void requireFramesWithin(final int frames) {
        for (final Converters.Frames list : new Converters.Frames[] {trainFrames, valFrames}) {
            if (list != null && list.last() >= frames) {
                throw new BadInputException((list == trainFrames ? "--train-frames" : "--val-frames")
                    + " reaches frame " + (list.last() + 1) + " but the data has only " + frames + " frames");
            }
        }
    }
}
