package org.knime.depaf.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.knime.depaf.core.detect.ThresholdSearchResult;
import org.knime.depaf.core.image.ImageStack;
import org.knime.depaf.core.image.InMemoryFrameSource;
import org.knime.depaf.core.model.DepafModel;
import org.knime.depaf.core.model.ModelProvenance;
import org.knime.depaf.core.net.ForwardKernels;
import org.knime.depaf.core.net.NetworkConfig;
import org.knime.depaf.core.net.samediff.SameDiffBackend;
import org.knime.depaf.core.poi.BackgroundKernel;
import org.knime.depaf.core.poi.GaussianPoi;
import org.knime.depaf.core.poi.Poi;
import org.knime.depaf.core.poi.PoiPreprocessor;
import org.knime.depaf.core.poi.PreprocessedPoi;
import org.knime.depaf.core.preprocess.NormalizationConstants;
import org.knime.depaf.core.resample.Interpolation;
import org.knime.depaf.core.resample.UpsamplingRatios;
import org.knime.depaf.core.util.Monitor;

/** The threshold search on a stack with a small untrained network: it runs, stays in range, and is seeded. */
class ThresholdOptimizerTest {

    private static DepafModel model;

    @BeforeAll
    static void buildModel() {
        final Poi raw = GaussianPoi.ofSigma(1.3, 7, GaussianPoi.Sampling.POINT_SAMPLED);
        final PreprocessedPoi poi =
            PoiPreprocessor.preprocess(raw, new UpsamplingRatios(1.5, 1.5, 1), Interpolation.SPLINE);
        final BackgroundKernel box = BackgroundKernel.fromPoi(poi.poi());
        model = new DepafModel(new SameDiffBackend().build(NetworkConfig.builder(1).baseWidth(4).seed(5).build(),
            ForwardKernels.of(poi.poi(), box.height(), box.width())), poi, new NormalizationConstants(100, 1000), 0.5,
            0.02, Map.of(), new ModelProvenance("test", raw.source(), Instant.parse("2026-01-01T00:00:00Z"), "test", 0,
                0, 0));
    }

    @AfterAll
    static void closeModel() {
        model.close();
    }

    /** Six 24 × 24 frames of noise around 150 with a few bright spots. */
    private static InMemoryFrameSource stack() {
        final SplittableRandom r = new SplittableRandom(11);
        final float[] px = new float[6 * 24 * 24];
        for (int i = 0; i < px.length; i++) {
            px[i] = (float)(150 + 10 * r.nextDouble());
        }
        for (int f = 0; f < 6; f++) {
            final int cy = 5 + r.nextInt(14);
            final int cx = 5 + r.nextInt(14);
            for (int y = -3; y <= 3; y++) {
                for (int x = -3; x <= 3; x++) {
                    px[(f * 24 + cy + y) * 24 + cx + x] += (float)(800 * Math.exp(-(x * x + y * y) / (2 * 1.69)));
                }
            }
        }
        return new InMemoryFrameSource(new ImageStack(px, 6, 24, 24, 100, "test stack"));
    }

    @Test
    void choosesAThresholdInsideTheSearchRangeTheSameWayForTheSameSeed() throws IOException {
        final ThresholdSearchResult a = ThresholdOptimizer.refit(model, stack(), 8, 3, Monitor.NONE);
        assertTrue(a.threshold() >= a.rangeLow() && a.threshold() <= a.rangeHigh(), a.toString());
        final ThresholdSearchResult b = ThresholdOptimizer.refit(model, stack(), 8, 3, Monitor.NONE);
        assertEquals(a.threshold(), b.threshold());
    }

    @Test
    void refusesZeroPatches() {
        assertEquals("Number of patches must be ≥ 1 (e.g. 128); it is 0", assertThrows(IllegalArgumentException.class,
            () -> ThresholdOptimizer.refit(model, stack(), 0, 3, Monitor.NONE)).getMessage());
    }
}
