package org.knime.depaf.core.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.knime.depaf.core.image.ImageStack;
import org.knime.depaf.core.image.InMemoryFrameSource;
import org.knime.depaf.core.model.DepafModel;
import org.knime.depaf.core.model.ModelProvenance;
import org.knime.depaf.core.net.ForwardKernels;
import org.knime.depaf.core.net.NetworkConfig;
import org.knime.depaf.core.net.samediff.SameDiffBackend;
import org.knime.depaf.core.poi.BackgroundKernel;
import org.knime.depaf.core.poi.PoiPreprocessor;
import org.knime.depaf.core.poi.PreprocessedPoi;
import org.knime.depaf.core.poi.SpikePoi;
import org.knime.depaf.core.preprocess.NormalizationConstants;
import org.knime.depaf.core.resample.Interpolation;
import org.knime.depaf.core.resample.UpsamplingRatios;
import org.knime.depaf.core.util.Monitor;

class BackgroundEstimationTest {

    @Test
    void estimatesTheBackgroundOfAStackWithTheNetworkAndSubtractsIt() throws IOException {
        final ImageStack stack = PredictionFixtures.spots(new double[][] {{8, 9}, {15, 3}, {4, 20}}, 24, 24, 100);
        try (DepafModel model = PredictionFixtures.model(0.01)) {
            final ImageStack bg = BackgroundEstimation.estimate(model, new InMemoryFrameSource(stack),
                PredictionOptions.builder().batchSize(2).build(), Monitor.NONE);
            assertEquals(3, bg.frames());
            assertEquals(24, bg.height());
            assertEquals(24, bg.width());
            final InMemoryPredictionSink sink = new InMemoryPredictionSink();
            BackgroundEstimation.estimate(model, new InMemoryFrameSource(stack), 0, 3, PredictionOptions.defaults(),
                true, sink, Monitor.NONE);
            assertArrayEquals(bg.pixels(), sink.background().pixels(), "independent of the batch size");
            for (int i = 0; i < stack.pixels().length; i++) {
                assertTrue(Float.isFinite(bg.pixels()[i]));
                assertEquals(stack.pixels()[i] - bg.pixels()[i], sink.subtracted().pixels()[i], 1e-3);
            }
        }
    }

    @Test
    void oneDimensionalTracesGetATraceShapedBackground() throws IOException {
        final PreprocessedPoi poi = PoiPreprocessor.preprocess(SpikePoi.exponential(3),
            new UpsamplingRatios(1.5, 1, 1), Interpolation.SPLINE);
        final BackgroundKernel box = BackgroundKernel.fromPoi(poi.poi());
        final NetworkConfig config = NetworkConfig.builder(1).baseWidth(4).oneDimensional(true).seed(2).build();
        final float[] traces = new float[3 * 80];
        for (int i = 0; i < traces.length; i++) {
            traces[i] = 10 + (i % 17 == 0 ? 50 : 0);
        }
        final ImageStack stack = new ImageStack(traces, 3, 80, 1, Double.NaN, "traces");
        try (DepafModel model = new DepafModel(new SameDiffBackend().build(config, ForwardKernels.of(poi.poi(),
            box.height(), box.width())), poi, new NormalizationConstants(10, 50), 0.01, 0.02, Map.of(),
            new ModelProvenance("t", "spike", Instant.EPOCH, "test", 0, 0, 0));
                Predictor p = Predictor.create(model, BackgroundEstimation.options(PredictionOptions.builder()
                    .patchSize(96, 0).patchStride(8, 0).build(), false), PredictionFixtures.constantBackground(0.5f),
                    1 << 12)) {
            final InMemoryPredictionSink sink = new InMemoryPredictionSink();
            final PredictionSummary s = p.run(new InMemoryFrameSource(stack), sink, Monitor.NONE);
            assertEquals(1, s.tileWidth());
            assertEquals(96, s.tileHeight());
            assertEquals(4, s.tilesPerFrame(), "120 px upsampled traces: tiles at 0, 8, 16, 24");
            assertEquals(80, sink.background().height());
            assertEquals(1, sink.background().width());
            for (final float v : sink.background().pixels()) {
                assertEquals(0.5 * 50 + 10, v, 1e-4);
            }
        }
    }
}
