package org.knime.depaf.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.knime.depaf.core.image.ImageStack;
import org.knime.depaf.core.image.InMemoryFrameSource;
import org.knime.depaf.core.net.samediff.SameDiffBackend;
import org.knime.depaf.core.poi.AstigmaticPoi;
import org.knime.depaf.core.poi.GaussianPoi;
import org.knime.depaf.core.poi.Poi;
import org.knime.depaf.core.util.CancelledException;
import org.knime.depaf.core.util.Monitor;

/** The training loop on tiny networks and data: it learns, follows the curriculum, and stops when told. */
class TrainerTest {

    private static final double SIGMA = 1.2;

    @Test
    void trainingLowersTheLossAndChoosesAThreshold() throws IOException {
        final TrainingParameters p = tiny(0.01).maxIterations(120).build();
        final TrainingResult r = new Trainer(new SameDiffBackend(), p, null)
            .train(new InMemoryFrameSource(spots(12, 32, 32, 5)), GaussianPoi.ofSigma(SIGMA, 0,
                GaussianPoi.Sampling.PIXEL_INTEGRATED), Monitor.NONE);
        try (var model = r.model()) {
            final List<TrainingProgress> h = r.history();
            assertEquals(120, h.size());
            final double first = h.subList(0, 10).stream().mapToDouble(TrainingProgress::fidelity).average()
                .orElseThrow();
            final double last = h.subList(110, 120).stream().mapToDouble(TrainingProgress::fidelity).average()
                .orElseThrow();
            assertTrue(last < 0.5 * first, "data term should fall by half at least: " + first + " -> " + last);
            assertTrue(h.stream().filter(TrainingProgress::validated).count() >= 120 / 10);
            assertTrue(model.threshold() >= r.thresholdSearch().rangeLow()
                && model.threshold() <= r.thresholdSearch().rangeHigh());
            assertEquals(0.01, model.lambda());
            assertEquals("0.01", model.parameters().get("lambda"));
        }
    }

    @Test
    void aMultiChannelPoiPassesThroughEveryCurriculumLevel() throws IOException {
        final Poi stack = new AstigmaticPoi(1.2, 200, 400).zStack(5, 100, 0, 100);
        // patience 1: every validation acts, so the curriculum decompresses as early as possible
        final TrainingParameters p = tiny(0.01).maxIterations(30).maxPatience(1).validationFrequency(2)
            .learnBackground(false).build();
        final TrainingResult r = new Trainer(new SameDiffBackend(), p, null)
            .train(new InMemoryFrameSource(spots(8, 32, 32, 9)), stack, Monitor.NONE);
        try (var model = r.model()) {
            final Curriculum c = new Curriculum(5);
            final int levels = c.totalDecompressions() + 1;
            for (int level = 1; level <= levels; level++) {
                final int l = level;
                assertTrue(r.history().stream().anyMatch(h -> h.curriculumLevel() == l), "level " + l + " seen");
            }
            assertEquals(5, model.poi().poi().channels());
        }
    }

    @Test
    void aCancelledTrainingStopsWithinOneIteration() {
        final AtomicLong seen = new AtomicLong();
        final Monitor cancelAfterThree = new Monitor() {
            @Override
            public void progress(final double fraction, final String message) {
                // ignored
            }

            @Override
            public boolean isCancelled() {
                return seen.get() >= 3;
            }
        };
        final Trainer trainer = new Trainer(new SameDiffBackend(), tiny(0.01).maxIterations(50).build(),
            progress -> seen.set(progress.iteration()));
        assertThrows(CancelledException.class, () -> trainer.train(new InMemoryFrameSource(spots(8, 32, 32, 3)),
            GaussianPoi.ofSigma(SIGMA, 0, GaussianPoi.Sampling.PIXEL_INTEGRATED), cancelAfterThree));
        assertEquals(3, seen.get(), "no iteration after the one during which cancel was requested");
    }

    @Test
    void aPoiLargerThanTheFramesIsRefusedNamingBoth() {
        final Trainer trainer = new Trainer(new SameDiffBackend(), tiny(0.01).build(), null);
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> trainer.train(new InMemoryFrameSource(spots(4, 8, 8, 1)),
                GaussianPoi.ofSigma(3, 0, GaussianPoi.Sampling.PIXEL_INTEGRATED), Monitor.NONE));
        assertTrue(e.getMessage().contains("POI") && e.getMessage().contains("larger"), e.getMessage());
    }

    @Test
    void aPoiThatCannotFitIsRefusedBeforeItIsPreprocessed() {
        final Trainer trainer = new Trainer(new SameDiffBackend(), tiny(0.01).build(), null);
        // preprocessing would refuse this POI for its NaN; the size check must come first and say what to change
        final float[] v = GaussianPoi.ofSigma(10, 0, GaussianPoi.Sampling.PIXEL_INTEGRATED).values();
        v[0] = Float.NaN;
        final Poi big = new Poi(v, 1, 61, 61, Poi.Kind.PATTERN_2D, 100, Double.NaN, "big.tif");
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> trainer.train(new InMemoryFrameSource(spots(4, 32, 32, 1)), big, Monitor.NONE));
        assertTrue(e.getMessage().contains("big.tif (93 × 93 px after upsampling) is larger than the frames")
            && e.getMessage().contains("smaller POI"), e.getMessage());

        // a POI whose upsampled copy exceeds the POI size limit is refused before anything that large exists
        final Poi huge = new Poi(new float[3001 * 3001], 1, 3001, 3001, Poi.Kind.PATTERN_2D, 100, Double.NaN,
            "huge.tif");
        final IllegalArgumentException h = assertThrows(IllegalArgumentException.class,
            () -> trainer.train(new InMemoryFrameSource(spots(4, 32, 32, 1)), huge, Monitor.NONE));
        assertTrue(h.getMessage().contains("huge.tif") && h.getMessage().contains("4503 × 4503")
            && h.getMessage().contains("upsampling"), h.getMessage());
    }

    @Test
    void nonFinitePixelsAreRefusedNamingTheFileFrameAndPixel() {
        final ImageStack data = spots(6, 32, 32, 3);
        data.pixels()[4 * 32 * 32 + 9 * 32 + 5] = Float.POSITIVE_INFINITY;
        final Trainer trainer = new Trainer(new SameDiffBackend(), tiny(0.01).frames(new int[] {0, 1, 2, 3},
            new int[] {4, 5}).build(), null);
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> trainer.train(
            new InMemoryFrameSource(data), GaussianPoi.ofSigma(SIGMA, 0, GaussianPoi.Sampling.PIXEL_INTEGRATED),
            Monitor.NONE));
        assertTrue(e.getMessage().contains("simulated spots: pixel (x=5, y=9) of frame 5 is Infinity"),
            e.getMessage());
    }

    private static TrainingParameters.Builder tiny(final double lambda) {
        return TrainingParameters.builder(TrainingParameters.Preset.CPU, lambda).baseWidth(4).patchSize(32, 32)
            .patches(32, 8).batchSize(4).validationFrequency(10).warmup(20, 40).thresholdPatches(8).seed(1)
            .maxMinutes(0);
    }

    /** Gaussian spots on a background with Poisson-like noise, camera-like values. */
    static ImageStack spots(final int frames, final int h, final int w, final long seed) {
        final SplittableRandom r = new SplittableRandom(seed);
        final float[] px = new float[frames * h * w];
        final float[] frame = new float[h * w];
        for (int f = 0; f < frames; f++) {
            java.util.Arrays.fill(frame, 0);
            for (int s = 0; s < 6; s++) {
                GaussianPoi.render(frame, h, w, r.nextDouble(3, h - 3), r.nextDouble(3, w - 3), SIGMA, SIGMA,
                    r.nextDouble(800, 1500), GaussianPoi.Sampling.PIXEL_INTEGRATED);
            }
            for (int i = 0; i < frame.length; i++) {
                final double mean = frame[i] + 20;
                px[f * h * w + i] = (float)(100 + mean + Math.sqrt(mean) * r.nextGaussian());
            }
        }
        return new ImageStack(px, frames, h, w, 100, "simulated spots");
    }
}
