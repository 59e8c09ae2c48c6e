package org.knime.depaf.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.knime.depaf.core.detect.Detections;
import org.knime.depaf.core.detect.Detector;
import org.knime.depaf.core.detect.FrameMaps;
import org.knime.depaf.core.detect.ThresholdSearch;
import org.knime.depaf.core.detect.ThresholdSearchResult;
import org.knime.depaf.core.forward.ForwardModel;
import org.knime.depaf.core.forward.PoiSampler;
import org.knime.depaf.core.forward.SpotSynthesizer;
import org.knime.depaf.core.poi.Poi;
import org.knime.depaf.core.resample.Interpolation;
import org.knime.depaf.core.util.Monitor;

/**
 * Speed of DEPAF's plain-Java post-processing: forward convolution, detection per frame, re-synthesis, and
 * the threshold search, single-threaded and parallel.
 *
 * <p>Synthetic network outputs: a Gaussian PSF of σ = 1.3 camera px on the 1.5× upsampled grid (σ = 1.95
 * px, POI 23 × 23, normalised as §3.1); emitters with amplitudes 0.5–2 spread bilinearly over ≤ 2 × 2
 * nodes; 5 % of pixels with clutter up to 0.015; {@code Dsum = A ⊛ P}; {@code Xbg = Dsum + N(0, 0.012²)}.
 * Densities 50 and 200 emitters per 256 × 256 camera frame (384 × 384 upsampled); 256 × 256 upsampled patches
 * hold 4/9 of that. Single-threaded figures use the thread's CPU time, parallel ones wall-clock time. Usage:
 * {@code DetectionBenchmark [threads] [patches]} (default: all processors, 64).
 */
public final class DetectionBenchmark {

    private static final double SIGMA_UP = 1.95;

    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private DetectionBenchmark() {
    }

    public static void main(final String[] args) {
        final int threads = args.length > 0 ? Integer.parseInt(args[0]) : Runtime.getRuntime().availableProcessors();
        final int patchCount = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        final Poi poi = gaussianPoi(23, SIGMA_UP);
        final PoiSampler sampler = new PoiSampler(poi, Interpolation.SPLINE);
        final Detector detector = new Detector(sampler);
        final SpotSynthesizer synth = new SpotSynthesizer(sampler);
        final ForwardModel model = new ForwardModel(poi);
        System.out.printf(Locale.ROOT, "DEPAF detection benchmark: POI %d × %d, %d threads for parallel rows, "
            + "Java %s, %d processors%n%n", poi.height(), poi.width(), threads, System.getProperty("java.version"),
            Runtime.getRuntime().availableProcessors());

        // Global warm-up, so that the first table row is not measured while the JIT compiles.
        final List<FrameMaps> warmFrames = List.of(simulate(model, 256, 60, 5), simulate(model, 256, 20, 6));
        final long warm = System.nanoTime();
        while (System.nanoTime() - warm < 3_000_000_000L) {
            for (final FrameMaps f : warmFrames) {
                synth.render(detector.detect(f, 0.03), 256, 256);
                model.signal(f.a(), 256, 256);
            }
        }
        System.out.println("| task | grid | emitters/frame | single thread (CPU time) | parallel (wall clock) |");
        System.out.println("|---|---|---|---|---|");
        for (final int size : new int[] {256, 384}) {
            for (final int perCameraFrame : new int[] {50, 200}) {
                final int emitters = (int)Math.round(perCameraFrame * (size * size) / (384.0 * 384.0));
                final List<FrameMaps> frames = new ArrayList<>();
                for (int f = 0; f < 16; f++) {
                    frames.add(simulate(model, size, emitters, 1000L * size + 10 * perCameraFrame + f));
                }
                final double tau = 0.03;
                final double single = framesPerSecond(frames, f -> detector.detect(f, tau), 1);
                final double parallel = framesPerSecond(frames, f -> detector.detect(f, tau), threads);
                row("detection (frames/s)", size, emitters, single, parallel, "%.0f");
                final Detections[] dets = frames.stream().map(f -> detector.detect(f, tau)).toArray(Detections[]::new);
                final int[] next = {0};
                final double synthFps = framesPerSecond(frames,
                    f -> synth.render(dets[next[0]++ % dets.length], size, size), 1);
                row("re-synthesis (frames/s)", size, emitters, synthFps, Double.NaN, "%.0f");
                final double convFps = framesPerSecond(frames, f -> model.signal(f.a(), size, size), 1);
                row("sparse A ⊛ P (frames/s)", size, emitters, convFps, Double.NaN, "%.0f");
            }
        }
        final float[] dense = new float[256 * 256];
        final SplittableRandom rnd = new SplittableRandom(1);
        for (int i = 0; i < dense.length; i++) {
            dense[i] = (float)rnd.nextDouble();
        }
        model.signal(dense, 256, 256);
        final long t0 = CPU.getCurrentThreadCpuTime();
        final int reps = 5;
        for (int r = 0; r < reps; r++) {
            model.signal(dense, 256, 256);
        }
        row("dense A ⊛ P (ms/frame)", 256, -1, (CPU.getCurrentThreadCpuTime() - t0) / 1e6 / reps, Double.NaN,
            "%.1f");

        // Threshold search on 256 × 256 patches at 200 emitters per camera frame.
        final List<FrameMaps> patches = new ArrayList<>();
        final int emitters = (int)Math.round(200 * (256.0 * 256) / (384.0 * 384));
        for (int p = 0; p < patchCount; p++) {
            patches.add(simulate(model, 256, emitters, 77 + p));
        }
        final double[] times = new double[2];
        ThresholdSearchResult last = null;
        for (int k = 0; k < 2; k++) {
            final ThresholdSearch search = new ThresholdSearch(detector, synth, ThresholdSearch.DEFAULT_COARSE_POINTS,
                k == 0 ? 1 : threads);
            final long s0 = k == 0 ? CPU.getCurrentThreadCpuTime() : System.nanoTime();
            last = search.search(patches, Monitor.NONE);
            times[k] = ((k == 0 ? CPU.getCurrentThreadCpuTime() : System.nanoTime()) - s0) / 1e9;
        }
        System.out.printf(Locale.ROOT, "| threshold search, %d patches (s) | 256 | %d | %.1f | %.1f |%n", patchCount,
            emitters, times[0], times[1]);
        System.out.printf(Locale.ROOT, "%nThreshold search: τ* = %.5f in [%.5f, %.5f], %d fine windows, "
            + "%d + %d objective evaluations per patch%n", last.threshold(), last.rangeLow(), last.rangeHigh(),
            last.fineAttempts(), last.coarseThresholds().length, last.fineAttempts() * 100);
    }

    private static void row(final String task, final int size, final int emitters, final double single,
        final double parallel, final String fmt) {
        System.out.printf(Locale.ROOT, "| %s | %d | %s | " + fmt + " | %s |%n", task, size,
            emitters < 0 ? "dense" : Integer.toString(emitters), single,
            Double.isNaN(parallel) ? "" : String.format(Locale.ROOT, fmt, parallel));
    }

    private interface FrameTask {
        Object run(FrameMaps f);
    }

    /**
     * Frames per second over at least 1 s of work, after 0.5 s of warm-up. Single-threaded runs are timed by
     * the thread's CPU time (robust on a shared machine), parallel runs by wall-clock time.
     */
    private static double framesPerSecond(final List<FrameMaps> frames, final FrameTask task, final int threads) {
        final long warm = System.nanoTime();
        while (System.nanoTime() - warm < 500_000_000L) {
            frames.forEach(task::run);
        }
        long done = 0;
        final long start = System.nanoTime();
        final long cpuStart = CPU.getCurrentThreadCpuTime();
        do {
            if (threads == 1) {
                frames.forEach(task::run);
            } else {
                final java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(threads);
                try {
                    pool.submit(() -> IntStream.range(0, frames.size()).parallel()
                        .forEach(i -> task.run(frames.get(i)))).join();
                } finally {
                    pool.shutdown();
                }
            }
            done += frames.size();
        } while (System.nanoTime() - start < 1_000_000_000L);
        if (threads == 1) {
            return done / ((CPU.getCurrentThreadCpuTime() - cpuStart) / 1e9);
        }
        return done / ((System.nanoTime() - start) / 1e9);
    }

    private static Poi gaussianPoi(final int size, final double sigma) {
        final float[] v = new float[size * size];
        final double c = (size - 1) / 2.0;
        double sum = 0;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                v[y * size + x] = (float)Math.exp(-((y - c) * (y - c) + (x - c) * (x - c)) / (2 * sigma * sigma));
                sum += v[y * size + x];
            }
        }
        for (int i = 0; i < v.length; i++) {
            v[i] /= (float)sum;
        }
        return new Poi(v, 1, size, size, Poi.Kind.PATTERN_2D, Double.NaN, Double.NaN, "Gaussian σ " + sigma);
    }

    private static FrameMaps simulate(final ForwardModel model, final int size, final int emitters,
        final long seed) {
        final SplittableRandom rnd = new SplittableRandom(seed);
        final float[] a = new float[size * size];
        for (int i = 0; i < 0.05 * a.length; i++) {
            a[rnd.nextInt(a.length)] = (float)rnd.nextDouble(0, 0.015);
        }
        for (int e = 0; e < emitters; e++) {
            final double x = rnd.nextDouble(0, size - 1.001);
            final double y = rnd.nextDouble(0, size - 1.001);
            final double amp = rnd.nextDouble(0.5, 2);
            final int x0 = (int)x;
            final int y0 = (int)y;
            final double fx = x - x0;
            final double fy = y - y0;
            a[y0 * size + x0] += (float)(amp * (1 - fx) * (1 - fy));
            a[y0 * size + x0 + 1] += (float)(amp * fx * (1 - fy));
            a[(y0 + 1) * size + x0] += (float)(amp * (1 - fx) * fy);
            a[(y0 + 1) * size + x0 + 1] += (float)(amp * fx * fy);
        }
        final float[] dsum = model.signal(a, size, size);
        final float[] xbg = new float[dsum.length];
        for (int i = 0; i < xbg.length; i++) {
            final double u = 1 - rnd.nextDouble();
            xbg[i] = dsum[i] + (float)(0.012 * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd.nextDouble()));
        }
        return new FrameMaps(a, 1, size, size, dsum, xbg);
    }
}
