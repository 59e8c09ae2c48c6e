package org.knime.depaf.node.learner;

import org.knime.core.node.InvalidSettingsException;
import org.knime.depaf.core.resample.Interpolation;
import org.knime.depaf.core.train.TrainingParameters.Preset;
import org.knime.depaf.node.adapter.LearnerOptions;
import org.knime.node.parameters.Advanced;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.layout.Layout;
import org.knime.node.parameters.layout.Section;
import org.knime.node.parameters.widget.choices.Label;

/**
 * Settings of the DEPAF Learner: every training parameter of the method, grouped, the advanced groups collapsed.
 * Defaults come from {@link LearnerOptions#defaults()}; "0 = preset" options take the preset's value. Every option
 * is also a flow variable.
 */
public final class LearnerNodeParameters implements NodeParameters {

    private static final LearnerOptions D = LearnerOptions.defaults();

    /** Sections, shown in the order of their names. */
    interface Sections {
        /** The essentials. */
        @Section(title = "Method")
        interface S1Method {
        }

        /** Network architecture. */
        @Section(title = "Network")
        @Advanced
        interface S2Network {
        }

        /** Training data. */
        @Section(title = "Training patches and frames")
        @Advanced
        interface S3Patches {
        }

        /** Optimiser and schedule. */
        @Section(title = "Optimisation")
        @Advanced
        interface S4Optimisation {
        }

        /** Stopping. */
        @Section(title = "Limits")
        interface S5Limits {
        }
    }

    /** Presets (the dialog's labels). */
    enum PresetChoice {
        @Label(value = "CPU", description = "Chosen for training on a laptop or desktop CPU: a narrower network (base "
            + "width 16), 64-pixel patches, a shorter λ warm-up, at most 2 000 iterations and 20 minutes.")
        CPU(Preset.CPU),
        @Label(value = "Paper", description = "The published method's defaults, meant for a GPU: base width "
            + "max(64, C + 1), patches up to 512 pixels, up to 1 000 epochs (hours on a CPU).")
        PAPER(Preset.PAPER);

        private final Preset m_preset;

        PresetChoice(final Preset preset) {
            m_preset = preset;
        }
    }

    /** Interpolation methods (the dialog's labels). */
    enum InterpolationChoice {
        @Label(value = "Spline", description = "Cubic spline (MATLAB 'spline'), the method's default.")
        SPLINE(Interpolation.SPLINE),
        @Label(value = "Cubic", description = "Keys cubic convolution (MATLAB 'cubic').")
        CUBIC(Interpolation.CUBIC),
        @Label(value = "Linear", description = "Piecewise linear.")
        LINEAR(Interpolation.LINEAR),
        @Label(value = "Nearest", description = "Nearest neighbour.")
        NEAREST(Interpolation.NEAREST);

        private final Interpolation m_method;

        InterpolationChoice(final Interpolation method) {
            m_method = method;
        }
    }

    @Layout(Sections.S1Method.class)
    @Widget(title = "Sparsity weight λ", description = "Weight of the sparsity term: the sensitivity. Larger values "
        + "find fewer, surer signals and resist noise better; smaller values find more. Typical 0.0001 to 0.1 "
        + "(tune on a coarse log scale); denser data needs a smaller λ.")
    double m_lambda = D.lambda();

    @Layout(Sections.S1Method.class)
    @Widget(title = "Preset", description = "Starting values of the options marked '0 = preset'.")
    PresetChoice m_preset = PresetChoice.valueOf(D.preset().name());

    @Layout(Sections.S1Method.class)
    @Widget(title = "Learn background", description = "Learn a smooth background beside the patterns (needed by "
        + "the Background Estimator). Switch off for data without background.")
    boolean m_learnBackground = D.learnBackground();

    @Layout(Sections.S1Method.class)
    @Widget(title = "Random seed", description = "Seed of every random choice (frame split, patches, initial "
        + "weights, dropout): the same seed, data and computer give the same model.")
    long m_seed = D.seed();

    @Layout(Sections.S2Network.class)
    @Widget(title = "Upsampling ratio y", description = "The network works on a grid finer than the camera's by "
        + "this factor along y (≥ 1); 0 for automatic (1.5, or 1 for an axis of size 1).")
    double m_ratioY = D.ratioY();

    @Layout(Sections.S2Network.class)
    @Widget(title = "Upsampling ratio x", description = "As 'Upsampling ratio y', along x.")
    double m_ratioX = D.ratioX();

    @Layout(Sections.S2Network.class)
    @Widget(title = "Upsampling ratio z", description = "Upsampling of a z-stack POI's slices (≥ 1; 1 keeps them).")
    double m_ratioZ = D.ratioZ();

    @Layout(Sections.S2Network.class)
    @Widget(title = "Interpolation", description = "Resampling method of frames and POI.")
    InterpolationChoice m_interpolation = InterpolationChoice.valueOf(D.interpolation().name());

    @Layout(Sections.S2Network.class)
    @Widget(title = "Encoder depth", description = "Number of U-Net down-sampling stages, 1 to 8 (2 is usual). "
        + "Patch sizes must be multiples of 2^depth.")
    int m_encoderDepth = D.encoderDepth();

    @Layout(Sections.S2Network.class)
    @Widget(title = "Base width", description = "Channels of the first U-Net stage; 0 = preset (CPU: 16, Paper: "
        + "max(64, POI slices + 1)).")
    int m_baseWidth = D.baseWidth();

    @Layout(Sections.S3Patches.class)
    @Widget(title = "Patch height", description = "Training patch height on the upsampled grid in pixels, a multiple "
        + "of 2^encoder depth; 0 for automatic (the largest valid size up to the cap).")
    int m_patchHeight = D.patchHeight();

    @Layout(Sections.S3Patches.class)
    @Widget(title = "Patch width", description = "As 'Patch height', along x (1 for 1-D traces).")
    int m_patchWidth = D.patchWidth();

    @Layout(Sections.S3Patches.class)
    @Widget(title = "Patch size cap", description = "Largest automatic patch side in pixels; 0 = preset (CPU: 64, "
        + "Paper: 512).")
    int m_patchCap = D.patchCap();

    @Layout(Sections.S3Patches.class)
    @Widget(title = "Training patches", description = "Number of patches drawn once from the training frames.")
    int m_trainPatches = D.trainPatches();

    @Layout(Sections.S3Patches.class)
    @Widget(title = "Validation patches", description = "Number of patches drawn from the validation frames; 0 = "
        + "preset (CPU: 32, Paper: 64).")
    int m_validationPatches = D.validationPatches();

    @Layout(Sections.S3Patches.class)
    @Widget(title = "Threshold-search patches", description = "Training patches used to choose the detection "
        + "threshold after training; 0 = preset (CPU: 128, Paper: 512).")
    int m_thresholdPatches = D.thresholdPatches();

    @Layout(Sections.S3Patches.class)
    @Widget(title = "Training frames", description = "Frames to train on, counted from 1, e.g. '1-800' or "
        + "'1-100, 201-300'. Leave both frame lists empty for a random 80 % / 20 % split.")
    String m_trainFrames = D.trainFrames();

    @Layout(Sections.S3Patches.class)
    @Widget(title = "Validation frames", description = "Frames to validate on, same form as 'Training frames'.")
    String m_validationFrames = D.validationFrames();

    @Layout(Sections.S4Optimisation.class)
    @Widget(title = "Mini-batch size", description = "Patches per training iteration.")
    int m_batchSize = D.batchSize();

    @Layout(Sections.S4Optimisation.class)
    @Widget(title = "Learning rate", description = "Initial learning rate of the Adam optimiser.")
    double m_learningRate = D.learningRate();

    @Layout(Sections.S4Optimisation.class)
    @Widget(title = "Minimum learning rate", description = "The learning rate is halved when validation stops "
        + "improving, down to this value.")
    double m_minLearningRate = D.minLearningRate();

    @Layout(Sections.S4Optimisation.class)
    @Widget(title = "Validation frequency", description = "Validate every this many iterations.")
    int m_validationFrequency = D.validationFrequency();

    @Layout(Sections.S4Optimisation.class)
    @Widget(title = "Patience", description = "Validations without improvement before the learning rate halves "
        + "(or training stops at the minimum); 0 = preset (CPU: 10, Paper: 20).")
    int m_maxPatience = D.maxPatience();

    @Layout(Sections.S4Optimisation.class)
    @Widget(title = "λ warm-up, 10 % until iteration", description = "λ starts at 1 % and rises to 10 % at this "
        + "iteration; 0 = preset (CPU: 250, Paper: 2 500). Set both warm-up options or neither.")
    long m_warmupFirst = D.warmupFirst();

    @Layout(Sections.S4Optimisation.class)
    @Widget(title = "λ warm-up, 100 % from iteration", description = "Iteration at which λ reaches its full value; "
        + "0 = preset (CPU: 500, Paper: 5 000).")
    long m_warmupSecond = D.warmupSecond();

    @Layout(Sections.S5Limits.class)
    @Widget(title = "Maximum epochs", description = "Passes over the training patches at most.")
    int m_maxEpochs = D.maxEpochs();

    @Layout(Sections.S5Limits.class)
    @Widget(title = "Maximum iterations", description = "Stop after this many iterations; 0 = preset (CPU: 2 000, "
        + "Paper: no limit).")
    long m_maxIterations = D.maxIterations();

    @Layout(Sections.S5Limits.class)
    @Widget(title = "Time limit [min]", description = "Stop training after this many minutes, keeping the best "
        + "model so far; 0 = preset (CPU: 20 min, Paper: no limit).")
    double m_maxMinutes = D.maxMinutes();

    @Layout(Sections.S1Method.class)
    @Widget(title = "z channel step [nm]", description = "For a PSF z-stack POI: spacing of the network's z channels. "
        + "Finer POI slices are averaged into channels (fewer channels train much faster) and z is refined "
        + "continuously between them. 0 = preset (CPU: 50 nm, Paper: one channel per POI slice); a value at or below "
        + "the POI's slice spacing keeps one channel per slice.")
    double m_zChannelStepNm = D.zChannelStepNm();

    /** @return the options as the adapter's value object */
    LearnerOptions toOptions() {
        return new LearnerOptions(m_preset.m_preset, m_lambda, m_seed, m_ratioY, m_ratioX, m_ratioZ,
            m_interpolation.m_method, m_encoderDepth, m_baseWidth, m_learnBackground, m_patchHeight, m_patchWidth,
            m_patchCap, m_trainPatches, m_validationPatches, m_batchSize, m_learningRate, m_minLearningRate,
            m_maxEpochs, m_validationFrequency, m_maxPatience, m_thresholdPatches, m_warmupFirst, m_warmupSecond,
            m_trainFrames, m_validationFrames, m_maxIterations, m_maxMinutes, m_zChannelStepNm);
    }

    @Override
    public void validate() throws InvalidSettingsException {
        try {
            toOptions().validate();
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException(e.getMessage(), e);
        }
    }
}
