package org.knime.depaf.node.adapter;

import java.util.Locale;

import org.knime.depaf.core.resample.Interpolation;
import org.knime.depaf.core.train.TrainingParameters;
import org.knime.depaf.core.train.TrainingParameters.Preset;

/**
 * The DEPAF Learner's options as plain values, and their translation into {@link TrainingParameters}.
 *
 * <p>The Learner's dialog holds exactly these values; {@link #defaults()} are its defaults. Two conventions keep the
 * dialog simple: for the options that depend on the preset (base width, patch-size cap, validation patches,
 * threshold patches, patience, λ warm-up, iteration and time limits) the value <b>0 means "the preset's value"</b>;
 * for the upsampling ratios y and x, 0 means automatic (1.5, or 1 along an axis of size 1), as for the patch size.
 * With every option at its default, {@link #toTrainingParameters()} equals
 * {@code TrainingParameters.builder(preset, lambda).build()}.
 *
 * <p>{@link #validate()} checks every option and names it as the dialog does, saying what to change.
 *
 * @param preset where the defaults come from
 * @param lambda sparsity weight λ, ≥ 0
 * @param seed seed of every random choice
 * @param ratioY upsampling ratio along y, ≥ 1, or 0 for automatic
 * @param ratioX upsampling ratio along x, ≥ 1, or 0 for automatic
 * @param ratioZ upsampling ratio along z (POI slices), ≥ 1
 * @param interpolation resampling method
 * @param encoderDepth U-Net down-sampling stages, 1–8
 * @param baseWidth channels of the first U-Net stage, or 0 for the preset's
 * @param learnBackground whether to learn a smooth background
 * @param patchHeight training patch height on the upsampled grid, or 0 for automatic
 * @param patchWidth training patch width on the upsampled grid, or 0 for automatic
 * @param patchCap cap of the automatic patch size, or 0 for the preset's
 * @param trainPatches training patches, ≥ 1
 * @param validationPatches validation patches, or 0 for the preset's
 * @param batchSize patches per iteration
 * @param learningRate initial learning rate, &gt; 0
 * @param minLearningRate floor of the learning-rate halvings, &gt; 0
 * @param maxEpochs epoch limit, ≥ 1
 * @param validationFrequency validate every this many iterations, ≥ 1
 * @param maxPatience validations without improvement before the learning rate halves, or 0 for the preset's
 * @param thresholdPatches training patches for the threshold search, or 0 for the preset's
 * @param warmupFirst iteration at which λ reaches 10 %, or 0 for the preset's
 * @param warmupSecond iteration at which λ reaches 100 %, or 0 for the preset's
 * @param trainFrames training frames, 1-based list such as "1-800", or blank for a random 80 % split
 * @param validationFrames validation frames, same form, blank for the random 20 %
 * @param maxIterations iteration limit, or 0 for the preset's
 * @param maxMinutes time limit in minutes, or 0 for the preset's
 * @param zChannelStepNm spacing of the network's z channels for a PSF z-stack POI in nm, or 0 for the preset's (CPU:
 *            50 nm, Paper: one channel per POI slice); at or below the POI's slice spacing for one channel per slice
 */
public record LearnerOptions(Preset preset, double lambda, long seed, double ratioY, double ratioX, double ratioZ,
    Interpolation interpolation, int encoderDepth, int baseWidth, boolean learnBackground, int patchHeight,
    int patchWidth, int patchCap, int trainPatches, int validationPatches, int batchSize, double learningRate,
    double minLearningRate, int maxEpochs, int validationFrequency, int maxPatience, int thresholdPatches,
    long warmupFirst, long warmupSecond, String trainFrames, String validationFrames, long maxIterations,
    double maxMinutes, double zChannelStepNm) {

    /** Default λ: the middle of the method's recommended range for sparse 2-D data (1e-4 … 1e-1). */
    public static final double DEFAULT_LAMBDA = 0.02;

    /** The default preset: nodes run on the CPU. */
    public static final Preset DEFAULT_PRESET = Preset.CPU;

    /** Option names as the dialog shows them (used in messages). */
    public static final String LAMBDA = "Sparsity weight λ";
    static final String RATIO_Y = "Upsampling ratio y";
    static final String RATIO_X = "Upsampling ratio x";
    static final String RATIO_Z = "Upsampling ratio z";
    static final String DEPTH = "Encoder depth";
    static final String BASE_WIDTH = "Base width";
    static final String PATCH = "Patch height / width";
    static final String PATCH_CAP = "Patch size cap";
    static final String TRAIN_PATCHES = "Training patches";
    static final String VALIDATION_PATCHES = "Validation patches";
    static final String BATCH = "Mini-batch size";
    static final String LEARNING_RATE = "Learning rate";
    static final String MIN_LEARNING_RATE = "Minimum learning rate";
    static final String MAX_EPOCHS = "Maximum epochs";
    static final String VALIDATION_FREQUENCY = "Validation frequency";
    static final String PATIENCE = "Patience";
    static final String THRESHOLD_PATCHES = "Threshold-search patches";
    static final String WARMUP = "λ warm-up iterations";
    static final String TRAIN_FRAMES = "Training frames";
    static final String VALIDATION_FRAMES = "Validation frames";
    static final String MAX_ITERATIONS = "Maximum iterations";
    static final String MAX_MINUTES = "Time limit";
    static final String Z_CHANNEL_STEP = "z channel step [nm]";

    /** @return the Learner's defaults: the CPU preset, λ = 0.02, seed 42, every other option "as the preset" */
    public static LearnerOptions defaults() {
        final TrainingParameters p = TrainingParameters.builder(DEFAULT_PRESET, DEFAULT_LAMBDA).build();
        return new LearnerOptions(DEFAULT_PRESET, DEFAULT_LAMBDA, p.seed(), 0, 0, p.ratioZ(), p.interpolation(),
            p.encoderDepth(), 0, p.learnBackground(), 0, 0, 0, p.trainPatches(), 0, p.batchSize(), p.learningRate(),
            p.minLearningRate(), p.maxEpochs(), p.validationFrequency(), 0, 0, 0, 0, "", "", 0, 0, 0);
    }

    /**
     * Checks every option.
     *
     * @throws IllegalArgumentException naming the first bad option as the dialog shows it and saying what to change
     */
    public void validate() {
        if (preset == null) {
            throw new IllegalArgumentException("Preset: choose 'CPU' or 'Paper'");
        }
        require(lambda >= 0 && Double.isFinite(lambda), LAMBDA, lambda,
            "a number ≥ 0; typical values are 0.0001 to 0.1 (larger finds fewer, surer spots)");
        requireRatio(RATIO_Y, ratioY);
        requireRatio(RATIO_X, ratioX);
        require(ratioZ >= 1 && Double.isFinite(ratioZ), RATIO_Z, ratioZ, "a number ≥ 1 (1 keeps the POI's slices)");
        require(interpolation != null, "Interpolation", null, "one of spline, linear, nearest, cubic");
        require(encoderDepth >= 1 && encoderDepth <= 8, DEPTH, encoderDepth, "between 1 and 8 (2 is usual)");
        require(baseWidth >= 0, BASE_WIDTH, baseWidth, "≥ 1, or 0 for the preset's value");
        require(patchHeight >= 0 && patchWidth >= 0, PATCH, patchHeight + " × " + patchWidth,
            "≥ 1, or 0 for automatic");
        final int multiple = 1 << encoderDepth;
        require(patchHeight % multiple == 0, PATCH, patchHeight,
            "a multiple of " + multiple + " (2^encoder depth), or 0 for automatic");
        require(patchWidth % multiple == 0 || patchWidth == 1, PATCH, patchWidth,
            "a multiple of " + multiple + " (2^encoder depth), 1 for 1-D traces, or 0 for automatic");
        require(patchCap >= 0, PATCH_CAP, patchCap, "≥ 1, or 0 for the preset's value");
        require(trainPatches >= 1, TRAIN_PATCHES, trainPatches, "≥ 1 (512 is usual)");
        require(validationPatches >= 0, VALIDATION_PATCHES, validationPatches, "≥ 1, or 0 for the preset's value");
        require(batchSize >= 1 && batchSize <= trainPatches, BATCH, batchSize,
            "between 1 and the number of training patches (" + trainPatches + ")");
        require(learningRate > 0 && Double.isFinite(learningRate), LEARNING_RATE, learningRate,
            "a number > 0 (0.001 is usual)");
        require(minLearningRate > 0 && minLearningRate <= learningRate, MIN_LEARNING_RATE, minLearningRate,
            "a number > 0 and at most the learning rate (" + learningRate + ")");
        require(maxEpochs >= 1, MAX_EPOCHS, maxEpochs, "≥ 1");
        require(validationFrequency >= 1, VALIDATION_FREQUENCY, validationFrequency, "≥ 1 iteration");
        require(maxPatience >= 0, PATIENCE, maxPatience, "≥ 1 validation, or 0 for the preset's value");
        require(thresholdPatches >= 0, THRESHOLD_PATCHES, thresholdPatches, "≥ 1, or 0 for the preset's value");
        require(thresholdPatches <= trainPatches, THRESHOLD_PATCHES, thresholdPatches,
            "at most the number of training patches (" + trainPatches + "), or 0 for the preset's value");
        require(warmupFirst >= 0 && warmupSecond >= 0, WARMUP, warmupFirst + " and " + warmupSecond,
            "≥ 1, or 0 for the preset's values");
        require((warmupFirst == 0) == (warmupSecond == 0), WARMUP, warmupFirst + " and " + warmupSecond,
            "both set or both 0 (the preset's values)");
        require(warmupFirst <= warmupSecond, WARMUP, warmupFirst + " and " + warmupSecond,
            "the first (10 % of λ) at most the second (100 % of λ)");
        require(maxIterations >= 0, MAX_ITERATIONS, maxIterations, "≥ 1, or 0 for the preset's value");
        require(maxMinutes >= 0 && Double.isFinite(maxMinutes), MAX_MINUTES, maxMinutes,
            "≥ 0 minutes (0 for the preset's value)");
        require(zChannelStepNm >= 0 && zChannelStepNm <= 1e6, Z_CHANNEL_STEP, zChannelStepNm,
            "≥ 0 nm (0 for the preset's value)");
        final int[] train = FrameRanges.parse(trainFrames, TRAIN_FRAMES);
        final int[] validation = FrameRanges.parse(validationFrames, VALIDATION_FRAMES);
        if ((train == null) != (validation == null)) {
            throw new IllegalArgumentException(TRAIN_FRAMES + " and " + VALIDATION_FRAMES
                + ": give both lists (e.g. '1-800' and '801-1000') or leave both empty for a random 80 % / 20 % split");
        }
    }

    /**
     * @return the engine's parameters: the preset's, with every option that is not "as the preset" applied
     * @throws IllegalArgumentException as {@link #validate()}
     */
    public TrainingParameters toTrainingParameters() {
        validate();
        final TrainingParameters.Builder b = TrainingParameters.builder(preset, lambda);
        final TrainingParameters base = b.build();
        b.seed(seed);
        b.upsampling(ratioY == 0 ? Double.NaN : ratioY, ratioX == 0 ? Double.NaN : ratioX, ratioZ);
        b.interpolation(interpolation);
        b.encoderDepth(encoderDepth);
        b.baseWidth(baseWidth == 0 ? base.baseWidth() : baseWidth);
        b.learnBackground(learnBackground);
        b.patchSize(patchHeight, patchWidth);
        b.patchCap(patchCap == 0 ? base.patchCap() : patchCap);
        b.patches(trainPatches, validationPatches == 0 ? base.validationPatches() : validationPatches);
        b.batchSize(batchSize);
        b.learningRates(learningRate, minLearningRate);
        b.maxEpochs(maxEpochs);
        b.validationFrequency(validationFrequency);
        b.maxPatience(maxPatience == 0 ? base.maxPatience() : maxPatience);
        b.thresholdPatches(thresholdPatches == 0 ? Math.min(base.thresholdPatches(), trainPatches) : thresholdPatches);
        if (warmupFirst > 0) {
            b.warmup(warmupFirst, warmupSecond);
            b.fitScheduleToBudget(false); // the user's milestones are kept as given
        }
        b.zChannelStep(zChannelStepNm == 0 ? base.zChannelStepNm() : zChannelStepNm);
        b.frames(FrameRanges.parse(trainFrames, TRAIN_FRAMES), FrameRanges.parse(validationFrames, VALIDATION_FRAMES));
        b.maxIterations(maxIterations == 0 ? base.maxIterations() : maxIterations);
        b.maxMinutes(maxMinutes == 0 ? base.maxMinutes() : maxMinutes);
        return b.build();
    }

    private static void requireRatio(final String option, final double v) {
        require(v == 0 || v >= 1 && Double.isFinite(v), option, v, "a number ≥ 1, or 0 for automatic (1.5)");
    }

    private static void require(final boolean ok, final String option, final Object got, final String expected) {
        if (!ok) {
            throw new IllegalArgumentException(option + " must be " + expected + (got == null ? "" : "; it is "
                + format(got)));
        }
    }

    private static String format(final Object v) {
        return v instanceof Double ? String.format(Locale.ROOT, "%s", v) : String.valueOf(v);
    }
}
