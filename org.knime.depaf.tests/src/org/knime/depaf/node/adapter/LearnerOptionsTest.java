package org.knime.depaf.node.adapter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.knime.depaf.core.resample.Interpolation;
import org.knime.depaf.core.train.TrainingParameters;
import org.knime.depaf.core.train.TrainingParameters.Preset;

class LearnerOptionsTest {

    private static LearnerOptions with(final Preset preset) {
        final LearnerOptions d = LearnerOptions.defaults();
        return new LearnerOptions(preset, d.lambda(), d.seed(), d.ratioY(), d.ratioX(), d.ratioZ(), d.interpolation(),
            d.encoderDepth(), d.baseWidth(), d.learnBackground(), d.patchHeight(), d.patchWidth(), d.patchCap(),
            d.trainPatches(), d.validationPatches(), d.batchSize(), d.learningRate(), d.minLearningRate(),
            d.maxEpochs(), d.validationFrequency(), d.maxPatience(), d.thresholdPatches(), d.warmupFirst(),
            d.warmupSecond(), d.trainFrames(), d.validationFrames(), d.maxIterations(), d.maxMinutes(), d.zChannelStepNm());
    }

    @Test
    void defaultOptionsGiveTheMethodsDefaultsOfTheCpuPreset() {
        assertEquals(TrainingParameters.builder(Preset.CPU, LearnerOptions.DEFAULT_LAMBDA).build(),
            LearnerOptions.defaults().toTrainingParameters());
    }

    @ParameterizedTest
    @EnumSource(Preset.class)
    void defaultOptionsOfEitherPresetGiveThatPresetsDefaults(final Preset preset) {
        assertEquals(TrainingParameters.builder(preset, LearnerOptions.DEFAULT_LAMBDA).build(),
            with(preset).toTrainingParameters());
    }

    @Test
    void appliesEveryOptionThatIsSet() {
        final LearnerOptions o = new LearnerOptions(Preset.PAPER, 0.05, 7, 2, 1.5, 1, Interpolation.LINEAR, 3, 32,
            false, 64, 48 + 16, 128, 200, 40, 4, 2e-3, 1e-5, 50, 10, 5, 100, 10, 20, "1-8", "9-10", 300, 2.5, 25);
        final TrainingParameters p = o.toTrainingParameters();
        final TrainingParameters expected = TrainingParameters.builder(Preset.PAPER, 0.05).seed(7)
            .upsampling(2, 1.5, 1).interpolation(Interpolation.LINEAR).encoderDepth(3).baseWidth(32)
            .learnBackground(false).patchSize(64, 64).patchCap(128).patches(200, 40).batchSize(4)
            .learningRates(2e-3, 1e-5).maxEpochs(50).validationFrequency(10).maxPatience(5).thresholdPatches(100)
            .warmup(10, 20).frames(new int[] {0, 1, 2, 3, 4, 5, 6, 7}, new int[] {8, 9}).maxIterations(300)
            .maxMinutes(2.5).zChannelStep(25).fitScheduleToBudget(false).build();
        assertEquals(expected, p);
        assertArrayEquals(new int[] {8, 9}, p.validationFrames());
    }

    @Test
    void zeroMeansThePresetsValueForPresetDependentOptions() {
        final TrainingParameters p = with(Preset.CPU).toTrainingParameters();
        assertEquals(16, p.baseWidth());
        assertEquals(64, p.patchCap());
        assertEquals(2_000, p.maxIterations());
        assertEquals(20, p.maxMinutes());
        assertEquals(Double.NaN, p.ratioY());
    }

    private static String message(final LearnerOptions o) {
        return assertThrows(IllegalArgumentException.class, o::validate).getMessage();
    }

    private static LearnerOptions lambda(final double v) {
        final LearnerOptions d = LearnerOptions.defaults();
        return new LearnerOptions(d.preset(), v, d.seed(), d.ratioY(), d.ratioX(), d.ratioZ(), d.interpolation(),
            d.encoderDepth(), d.baseWidth(), d.learnBackground(), d.patchHeight(), d.patchWidth(), d.patchCap(),
            d.trainPatches(), d.validationPatches(), d.batchSize(), d.learningRate(), d.minLearningRate(),
            d.maxEpochs(), d.validationFrequency(), d.maxPatience(), d.thresholdPatches(), d.warmupFirst(),
            d.warmupSecond(), d.trainFrames(), d.validationFrames(), d.maxIterations(), d.maxMinutes(), d.zChannelStepNm());
    }

    @Test
    void refusesANegativeLambdaNamingTheOptionAndTheTypicalRange() {
        assertEquals("Sparsity weight λ must be a number ≥ 0; typical values are 0.0001 to 0.1 (larger finds fewer, "
            + "surer spots); it is -0.1", message(lambda(-0.1)));
    }

    @Test
    void refusesPatchSizesThatAreNoMultipleOfTheNetworksSizeMultiple() {
        final LearnerOptions o = new LearnerOptions(Preset.CPU, 0.02, 42, 0, 0, 1, Interpolation.SPLINE, 2, 0, true,
            30, 32, 0, 512, 0, 8, 1e-3, 1e-4, 1000, 20, 0, 0, 0, 0, "", "", 0, 0, 0);
        assertEquals("Patch height / width must be a multiple of 4 (2^encoder depth), or 0 for automatic; it is 30",
            message(o));
    }

    @Test
    void refusesOneFrameListWithoutTheOther() {
        final LearnerOptions o = new LearnerOptions(Preset.CPU, 0.02, 42, 0, 0, 1, Interpolation.SPLINE, 2, 0, true,
            0, 0, 0, 512, 0, 8, 1e-3, 1e-4, 1000, 20, 0, 0, 0, 0, "1-80", "", 0, 0, 0);
        assertEquals("Training frames and Validation frames: give both lists (e.g. '1-800' and '801-1000') or leave "
            + "both empty for a random 80 % / 20 % split", message(o));
    }

    @Test
    void refusesAMinimumLearningRateAboveTheLearningRate() {
        final LearnerOptions o = new LearnerOptions(Preset.CPU, 0.02, 42, 0, 0, 1, Interpolation.SPLINE, 2, 0, true,
            0, 0, 0, 512, 0, 8, 1e-3, 1e-2, 1000, 20, 0, 0, 0, 0, "", "", 0, 0, 0);
        assertEquals("Minimum learning rate must be a number > 0 and at most the learning rate (0.001); it is 0.01",
            message(o));
    }

    @Test
    void refusesAnUpsamplingRatioBelowOne() {
        final LearnerOptions o = new LearnerOptions(Preset.CPU, 0.02, 42, 0.5, 0, 1, Interpolation.SPLINE, 2, 0, true,
            0, 0, 0, 512, 0, 8, 1e-3, 1e-4, 1000, 20, 0, 0, 0, 0, "", "", 0, 0, 0);
        assertEquals("Upsampling ratio y must be a number ≥ 1, or 0 for automatic (1.5); it is 0.5", message(o));
    }

    @Test
    void refusesOnlyOneWarmupMilestone() {
        final LearnerOptions o = new LearnerOptions(Preset.CPU, 0.02, 42, 0, 0, 1, Interpolation.SPLINE, 2, 0, true,
            0, 0, 0, 512, 0, 8, 1e-3, 1e-4, 1000, 20, 0, 0, 100, 0, "", "", 0, 0, 0);
        assertEquals("λ warm-up iterations must be both set or both 0 (the preset's values); it is 100 and 0",
            message(o));
    }

    @Test
    void refusesMoreThresholdPatchesThanTrainingPatches() {
        final LearnerOptions o = new LearnerOptions(Preset.CPU, 0.02, 42, 0, 0, 1, Interpolation.SPLINE, 2, 0, true,
            0, 0, 0, 64, 0, 8, 1e-3, 1e-4, 1000, 20, 0, 100, 0, 0, "", "", 0, 0, 0);
        assertEquals("Threshold-search patches must be at most the number of training patches (64), or 0 for the "
            + "preset's value; it is 100", message(o));
    }

    @Test
    void keepsThePresetsThresholdPatchesValidWhenTrainingPatchesAreFewer() {
        final LearnerOptions o = new LearnerOptions(Preset.PAPER, 0.02, 42, 0, 0, 1, Interpolation.SPLINE, 2, 0, true,
            0, 0, 0, 100, 0, 8, 1e-3, 1e-4, 1000, 20, 0, 0, 0, 0, "", "", 0, 0, 0);
        assertEquals(100, o.toTrainingParameters().thresholdPatches());
    }
}
