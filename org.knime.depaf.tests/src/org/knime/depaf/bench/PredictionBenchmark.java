package org.knime.depaf.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import org.knime.depaf.core.image.FrameSource;
import org.knime.depaf.core.image.ImageStack;
import org.knime.depaf.core.model.DepafModel;
import org.knime.depaf.core.model.ModelProvenance;
import org.knime.depaf.core.net.DepafNetwork;
import org.knime.depaf.core.net.ForwardKernels;
import org.knime.depaf.core.net.NetworkConfig;
import org.knime.depaf.core.net.NetworkOutput;
import org.knime.depaf.core.net.samediff.SameDiffBackend;
import org.knime.depaf.core.poi.BackgroundKernel;
import org.knime.depaf.core.poi.GaussianPoi;
import org.knime.depaf.core.poi.PoiPreprocessor;
import org.knime.depaf.core.poi.PreprocessedPoi;
import org.knime.depaf.core.predict.FilePredictionSink;
import org.knime.depaf.core.predict.PredictionBatch;
import org.knime.depaf.core.predict.PredictionLayout;
import org.knime.depaf.core.predict.PredictionOptions;
import org.knime.depaf.core.predict.PredictionOutput;
import org.knime.depaf.core.predict.PredictionSink;
import org.knime.depaf.core.predict.PredictionSummary;
import org.knime.depaf.core.predict.Predictor;
import org.knime.depaf.core.predict.TileInference;
import org.knime.depaf.core.preprocess.NormalizationConstants;
import org.knime.depaf.core.resample.Interpolation;
import org.knime.depaf.core.resample.UpsamplingRatios;
import org.knime.depaf.core.util.Monitor;

/**
 * Prediction speed and memory (benchmarks.md, "Speed and cost"). Untrained networks (speed does not depend on the
 * weights) with a Gaussian POI (σ 1.3 px, 11 px, r = 1.5), threshold set to the 99.8th percentile of A2 of one
 * frame so that detection sees a realistic number of candidates. Frames are simulated on the fly (spots, background
 * and noise seeded by frame index), so the input takes no memory.
 *
 * <p>Part 1: frames/s for 64 × 64 and 256 × 256 frames with a CPU-sized network (base width 16, depth 2) and the
 * paper network (base width 64, depth 2); beside it the share of the time spent inside the network (measured in
 * the same run) and the network's achieved GFLOP/s. Part 2: heap and process memory while predicting a 10 000-frame
 * 64 × 64 stack (localisations counted, background streamed to a TIFF in the temp folder), printed every 1 000
 * frames.
 *
 * <p>Run with {@code OMP_NUM_THREADS=1}: {@code java -cp ... org.knime.depaf.bench.PredictionBenchmark
 * [speed|memory|all (default all)] [seconds per case (default 15)] [frames of the long run (default 10000)]}.
 * Run "memory" in a JVM of its own: the peak RSS (VmHWM) covers the whole process, so a speed run before it would
 * dominate it. Prints tables; asserts nothing.
 */
public final class PredictionBenchmark {

    private PredictionBenchmark() {
    }

    public static void main(final String[] args) throws IOException {
        final String mode = args.length > 0 ? args[0] : "all";
        final double secondsPerCase = args.length > 1 ? Double.parseDouble(args[1]) : 15;
        final int longFrames = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
        System.out.println("OMP_NUM_THREADS=" + System.getenv("OMP_NUM_THREADS") + ", "
            + Runtime.getRuntime().availableProcessors() + " cores, Java threads for the pipeline: 1");
        System.out.println();
        if (!"memory".equals(mode)) {
            speedTable(secondsPerCase);
            System.out.println();
        }
        if (!"speed".equals(mode)) {
            memory(longFrames);
        }
    }

    private static void speedTable(final double secondsPerCase) throws IOException {
        System.out.println("| frames | network | tiles/frame (upsampled) | frames timed | frames/s | in network | "
            + "network GFLOP/s |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (final int width : new int[] {16, 64}) {
            for (final int size : new int[] {64, 256}) {
                speed(size, width, secondsPerCase);
            }
        }
    }

    private static void speed(final int size, final int baseWidth, final double seconds) throws IOException {
        try (DepafModel model = model(baseWidth, size)) {
            final Timed timed = new Timed(TileInference.of(model.network()));
            final PredictionOptions options = PredictionOptions.builder().threads(1).pixelSizeNm(100).build();
            try (Predictor p = Predictor.create(model, options, timed, 1L << 17)) {
                final Counting warm = new Counting();
                p.run(new SyntheticFrames(8, size, 1), warm, Monitor.NONE);
                final double perFrame = timed.seconds() / 8;
                final int frames = (int)Math.max(8, Math.min(2000, Math.round(seconds / perFrame / 8) * 8));
                timed.reset();
                final PredictionSummary s = p.run(new SyntheticFrames(frames, size, 2), new Counting(), Monitor.NONE);
                final NetworkConfig c = model.network().config();
                final double flop = c.flopsPerFrame(s.tileHeight(), s.tileWidth()) * s.tilesPerFrame() * frames;
                System.out.printf(Locale.ROOT,
                    "| %d × %d | base %d, depth %d | %d × %d² | %d | %.2f | %.0f %% | %.1f |%n", size, size,
                    c.baseWidth(), c.encoderDepth(), s.tilesPerFrame(), s.tileHeight(), frames,
                    s.framesPerSecond(), 100 * timed.seconds() / s.seconds(), flop / timed.seconds() / 1e9);
            }
        }
    }

    private static void memory(final int frames) throws IOException {
        final Path bg = Files.createTempFile("depaf-bench-bg", ".tif");
        try (DepafModel model = model(16, 64)) {
            final PredictionOptions options = PredictionOptions.builder().threads(1).pixelSizeNm(100)
                .outputs(PredictionOutput.LOCALISATIONS, PredictionOutput.BACKGROUND).build();
            System.out.println("Long run: " + frames + " simulated 64 × 64 frames, base width 16, batch "
                + options.batchSize() + ", localisations counted, background streamed to a TIFF; -Xmx "
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB");
            System.out.println();
            System.out.println("| frames done | localisations | heap used after GC (MiB) | process RSS (MiB) | "
                + "peak RSS VmHWM (MiB) | elapsed (s) |");
            System.out.println("|---|---|---|---|---|---|");
            final long t0 = System.nanoTime();
            final Counting counting = new Counting() {
                private int next;
                private final int[] marks = marks(frames);

                @Override
                public void accept(final PredictionBatch batch) {
                    super.accept(batch);
                    if (next < marks.length && frames() >= marks[next]) {
                        next++;
                        printMemory(frames(), localisations(), (System.nanoTime() - t0) * 1e-9);
                    }
                }
            };
            printMemory(0, 0, 0);
            try (Predictor p = Predictor.create(model, options);
                    FilePredictionSink file = new FilePredictionSink(null, null, bg, null)) {
                p.run(new SyntheticFrames(frames, 64, 3), new Both(counting, file), Monitor.NONE);
            }
            System.out.printf(Locale.ROOT, "%nBackground TIFF: %.0f MiB on disk (streamed, never in memory)%n",
                Files.size(bg) / 1048576.0);
        } finally {
            Files.deleteIfExists(bg);
        }
    }

    private static int[] marks(final int frames) {
        // every 1 000 frames: native memory is freed when the JVM collects, so single points fluctuate
        return java.util.stream.IntStream.concat(java.util.stream.IntStream.rangeClosed(1, frames / 1000)
            .map(k -> k * 1000), java.util.stream.IntStream.of(frames)).distinct().sorted().toArray();
    }

    private static void printMemory(final int frames, final long locs, final double seconds) {
        System.gc();
        final Runtime rt = Runtime.getRuntime();
        final double heap = (rt.totalMemory() - rt.freeMemory()) / 1048576.0;
        System.out.printf(Locale.ROOT, "| %d | %d | %.1f | %s | %s | %.0f |%n", frames, locs, heap, procStatus("VmRSS"),
            procStatus("VmHWM"), seconds);
    }

    /** @return a memory line of /proc/self/status in MiB, or "n/a" off Linux */
    private static String procStatus(final String key) {
        try {
            for (final String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(key + ":")) {
                    final long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    return String.format(Locale.ROOT, "%.0f", kb / 1024.0);
                }
            }
        } catch (IOException | RuntimeException e) { // NOSONAR: only informative
            return "n/a";
        }
        return "n/a";
    }

    /** An untrained model for frames of the given size, with the threshold at the 99.8th percentile of A2. */
    private static DepafModel model(final int baseWidth, final int frameSize) {
        final PreprocessedPoi poi = PoiPreprocessor.preprocess(GaussianPoi.ofSigma(1.3, 11,
            GaussianPoi.Sampling.PIXEL_INTEGRATED), new UpsamplingRatios(1.5, 1.5, 1), Interpolation.SPLINE);
        final BackgroundKernel box = BackgroundKernel.fromPoi(poi.poi());
        final DepafNetwork net = new SameDiffBackend().build(NetworkConfig.builder(1).baseWidth(baseWidth)
            .encoderDepth(2).seed(1).build(), ForwardKernels.of(poi.poi(), box.height(), box.width()));
        final NormalizationConstants norm = new NormalizationConstants(100, 300);
        final int up = (int)Math.ceil(frameSize * 1.5);
        final int tile = Math.min(256, up) / 4 * 4;
        final ImageStack one = new SyntheticFrames(1, frameSize, 0).frame(0);
        final float[] x = new float[tile * tile];
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.max(0, (one.pixels()[i % one.pixels().length] - 100) / 300f);
        }
        final NetworkOutput out = net.infer(new ImageStack(x, 1, tile, tile, Double.NaN, "calibration"));
        final float[] a = out.amplitudes().clone();
        Arrays.sort(a);
        final double threshold = a[(int)(0.998 * (a.length - 1))];
        return new DepafModel(net, poi, norm, threshold, 0.02, Map.of(), new ModelProvenance("simulated", "Gaussian",
            Instant.now(), "bench", 0, 0, 0));
    }

    /** Frames made on the fly: 10 spots per 64² (same density for larger frames), background 20, noise. */
    private static final class SyntheticFrames implements FrameSource {
        private final int frames;
        private final int size;
        private final long seed;

        SyntheticFrames(final int frames, final int size, final long seed) {
            this.frames = frames;
            this.size = size;
            this.seed = seed;
        }

        ImageStack frame(final int f) {
            return read(f, 1);
        }

        @Override
        public int frames() {
            return frames;
        }

        @Override
        public int height() {
            return size;
        }

        @Override
        public int width() {
            return size;
        }

        @Override
        public double pixelSizeNm() {
            return 100;
        }

        @Override
        public String source() {
            return "simulated " + size + " × " + size;
        }

        @Override
        public ImageStack read(final int first, final int count) {
            final int plane = size * size;
            final float[] px = new float[count * plane];
            for (int k = 0; k < count; k++) {
                final SplittableRandom r = new SplittableRandom(seed * 1_000_003L + first + k);
                final int o = k * plane;
                for (int i = 0; i < plane; i++) {
                    px[o + i] = (float)(120 + 4.5 * r.nextGaussian());
                }
                final int spots = 10 * plane / 4096;
                for (int s = 0; s < spots; s++) {
                    final double cx = r.nextDouble(2, size - 2);
                    final double cy = r.nextDouble(2, size - 2);
                    final double amp = r.nextDouble(100, 300);
                    for (int y = Math.max(0, (int)cy - 4); y <= Math.min(size - 1, (int)cy + 4); y++) {
                        for (int x = Math.max(0, (int)cx - 4); x <= Math.min(size - 1, (int)cx + 4); x++) {
                            px[o + y * size + x] += (float)(amp * Math.exp(-((x - cx) * (x - cx) + (y - cy) * (y - cy))
                                / (2 * 1.3 * 1.3)));
                        }
                    }
                }
            }
            return new ImageStack(px, count, size, size, 100, source());
        }

        @Override
        public void close() {
            // nothing to release
        }
    }

    /** Measures the time spent inside the network. */
    private static final class Timed implements TileInference {
        private final TileInference inner;
        private long nanos;

        Timed(final TileInference inner) {
            this.inner = inner;
        }

        @Override
        public NetworkOutput infer(final ImageStack patches) {
            final long t = System.nanoTime();
            try {
                return inner.infer(patches);
            } finally {
                nanos += System.nanoTime() - t;
            }
        }

        double seconds() {
            return nanos * 1e-9;
        }

        void reset() {
            nanos = 0;
        }
    }

    /** Counts frames and localisations, keeps nothing. */
    private static class Counting implements PredictionSink {
        private int frames;
        private long localisations;

        @Override
        public void accept(final PredictionBatch batch) {
            frames += batch.frames();
            if (batch.localisations() != null) {
                localisations += batch.localisations().size();
            }
        }

        int frames() {
            return frames;
        }

        long localisations() {
            return localisations;
        }
    }

    /** Sends every call to two sinks. */
    private static final class Both implements PredictionSink {
        private final PredictionSink a;
        private final PredictionSink b;

        Both(final PredictionSink a, final PredictionSink b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void begin(final PredictionLayout layout) throws IOException {
            a.begin(layout);
            b.begin(layout);
        }

        @Override
        public void accept(final PredictionBatch batch) throws IOException {
            a.accept(batch);
            b.accept(batch);
        }

        @Override
        public void finish() throws IOException {
            a.finish();
            b.finish();
        }
    }
}
