package org.knime.depaf.core.train;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.knime.depaf.core.net.NetworkConfig;
import org.knime.depaf.core.resample.Interpolation;
import org.knime.depaf.core.resample.UpsamplingRatios;

/**
 * Every parameter of a DEPAF training run (depaf-method.md §2.2, §7.4, §9), with the reference's names in the
 * documentation and its defaults in {@link Preset#PAPER}. Immutable; make one with {@link #builder(Preset, double)}.
 *
 * <p>"Automatic" values (0 for sizes, NaN for ratios, null for frame lists) are resolved against the data by
 * {@link Trainer}; {@link #asMap()} lists them as given.
 */
public final class TrainingParameters {

    /** Starting points for the parameters. */
    public enum Preset {
        /**
         * The reference's defaults (for a GPU): base width max(64, C+1), patches up to 512 px, 512 training patches,
         * λ warm-up at 2 500 / 5 000 iterations, up to 1 000 epochs.
         */
        PAPER,
        /**
         * Chosen by measurement for a 2-core CPU: a narrower network (base width 16), 64-px patches, a shorter
         * warm-up (250 / 500 iterations), 2 000 iterations at most and a 20-minute limit.
         */
        CPU;

        /**
         * @throws IllegalArgumentException naming the parameter and the accepted values
         */
        public static Preset parse(final String name) {
            for (final Preset p : values()) {
                if (p.name().equalsIgnoreCase(name.trim())) {
                    return p;
                }
            }
            throw new IllegalArgumentException("preset must be one of " + Arrays.toString(values()).toLowerCase(
                Locale.ROOT) + ", got '" + name + "'");
        }
    }

    private final Builder b;

    private TrainingParameters(final Builder b) {
        this.b = b.copy();
    }

    /**
     * @param preset where the defaults come from
     * @param lambda the sparsity weight λ (the only parameter without default)
     * @return a builder with the preset's values
     */
    public static Builder builder(final Preset preset, final double lambda) {
        final Builder b = new Builder();
        b.preset = Objects.requireNonNull(preset, "preset");
        b.lambda = lambda;
        if (preset == Preset.CPU) {
            b.baseWidth = 16;
            b.patchCap = 64;
            b.validationPatches = 32;
            b.warmupFirst = 250;
            b.warmupSecond = 500;
            b.maxPatience = 10;
            b.maxIterations = 2_000;
            b.maxMinutes = 20;
            b.thresholdPatches = 128;
            b.zChannelStepNm = CPU_Z_CHANNEL_STEP_NM;
            b.fitScheduleToBudget = true;
        }
        return b;
    }

    /** The z channel spacing of the CPU preset for z-stack POIs with finer slices, in nm. */
    public static final double CPU_Z_CHANNEL_STEP_NM = 50;

    /** Mutable builder; {@link #build()} validates. */
    public static final class Builder {
        private Preset preset = Preset.PAPER;
        private double lambda;
        private double ratioY = Double.NaN;
        private double ratioX = Double.NaN;
        private double ratioZ = 1;
        private Interpolation interpolation = Interpolation.SPLINE;
        private int encoderDepth = 2;
        private int baseWidth;
        private int patchHeight;
        private int patchWidth;
        private int patchCap = 512;
        private int trainPatches = 512;
        private int validationPatches = 64;
        private double learningRate = 1e-3;
        private double minLearningRate = 1e-4;
        private int batchSize = 8;
        private int maxEpochs = 1000;
        private int validationFrequency = 20;
        private int maxPatience = 20;
        private boolean learnBackground = true;
        private int thresholdPatches = 512;
        private long warmupFirst = LambdaSchedule.DEFAULT_FIRST_MILESTONE;
        private long warmupSecond = LambdaSchedule.DEFAULT_SECOND_MILESTONE;
        private int[] trainFrames;
        private int[] validationFrames;
        private long seed = 42;
        private long maxIterations;
        private double maxMinutes;
        private double zChannelStepNm;
        private boolean fitScheduleToBudget;

        private Builder() {
        }

        private Builder copy() {
            final Builder c = new Builder();
            c.preset = preset;
            c.lambda = lambda;
            c.ratioY = ratioY;
            c.ratioX = ratioX;
            c.ratioZ = ratioZ;
            c.interpolation = interpolation;
            c.encoderDepth = encoderDepth;
            c.baseWidth = baseWidth;
            c.patchHeight = patchHeight;
            c.patchWidth = patchWidth;
            c.patchCap = patchCap;
            c.trainPatches = trainPatches;
            c.validationPatches = validationPatches;
            c.learningRate = learningRate;
            c.minLearningRate = minLearningRate;
            c.batchSize = batchSize;
            c.maxEpochs = maxEpochs;
            c.validationFrequency = validationFrequency;
            c.maxPatience = maxPatience;
            c.learnBackground = learnBackground;
            c.thresholdPatches = thresholdPatches;
            c.warmupFirst = warmupFirst;
            c.warmupSecond = warmupSecond;
            c.trainFrames = trainFrames == null ? null : trainFrames.clone();
            c.validationFrames = validationFrames == null ? null : validationFrames.clone();
            c.seed = seed;
            c.maxIterations = maxIterations;
            c.maxMinutes = maxMinutes;
            c.zChannelStepNm = zChannelStepNm;
            c.fitScheduleToBudget = fitScheduleToBudget;
            return c;
        }

        /** @param v λ, the sparsity weight, ≥ 0 (typical 1e-4 … 1e-1; higher finds fewer, surer spots) */
        public Builder lambda(final double v) {
            lambda = v;
            return this;
        }

        /**
         * upsamplRatio: the network works on a grid finer than the camera's by these factors (1 to
         * {@link UpsamplingRatios#MAX_REQUESTED}; 1 along a data axis of size 1). NaN for y or x means 1.5, or 1
         * along an axis of size 1.
         */
        public Builder upsampling(final double y, final double x, final double z) {
            ratioY = y;
            ratioX = x;
            ratioZ = z;
            return this;
        }

        /** @param v interpMethod for all resampling */
        public Builder interpolation(final Interpolation v) {
            interpolation = Objects.requireNonNull(v, "interpolation");
            return this;
        }

        /** @param v encoderDepth, number of U-Net down-sampling stages, 1–8 */
        public Builder encoderDepth(final int v) {
            encoderDepth = v;
            return this;
        }

        /** @param v channels of the first U-Net stage; 0 = the reference's max(64, C + 1) */
        public Builder baseWidth(final int v) {
            baseWidth = v;
            return this;
        }

        /** patchSize on the upsampled grid; 0 = the largest multiple of 2^depth ≤ min(cap, frame) */
        public Builder patchSize(final int height, final int width) {
            patchHeight = height;
            patchWidth = width;
            return this;
        }

        /** @param v the cap of the automatic patch size (the reference's 512) */
        public Builder patchCap(final int v) {
            patchCap = v;
            return this;
        }

        /** trainPatchNum and valPatchNum: patches drawn once before training */
        public Builder patches(final int train, final int validation) {
            trainPatches = train;
            validationPatches = validation;
            return this;
        }

        /** learningRate (initial) and minLR (floor of the halvings) */
        public Builder learningRates(final double initial, final double minimum) {
            learningRate = initial;
            minLearningRate = minimum;
            return this;
        }

        /** @param v miniBatchSize */
        public Builder batchSize(final int v) {
            batchSize = v;
            return this;
        }

        /** @param v maxEpochs */
        public Builder maxEpochs(final int v) {
            maxEpochs = v;
            return this;
        }

        /** @param v valFreq: validate every this many iterations (iterations 1, 1 + v, …) */
        public Builder validationFrequency(final int v) {
            validationFrequency = v;
            return this;
        }

        /** @param v maxPatience, counted in validations */
        public Builder maxPatience(final int v) {
            maxPatience = v;
            return this;
        }

        /** @param v learnBG: learn a smooth background beside the patterns */
        public Builder learnBackground(final boolean v) {
            learnBackground = v;
            return this;
        }

        /** @param v patchNumForThreshSearch: training patches used to choose the threshold, ≤ training patches */
        public Builder thresholdPatches(final int v) {
            thresholdPatches = v;
            return this;
        }

        /** λ warm-up milestones (iterations at 10 % and at 100 % of λ) */
        public Builder warmup(final long first, final long second) {
            warmupFirst = first;
            warmupSecond = second;
            return this;
        }

        /** trainIdxRange and valIdxRange, 0-based frame indices; null = a random 80 % / 20 % split */
        public Builder frames(final int[] train, final int[] validation) {
            trainFrames = train == null ? null : train.clone();
            validationFrames = validation == null ? null : validation.clone();
            return this;
        }

        /** @param v seed of every random choice (split, patches, initial weights, dropout) */
        public Builder seed(final long v) {
            seed = v;
            return this;
        }

        /** @param v stop after this many iterations (0 = no limit beyond maxEpochs) */
        public Builder maxIterations(final long v) {
            maxIterations = v;
            return this;
        }

        /**
         * @param v spacing of the network's z channels in nm for a z-stack POI with finer slices (its slices are
         *            averaged into channels, z is refined between them); 0 = the POI's own slices
         */
        public Builder zChannelStep(final double v) {
            zChannelStepNm = v;
            return this;
        }

        /**
         * @param v whether the λ warm-up and the curriculum are scaled to the budget when maxMinutes or
         *            maxIterations would end training before full λ has trained for half of it
         */
        public Builder fitScheduleToBudget(final boolean v) {
            fitScheduleToBudget = v;
            return this;
        }

        /** @param v stop training after this many minutes (0 = no limit); the best model so far is kept */
        public Builder maxMinutes(final double v) {
            maxMinutes = v;
            return this;
        }

        /**
         * @return the parameters
         * @throws IllegalArgumentException naming the first parameter that is out of range and what it must be
         */
        public TrainingParameters build() {
            require(lambda >= 0 && Double.isFinite(lambda), "lambda", "a finite number ≥ 0", lambda);
            requireRatio("upsampling ratio y", ratioY);
            requireRatio("upsampling ratio x", ratioX);
            require(ratioZ >= 1 && ratioZ <= UpsamplingRatios.MAX_REQUESTED, "upsampling ratio z",
                "a number from 1 to " + (int)UpsamplingRatios.MAX_REQUESTED, ratioZ);
            require(encoderDepth >= 1 && encoderDepth <= NetworkConfig.MAX_ENCODER_DEPTH, "encoderDepth",
                "between 1 and " + NetworkConfig.MAX_ENCODER_DEPTH, encoderDepth);
            require(baseWidth >= 0, "baseWidth", "≥ 1, or 0 for automatic", baseWidth);
            require(patchHeight >= 0 && patchWidth >= 0, "patchSize", "≥ 1, or 0 for automatic",
                patchHeight + " × " + patchWidth);
            require(patchCap >= 1, "patch size cap", "≥ 1", patchCap);
            require(trainPatches >= 1, "trainPatchNum", "≥ 1", trainPatches);
            require(validationPatches >= 1, "valPatchNum", "≥ 1", validationPatches);
            require(learningRate > 0 && Double.isFinite(learningRate), "learningRate", "a number > 0", learningRate);
            require(minLearningRate > 0 && minLearningRate <= learningRate, "minLR",
                "a number > 0 and ≤ learningRate (" + learningRate + ")", minLearningRate);
            require(batchSize >= 1 && batchSize <= trainPatches, "miniBatchSize",
                "between 1 and trainPatchNum (" + trainPatches + ")", batchSize);
            require(maxEpochs >= 1, "maxEpochs", "≥ 1", maxEpochs);
            require(validationFrequency >= 1, "valFreq", "≥ 1", validationFrequency);
            require(maxPatience >= 1, "maxPatience", "≥ 1", maxPatience);
            require(thresholdPatches >= 1 && thresholdPatches <= trainPatches, "patchNumForThreshSearch",
                "between 1 and trainPatchNum (" + trainPatches + ")", thresholdPatches);
            require(warmupFirst >= 1 && warmupSecond >= warmupFirst, "λ warm-up milestones",
                "1 ≤ first ≤ second", warmupFirst + " and " + warmupSecond);
            require(maxIterations >= 0, "maxIterations", "≥ 0 (0 = no limit)", maxIterations);
            require(maxMinutes >= 0 && Double.isFinite(maxMinutes), "maxMinutes", "≥ 0 (0 = no limit)", maxMinutes);
            require(zChannelStepNm >= 0 && zChannelStepNm <= 1e6, "zChannelStep",
                "a number of nm from 0 (the POI's slices) to 1000000", zChannelStepNm);
            require((trainFrames == null) == (validationFrames == null), "trainIdxRange/valIdxRange",
                "both given or both automatic", trainFrames == null ? "only valIdxRange" : "only trainIdxRange");
            return new TrainingParameters(this);
        }

        private static void requireRatio(final String name, final double v) {
            require(Double.isNaN(v) || v >= 1 && v <= UpsamplingRatios.MAX_REQUESTED, name,
                "a number from 1 to " + (int)UpsamplingRatios.MAX_REQUESTED + " (or automatic)", v);
        }

        private static void require(final boolean ok, final String name, final String expected,
            final Object got) {
            if (!ok) {
                throw new IllegalArgumentException("Training parameter '" + name + "' must be " + expected
                    + ", got " + got);
            }
        }
    }

    /** @return a builder holding these values */
    public Builder toBuilder() {
        return b.copy();
    }

    public Preset preset() {
        return b.preset;
    }

    public double lambda() {
        return b.lambda;
    }

    /** @return requested y ratio, NaN = automatic */
    public double ratioY() {
        return b.ratioY;
    }

    /** @return requested x ratio, NaN = automatic */
    public double ratioX() {
        return b.ratioX;
    }

    public double ratioZ() {
        return b.ratioZ;
    }

    public Interpolation interpolation() {
        return b.interpolation;
    }

    public int encoderDepth() {
        return b.encoderDepth;
    }

    /** @return 0 = automatic */
    public int baseWidth() {
        return b.baseWidth;
    }

    /** @return 0 = automatic */
    public int patchHeight() {
        return b.patchHeight;
    }

    /** @return 0 = automatic */
    public int patchWidth() {
        return b.patchWidth;
    }

    public int patchCap() {
        return b.patchCap;
    }

    public int trainPatches() {
        return b.trainPatches;
    }

    public int validationPatches() {
        return b.validationPatches;
    }

    public double learningRate() {
        return b.learningRate;
    }

    public double minLearningRate() {
        return b.minLearningRate;
    }

    public int batchSize() {
        return b.batchSize;
    }

    public int maxEpochs() {
        return b.maxEpochs;
    }

    public int validationFrequency() {
        return b.validationFrequency;
    }

    public int maxPatience() {
        return b.maxPatience;
    }

    public boolean learnBackground() {
        return b.learnBackground;
    }

    public int thresholdPatches() {
        return b.thresholdPatches;
    }

    /** @return the λ schedule */
    public LambdaSchedule lambdaSchedule() {
        return new LambdaSchedule(b.lambda, b.warmupFirst, b.warmupSecond);
    }

    /** @return training frames (0-based), null = automatic */
    public int[] trainFrames() {
        return b.trainFrames == null ? null : b.trainFrames.clone();
    }

    /** @return validation frames (0-based), null = automatic */
    public int[] validationFrames() {
        return b.validationFrames == null ? null : b.validationFrames.clone();
    }

    public long seed() {
        return b.seed;
    }

    /** @return 0 = no limit */
    public long maxIterations() {
        return b.maxIterations;
    }

    /** @return 0 = no limit */
    public double maxMinutes() {
        return b.maxMinutes;
    }

    /** @return the z channel spacing in nm; 0 = the POI's own slices */
    public double zChannelStepNm() {
        return b.zChannelStepNm;
    }

    /** @return whether the λ warm-up and the curriculum are scaled to a binding budget */
    public boolean fitScheduleToBudget() {
        return b.fitScheduleToBudget;
    }

    /** @return every parameter as text, in a fixed order (for the model file and logs) */
    public Map<String, String> asMap() {
        final Map<String, String> m = new LinkedHashMap<>();
        m.put("preset", b.preset.name().toLowerCase(Locale.ROOT));
        m.put("lambda", Double.toString(b.lambda));
        m.put("upsamplRatio", b.ratioY + "," + b.ratioX + "," + b.ratioZ);
        m.put("interpMethod", b.interpolation.name().toLowerCase(Locale.ROOT));
        m.put("encoderDepth", Integer.toString(b.encoderDepth));
        m.put("baseWidth", Integer.toString(b.baseWidth));
        m.put("patchSize", b.patchHeight + "," + b.patchWidth);
        m.put("patchSizeCap", Integer.toString(b.patchCap));
        m.put("trainPatchNum", Integer.toString(b.trainPatches));
        m.put("valPatchNum", Integer.toString(b.validationPatches));
        m.put("learningRate", Double.toString(b.learningRate));
        m.put("minLR", Double.toString(b.minLearningRate));
        m.put("miniBatchSize", Integer.toString(b.batchSize));
        m.put("maxEpochs", Integer.toString(b.maxEpochs));
        m.put("valFreq", Integer.toString(b.validationFrequency));
        m.put("maxPatience", Integer.toString(b.maxPatience));
        m.put("learnBG", Boolean.toString(b.learnBackground));
        m.put("patchNumForThreshSearch", Integer.toString(b.thresholdPatches));
        m.put("lambdaWarmup", b.warmupFirst + "," + b.warmupSecond);
        m.put("trainIdxRange", b.trainFrames == null ? "auto" : Arrays.toString(b.trainFrames));
        m.put("valIdxRange", b.validationFrames == null ? "auto" : Arrays.toString(b.validationFrames));
        m.put("seed", Long.toString(b.seed));
        m.put("maxIterations", Long.toString(b.maxIterations));
        m.put("maxMinutes", Double.toString(b.maxMinutes));
        m.put("zChannelStepNm", Double.toString(b.zChannelStepNm));
        m.put("fitScheduleToBudget", Boolean.toString(b.fitScheduleToBudget));
        return m;
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof TrainingParameters && asMap().equals(((TrainingParameters)o).asMap());
    }

    @Override
    public int hashCode() {
        return asMap().hashCode();
    }

    @Override
    public String toString() {
        return asMap().toString();
    }
}
