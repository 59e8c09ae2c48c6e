package org.knime.depaf.core.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knime.depaf.core.detect.TileGrid;
import org.knime.depaf.core.image.ImageStack;
import org.knime.depaf.core.image.InMemoryFrameSource;
import org.knime.depaf.core.image.StackFiles;
import org.knime.depaf.core.loc.LocalisationCsv;
import org.knime.depaf.core.loc.LocalisationTable;
import org.knime.depaf.core.model.DepafModel;
import org.knime.depaf.core.net.NetworkOutput;
import org.knime.depaf.core.util.CancelledException;
import org.knime.depaf.core.util.Monitor;

class PredictorTest {

    private static final int H = 64;
    private static final int W = 64;
    private static final double PIXEL_NM = 100;

    private static DepafModel model;

    @TempDir
    Path dir;

    @BeforeAll
    static void buildModel() {
        model = PredictionFixtures.model(1e-6);
    }

    @AfterAll
    static void closeModel() {
        model.close();
    }

    /** Three well separated emitters per frame, at seeded random sub-pixel positions. */
    private static double[][] emitters(final int frames, final long seed) {
        final SplittableRandom r = new SplittableRandom(seed);
        final double[][] pos = new double[frames][];
        for (int f = 0; f < frames; f++) {
            pos[f] = new double[] {10 + r.nextDouble() * 8, 12 + r.nextDouble() * 40, 40 + r.nextDouble() * 12,
                10 + r.nextDouble() * 12, 36 + r.nextDouble() * 16, 40 + r.nextDouble() * 12};
        }
        return pos;
    }

    private Predictor peakPredictor(final PredictionOptions options) {
        return Predictor.create(model, options, PredictionFixtures.peakSplat(model.poi().poi()),
            TiledInferenceDefaults.CHUNK);
    }

    @Test
    void recoversEmitterPositionsInCameraPixelsAndNanometresWithFramesNumberedAcrossBatches() throws IOException {
        final double[][] truth = emitters(10, 42);
        final ImageStack stack = PredictionFixtures.spots(truth, H, W, PIXEL_NM);
        final LocalisationTable table;
        try (Predictor p = peakPredictor(PredictionOptions.builder().batchSize(3).threads(2).build())) {
            table = p.localise(new InMemoryFrameSource(stack), Monitor.NONE);
        }
        assertEquals(PIXEL_NM, table.pixelSizeNm());
        assertEquals(30, table.size(), "three localisations per frame");
        for (int f = 0; f < 10; f++) {
            final int[] rows = table.frameIndex().rows(f + 1);
            assertEquals(3, rows.length, "frame " + (f + 1));
            for (int k = 0; k < 6; k += 2) {
                final double tx = truth[f][k];
                final double ty = truth[f][k + 1];
                double best = Double.POSITIVE_INFINITY;
                int bestRow = -1;
                for (final int row : rows) {
                    final double d = Math.hypot(table.xPx(row) - tx, table.yPx(row) - ty);
                    if (d < best) {
                        best = d;
                        bestRow = row;
                    }
                }
                assertTrue(best < 0.05, "frame " + (f + 1) + " emitter (" + tx + ", " + ty + ") found " + best
                    + " px away");
                assertEquals((tx + 0.5) * PIXEL_NM, table.x(bestRow), 0.05 * PIXEL_NM, "x in nm");
                assertEquals((ty + 0.5) * PIXEL_NM, table.y(bestRow), 0.05 * PIXEL_NM, "y in nm");
                assertEquals(table.amplitude(bestRow) * PredictionFixtures.NORM_MAX,
                    table.extra(LocalisationConverter.AMPLITUDE_RAW, bestRow), 1e-9);
            }
        }
        assertTrue(!table.has(LocalisationTable.Column.Z), "a 2-D POI gives no z column");
    }

    @Test
    void aNonFinitePixelIsReplacedByItsFramesMedianSoTheFramesDetectionsAreKept() throws IOException {
        final double[][] truth = emitters(4, 17);
        final ImageStack clean = PredictionFixtures.spots(truth, H, W, PIXEL_NM);
        final float[] px = clean.pixels().clone();
        px[(1 * H + 2) * W + 60] = Float.NaN; // frame 2, x 60, y 2: away from every emitter
        px[(3 * H + 62) * W + 1] = Float.NEGATIVE_INFINITY;
        px[(3 * H) * W + 63] = Float.POSITIVE_INFINITY;
        final ImageStack dirty = new ImageStack(px, 4, H, W, PIXEL_NM, "dirty");
        final LocalisationTable expected;
        final InMemoryPredictionSink sink = new InMemoryPredictionSink();
        final PredictionSummary s;
        try (Predictor p = peakPredictor(PredictionOptions.builder().batchSize(3).threads(2).build())) {
            final InMemoryPredictionSink cleanSink = new InMemoryPredictionSink();
            assertNull(p.run(new InMemoryFrameSource(clean), cleanSink, Monitor.NONE).nonFiniteWarning());
            expected = cleanSink.localisations();
            s = p.run(new InMemoryFrameSource(dirty), sink, Monitor.NONE);
        }
        final LocalisationTable found = sink.localisations();
        assertEquals(12, expected.size());
        assertEquals(expected.size(), found.size());
        for (int f = 1; f <= 4; f++) {
            assertEquals(3, found.frameIndex().count(f), "frame " + f + " keeps its three emitters");
            for (final int r : expected.frameIndex().rows(f)) {
                double best = Double.POSITIVE_INFINITY;
                for (final int q : found.frameIndex().rows(f)) {
                    best = Math.min(best, Math.hypot(found.x(q) - expected.x(r), found.y(q) - expected.y(r)));
                }
                assertTrue(best < 1, "frame " + f + ": a localisation moved by " + best + " nm");
            }
        }
        assertEquals(3, s.nonFinitePixels());
        assertEquals(2, s.framesWithNonFinitePixels());
        assertEquals(0, s.framesWithoutFinitePixels());
        assertEquals(2, s.nonFinite().firstFrame());
        assertEquals(60, s.nonFinite().firstX());
        assertEquals(2, s.nonFinite().firstY());
        assertEquals("3 non-finite pixels (NaN/Inf) in 2 frames were replaced by their frame's median; first: "
            + "frame 2, x 60, y 2", s.nonFiniteWarning());
        assertTrue(Float.isNaN(dirty.get(1, 2, 60)), "the caller's stack is not changed");
    }

    @Test
    void aFrameWithoutAnyFinitePixelIsPredictedAsEmptyAndCountedApart() throws IOException {
        final ImageStack clean = PredictionFixtures.spots(emitters(3, 4), H, W, PIXEL_NM);
        final float[] px = clean.pixels().clone();
        java.util.Arrays.fill(px, 1 * H * W, 2 * H * W, Float.NaN);
        final InMemoryPredictionSink sink = new InMemoryPredictionSink();
        final PredictionSummary s;
        try (Predictor p = peakPredictor(PredictionOptions.builder().batchSize(2)
            .outputs(PredictionOutput.LOCALISATIONS, PredictionOutput.SYNTHESIS).build())) {
            s = p.run(new InMemoryFrameSource(new ImageStack(px, 3, H, W, PIXEL_NM, "holes")), sink, Monitor.NONE);
        }
        assertEquals(0, sink.localisations().frameIndex().count(2));
        assertEquals(3, sink.localisations().frameIndex().count(1));
        assertEquals(3, sink.localisations().frameIndex().count(3));
        for (int i = H * W; i < 2 * H * W; i++) {
            assertEquals(0, sink.synthesis().pixels()[i], 0, "nothing re-synthesised in the empty frame");
        }
        assertEquals(H * W, s.nonFinitePixels());
        assertEquals(1, s.framesWithNonFinitePixels());
        assertEquals(1, s.framesWithoutFinitePixels());
        assertEquals("1 frame without any finite pixel (NaN/Inf only) was predicted as empty (no localisations); "
            + "first: frame 2, x 0, y 0", s.nonFiniteWarning());
    }

    @Test
    void readsTheStackBatchByBatchNeverMoreThanTheBatchSize() throws IOException {
        final ImageStack stack = PredictionFixtures.spots(emitters(10, 1), H, W, PIXEL_NM);
        final PredictionFixtures.CountingSource source =
            new PredictionFixtures.CountingSource(new InMemoryFrameSource(stack));
        final List<String> progress = new ArrayList<>();
        final Monitor monitor = new Monitor() {
            @Override
            public void progress(final double fraction, final String message) {
                progress.add(message);
            }

            @Override
            public boolean isCancelled() {
                return false;
            }
        };
        try (Predictor p = peakPredictor(PredictionOptions.builder().batchSize(3).threads(1).build())) {
            final PredictionSummary s = p.run(source, new InMemoryPredictionSink(), monitor);
            assertEquals(10, s.frames());
            assertEquals(30, s.localisations());
        }
        assertEquals(3, source.largestRead);
        assertEquals(10, source.framesRead);
        assertEquals(4, source.reads);
        assertTrue(!source.readTwice, "every frame is read once");
        assertEquals(List.of("frames 3/10", "frames 6/10", "frames 9/10", "frames 10/10"), progress);
    }

    @Test
    void predictsAFrameRangeWithFrameNumbersOfTheWholeStack() throws IOException {
        final double[][] truth = emitters(10, 5);
        final ImageStack stack = PredictionFixtures.spots(truth, H, W, PIXEL_NM);
        final InMemoryPredictionSink sink = new InMemoryPredictionSink();
        try (Predictor p = peakPredictor(PredictionOptions.builder().batchSize(4).build())) {
            p.run(new InMemoryFrameSource(stack), 6, 3, sink, Monitor.NONE);
        }
        final LocalisationTable t = sink.localisations();
        assertEquals(9, t.size());
        assertArrayEquals(new int[] {7, 7, 7, 8, 8, 8, 9, 9, 9}, t.frames());
    }

    @Test
    void resultsDoNotDependOnTheNumberOfThreads() throws IOException {
        final ImageStack stack = PredictionFixtures.spots(emitters(6, 9), H, W, PIXEL_NM);
        final LocalisationTable one;
        final LocalisationTable three;
        try (Predictor p = peakPredictor(PredictionOptions.builder().threads(1).build())) {
            one = p.localise(new InMemoryFrameSource(stack), Monitor.NONE);
        }
        try (Predictor p = peakPredictor(PredictionOptions.builder().threads(3).batchSize(4).build())) {
            three = p.localise(new InMemoryFrameSource(stack), Monitor.NONE);
        }
        assertEquals(one, three);
    }

    @Test
    void imageOutputsHaveCameraSizeAndTheBackgroundIsInRawUnits() throws IOException {
        final ImageStack stack = PredictionFixtures.spots(emitters(5, 3), H, W, PIXEL_NM);
        final InMemoryPredictionSink sink = new InMemoryPredictionSink();
        final float c = 0.25f;
        try (Predictor p = Predictor.create(model, PredictionOptions.builder().batchSize(2).patchSize(48)
            .outputs(PredictionOutput.LOCALISATIONS, PredictionOutput.SYNTHESIS, PredictionOutput.BACKGROUND,
                PredictionOutput.BACKGROUND_SUBTRACTED).build(), PredictionFixtures.constantBackground(c), 1 << 16)) {
            p.run(new InMemoryFrameSource(stack), sink, Monitor.NONE);
        }
        final double bgRaw = c * PredictionFixtures.NORM_MAX + PredictionFixtures.NORM_MIN;
        for (final ImageStack s : new ImageStack[] {sink.synthesis(), sink.background(), sink.subtracted()}) {
            assertEquals(5, s.frames());
            assertEquals(H, s.height());
            assertEquals(W, s.width());
        }
        for (int i = 0; i < stack.pixels().length; i++) {
            assertEquals(bgRaw, sink.background().pixels()[i], 1e-3);
            assertEquals(0, sink.synthesis().pixels()[i], 0, "nothing detected, nothing re-synthesised");
            assertEquals(stack.pixels()[i] - bgRaw, sink.subtracted().pixels()[i], 1e-3);
        }
        assertEquals(0, sink.localisations().size());
        assertTrue(sink.localisations().has(LocalisationTable.Column.AMPLITUDE), "columns exist without rows");
    }

    @Test
    void reSynthesisPeaksAtTheEmittersInRawUnits() throws IOException {
        final double[][] truth = {{20.3, 30.6, 45.0, 12.2}};
        final ImageStack stack = PredictionFixtures.spots(truth, H, W, PIXEL_NM);
        final InMemoryPredictionSink sink = new InMemoryPredictionSink();
        try (Predictor p = peakPredictor(PredictionOptions.builder()
            .outputs(PredictionOutput.SYNTHESIS, PredictionOutput.BACKGROUND).build())) {
            p.run(new InMemoryFrameSource(stack), sink, Monitor.NONE);
        }
        assertNull(sink.localisations(), "localisations were not requested");
        final ImageStack syn = sink.synthesis();
        assertEquals(1, syn.frames());
        // the spot's neighbourhood maximum sits on the pixel nearest to the emitter, in raw units
        assertLocalMaxAt(syn, 20, 31);
        assertLocalMaxAt(syn, 45, 12);
        assertTrue(syn.get(0, 31, 20) > 100, "peak in raw units (× normMax), got " + syn.get(0, 31, 20));
        for (final float v : sink.background().pixels()) {
            assertEquals(PredictionFixtures.NORM_MIN, v, 1e-3, "BG = 0 → normMin");
        }
    }

    private static void assertLocalMaxAt(final ImageStack s, final int x, final int y) {
        final float c = s.get(0, y, x);
        for (int dy = -2; dy <= 2; dy++) {
            for (int dx = -2; dx <= 2; dx++) {
                assertTrue(s.get(0, y + dy, x + dx) <= c, "maximum at (" + x + ", " + y + ")");
            }
        }
    }

    @Test
    void writesStreamedTiffStacksAndACsvThatReadBack() throws IOException {
        final ImageStack stack = PredictionFixtures.spots(emitters(7, 8), H, W, PIXEL_NM);
        final Path csv = dir.resolve("loc.csv");
        final Path bg = dir.resolve("bg.tif");
        final Path syn = dir.resolve("isyn.tif");
        final InMemoryPredictionSink memory = new InMemoryPredictionSink();
        final PredictionOptions options = PredictionOptions.builder().batchSize(3).outputs(
            PredictionOutput.LOCALISATIONS, PredictionOutput.SYNTHESIS, PredictionOutput.BACKGROUND).build();
        try (Predictor p = peakPredictor(options);
                FilePredictionSink files = new FilePredictionSink(csv, syn, bg, null)) {
            p.run(new InMemoryFrameSource(stack), files, Monitor.NONE);
            p.run(new InMemoryFrameSource(stack), memory, Monitor.NONE);
        }
        final ImageStack bgRead = StackFiles.read(bg);
        assertEquals(7, bgRead.frames());
        assertEquals(H, bgRead.height());
        assertArrayEquals(memory.background().pixels(), bgRead.pixels());
        assertArrayEquals(memory.synthesis().pixels(), StackFiles.read(syn).pixels());
        final LocalisationTable read = LocalisationCsv.read(csv, PIXEL_NM);
        assertEquals(memory.localisations().size(), read.size());
        assertArrayEquals(memory.localisations().column(LocalisationTable.Column.X),
            read.column(LocalisationTable.Column.X));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(3, files.count(), "only the three outputs, no temporary file");
        }
    }

    @Test
    void aCancelledPredictionThrowsAndLeavesNoFile() throws IOException {
        final ImageStack stack = PredictionFixtures.spots(emitters(9, 4), H, W, PIXEL_NM);
        final Monitor cancelAfterFirstBatch = new Monitor() {
            private volatile boolean cancelled;

            @Override
            public void progress(final double fraction, final String message) {
                cancelled = true;
            }

            @Override
            public boolean isCancelled() {
                return cancelled;
            }
        };
        final PredictionOptions options = PredictionOptions.builder().batchSize(3).outputs(
            PredictionOutput.LOCALISATIONS, PredictionOutput.BACKGROUND).build();
        try (Predictor p = peakPredictor(options)) {
            try (FilePredictionSink files = new FilePredictionSink(dir.resolve("loc.csv"), null,
                dir.resolve("bg.tif"), null)) {
                assertThrows(CancelledException.class,
                    () -> p.run(new InMemoryFrameSource(stack), files, cancelAfterFirstBatch));
            }
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(0, files.count(), "no output and no temporary file");
        }
    }

    @Test
    void anUnknownPixelSizeAsksToSetIt() {
        final ImageStack stack = PredictionFixtures.spots(emitters(1, 2), H, W, Double.NaN);
        try (Predictor p = peakPredictor(PredictionOptions.defaults())) {
            final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> p.localise(new InMemoryFrameSource(stack), Monitor.NONE));
            assertTrue(e.getMessage().contains("pixel size"), e.getMessage());
        }
        try (Predictor p = peakPredictor(PredictionOptions.builder().pixelSizeNm(160).build())) {
            assertEquals(160, p.pixelSizeNm(new InMemoryFrameSource(stack)));
        }
    }

    @Test
    void optionsThatDoNotFitTheFramesAreRefusedNamingTheOption() {
        final ImageStack stack = PredictionFixtures.spots(emitters(1, 2), H, W, PIXEL_NM);
        // 64 px frames upsample to 96 px
        assertMessage("patch height 128 is larger than the upsampled frame 96",
            PredictionOptions.builder().patchSize(128).build(), stack);
        assertMessage("patch size 4 × 4 is too small for the POI",
            PredictionOptions.builder().patchSize(4).build(), stack);
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> Predictor.create(model, PredictionOptions.builder().patchSize(30).build()));
        assertTrue(e.getMessage().contains("patch height 30 must be a multiple of 4"), e.getMessage());
    }

    private void assertMessage(final String expected, final PredictionOptions options, final ImageStack stack) {
        try (Predictor p = peakPredictor(options)) {
            final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> p.run(new InMemoryFrameSource(stack), new InMemoryPredictionSink(), Monitor.NONE));
            assertTrue(e.getMessage().contains(expected), e.getMessage());
        }
    }

    @Test
    void theDefaultTilingIsTheWholeUpsampledFrameUpTo256Pixels() {
        try (Predictor p = Predictor.create(model, PredictionOptions.defaults())) {
            final TileGrid small = p.tileGrid(64, 64);
            assertEquals(96, small.tileHeight());
            assertEquals(1, small.tileCount());
            final TileGrid large = p.tileGrid(200, 150); // upsampled 300 × 225
            assertEquals(256, large.tileHeight());
            assertEquals(224, large.tileWidth());
            assertArrayEquals(new int[] {0, 44}, large.originsY());
            assertArrayEquals(new int[] {0, 1}, large.originsX());
        }
    }

    @Test
    void theNetworkPredictsTiledFramesAndAWholeFrameTileEqualsItsOwnInference() throws IOException {
        final ImageStack stack = PredictionFixtures.spots(emitters(3, 6), 24, 24, PIXEL_NM);
        final InMemoryPredictionSink sink = new InMemoryPredictionSink();
        try (Predictor p = Predictor.create(model, PredictionOptions.builder().patchSize(16).patchStride(8)
            .batchSize(2).outputs(PredictionOutput.LOCALISATIONS, PredictionOutput.BACKGROUND).build())) {
            final PredictionSummary s = p.run(new InMemoryFrameSource(stack), sink, Monitor.NONE);
            assertEquals(16, s.tilesPerFrame(), "36 px upsampled frames: 4 × 4 tiles of 16 px");
        }
        assertNotNull(sink.localisations());
        assertEquals(3, sink.background().frames());
        assertEquals(24, sink.background().width());
        for (final float v : sink.background().pixels()) {
            assertTrue(Float.isFinite(v));
        }
        final float[] frames = new float[2 * 36 * 36];
        new SplittableRandom(1).doubles(frames.length).forEach(new java.util.function.DoubleConsumer() {
            private int i;

            @Override
            public void accept(final double v) {
                frames[i++] = (float)v;
            }
        });
        final BatchMaps maps = new TiledInference(new TileGrid(36, 36, 36, 36, 36, 36), 1,
            TileInference.of(model.network()), 1 << 20).infer(frames, 2, Monitor.NONE);
        final NetworkOutput direct = model.network().infer(new ImageStack(frames, 2, 36, 36, Double.NaN, "x"));
        assertArrayEquals(java.util.Arrays.copyOfRange(direct.amplitudes(), 36 * 36, 2 * 36 * 36),
            maps.amplitudes(1));
    }

    /** The chunk size the stand-in tests use: small, so that several inference calls happen per batch. */
    private static final class TiledInferenceDefaults {
        static final long CHUNK = 1 << 14;
    }
}
