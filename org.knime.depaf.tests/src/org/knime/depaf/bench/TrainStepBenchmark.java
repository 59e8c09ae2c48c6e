package org.knime.depaf.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.knime.depaf.core.image.ImageStack;
import org.knime.depaf.core.net.DepafNetwork;
import org.knime.depaf.core.net.ForwardKernels;
import org.knime.depaf.core.net.NetworkConfig;
import org.knime.depaf.core.net.Objective;
import org.knime.depaf.core.net.samediff.SameDiffBackend;

/**
 * Seconds per training step and inference patches per second of the SameDiff network, for the paper's network
 * (D = 2, F = 64, 8 × 256²) and CPU candidates (F = 16/32, D = 2, 64² and 96² patches, batch 8 and 16), on 2-D
 * data with a 15 × 15 Gaussian POI (σ = 2 upsampled px) and a 33 × 33 background box. Prints a table; asserts
 * nothing. Besides wall time it reports process CPU time, which stays meaningful on a busy machine.
 *
 * <p>Run once per thread count (OpenMP reads it at start-up):
 * {@code OMP_NUM_THREADS=1 java -cp ... org.knime.depaf.bench.TrainStepBenchmark [--quick] [--steps N]}.
 * {@code --quick} leaves out the paper network (about a minute per step on one core).
 */
public final class TrainStepBenchmark {

    private record Case(int width, int patch, int batch, int steps) {
    }

    private TrainStepBenchmark() {
    }

    public static void main(final String[] args) {
        boolean quick = false;
        int steps = 5;
        for (int i = 0; i < args.length; i++) {
            if ("--quick".equals(args[i])) {
                quick = true;
            } else if ("--steps".equals(args[i])) {
                steps = Integer.parseInt(args[++i]);
            }
        }
        final List<Case> cases = new ArrayList<>();
        for (final int f : new int[] {16, 32}) {
            for (final int p : new int[] {64, 96}) {
                for (final int b : new int[] {8, 16}) {
                    cases.add(new Case(f, p, b, steps));
                }
            }
        }
        if (!quick) {
            cases.add(new Case(64, 256, 8, 2));
        }
        final ForwardKernels kernels = new ForwardKernels(gaussian(15, 2.0), 1, 15, 15, 33, 33);
        final Objective objective = Objective.full(kernels, 0.02);
        System.out.println("OMP_NUM_THREADS=" + System.getenv("OMP_NUM_THREADS") + ", "
            + Runtime.getRuntime().availableProcessors() + " processors");
        System.out.println("| D | F | patch | batch | parameters | U-Net GFLOP/patch (fwd) | s/step (wall) "
            + "| CPU s/step | patches/s (train, CPU) | GFLOP/s (train, 3×fwd, CPU) | patches/s (infer, CPU) | build s |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (final Case c : cases) {
            final NetworkConfig config = NetworkConfig.builder(1).encoderDepth(2).baseWidth(c.width()).seed(1).build();
            final long t0 = System.nanoTime();
            try (DepafNetwork net = new SameDiffBackend().build(config, kernels)) {
                final double buildS = (System.nanoTime() - t0) / 1e9;
                final ImageStack batch = patches(c.batch(), c.patch(), 7);
                net.trainStep(batch, objective); // warm-up: first execution allocates and JIT-compiles kernels
                double best = Double.MAX_VALUE;
                double total = 0;
                double cpuTotal = 0;
                for (int s = 0; s < c.steps(); s++) {
                    final long t = System.nanoTime();
                    final long cpu = cpuNanos();
                    net.trainStep(batch, objective);
                    cpuTotal += (cpuNanos() - cpu) / 1e9;
                    final double sec = (System.nanoTime() - t) / 1e9;
                    best = Math.min(best, sec);
                    total += sec;
                }
                final double perStep = total / c.steps();
                final double cpuPerStep = cpuTotal / c.steps();
                final ImageStack inferBatch = patches(c.batch(), c.patch(), 8);
                net.infer(inferBatch); // warm-up
                final int reps = Math.max(1, c.steps() / 2);
                final long ti = cpuNanos();
                for (int r = 0; r < reps; r++) {
                    net.infer(inferBatch);
                }
                final double inferS = (cpuNanos() - ti) / 1e9 / reps;
                final double gflop = config.flopsPerFrame(c.patch(), c.patch()) / 1e9;
                System.out.printf(Locale.ROOT,
                    "| %d | %d | %d² | %d | %d | %.3f | %.3f (best %.3f) | %.3f | %.1f | %.1f | %.1f | %.1f |%n",
                    config.encoderDepth(), c.width(), c.patch(), c.batch(), config.parameterCount(), gflop, perStep, best,
                    cpuPerStep, c.batch() / cpuPerStep, 3 * gflop * c.batch() / cpuPerStep, c.batch() / inferS, buildS);
            }
        }
    }

    /**
     * CPU time of the whole process, native OpenMP threads included: on a machine shared with other work, wall time
     * measures the contention, CPU time the work itself. Read from {@code /proc/self/stat} (Linux, 100 ticks per
     * second); elsewhere the calling thread's CPU time, which is all of it with one OpenMP thread.
     */
    private static long cpuNanos() {
        try {
            final String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/stat"));
            // fields after the command name (which is in parentheses and may contain spaces)
            final String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L; // utime + stime
        } catch (java.io.IOException | RuntimeException e) {
            return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        }
    }

    private static float[] gaussian(final int size, final double sigma) {
        final float[] p = new float[size * size];
        final int r = size / 2;
        double sum = 0;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                final double v = Math.exp(-((y - r) * (y - r) + (x - r) * (x - r)) / (2 * sigma * sigma));
                p[y * size + x] = (float)v;
                sum += v;
            }
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= (float)sum;
        }
        return p;
    }

    /** Gaussian spots (σ = 2 px, about one per 400 px) on a flat background with noise, normalised scale. */
    private static ImageStack patches(final int count, final int size, final long seed) {
        final SplittableRandom r = new SplittableRandom(seed);
        final float[] px = new float[count * size * size];
        final int spots = Math.max(1, size * size / 400);
        for (int f = 0; f < count; f++) {
            final int off = f * size * size;
            for (int i = 0; i < size * size; i++) {
                px[off + i] = (float)(0.1 + 0.02 * r.nextGaussian());
            }
            for (int s = 0; s < spots; s++) {
                final double cy = r.nextDouble(0, size);
                final double cx = r.nextDouble(0, size);
                final double a = r.nextDouble(0.3, 1);
                final int y0 = Math.max(0, (int)cy - 8);
                final int y1 = Math.min(size, (int)cy + 9);
                final int x0 = Math.max(0, (int)cx - 8);
                final int x1 = Math.min(size, (int)cx + 9);
                for (int y = y0; y < y1; y++) {
                    for (int x = x0; x < x1; x++) {
                        px[off + y * size + x] += (float)(a * Math.exp(-((y - cy) * (y - cy) + (x - cx) * (x - cx))
                            / 8.0));
                    }
                }
            }
        }
        return new ImageStack(px, count, size, size, Double.NaN, "benchmark patches");
    }
}
