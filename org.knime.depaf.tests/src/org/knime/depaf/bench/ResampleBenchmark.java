package org.knime.depaf.bench;

import java.util.Locale;
import java.util.SplittableRandom;

import org.knime.depaf.core.resample.FrameResampler;
import org.knime.depaf.core.resample.Interpolation;
import org.knime.depaf.core.resample.VolumeInterpolator;
import org.knime.depaf.core.preprocess.Percentiles;

/**
 * Times the centre-keeping frame resampler, point queries of the volume interpolator and the percentile
 * selection. Prints a table; asserts nothing. Run: {@code java ... org.knime.depaf.bench.ResampleBenchmark}.
 */
public final class ResampleBenchmark {

    private ResampleBenchmark() {
    }

    public static void main(final String[] args) {
        final SplittableRandom r = new SplittableRandom(1);
        System.out.println("| operation | size | method | time per call |");
        System.out.println("|---|---|---|---|");
        for (final int n : new int[] {64, 256, 512}) {
            final float[] frame = new float[n * n];
            for (int i = 0; i < frame.length; i++) {
                frame[i] = (float)r.nextDouble(0, 1000);
            }
            for (final Interpolation m : Interpolation.values()) {
                final FrameResampler fr = new FrameResampler(n, n, 1.5, 1.5, m);
                final float[] out = new float[fr.outputHeight() * fr.outputWidth()];
                final int reps = Math.max(3, 20_000_000 / (n * n));
                for (int i = 0; i < reps; i++) {
                    fr.resample(frame, 0, out, 0); // warm-up
                }
                final long t0 = System.nanoTime();
                for (int i = 0; i < reps; i++) {
                    fr.resample(frame, 0, out, 0);
                }
                final double ms = (System.nanoTime() - t0) / 1e6 / reps;
                System.out.printf(Locale.ROOT, "| frame resample ×1.5 | %d² → %d² | %s | %.3f ms |%n", n,
                    fr.outputHeight(), m.matlabName(), ms);
            }
        }
        final int nz = 151;
        final int ny = 45;
        final float[] vol = new float[nz * ny * ny];
        for (int i = 0; i < vol.length; i++) {
            vol[i] = (float)r.nextDouble();
        }
        for (final Interpolation m : new Interpolation[] {Interpolation.SPLINE, Interpolation.LINEAR}) {
            long t0 = System.nanoTime();
            final VolumeInterpolator vi = new VolumeInterpolator(vol, nz, ny, ny, m);
            final double build = (System.nanoTime() - t0) / 1e6;
            System.out.printf(Locale.ROOT, "| volume interpolator build | %d × %d² | %s | %.1f ms |%n", nz, ny,
                m.matlabName(), build);
            double sink = 0;
            final int q = 2_000_000;
            for (int i = 0; i < q; i++) {
                sink += vi.value(r.nextDouble(0, nz - 1), r.nextDouble(0, ny - 1), r.nextDouble(0, ny - 1));
            }
            t0 = System.nanoTime();
            for (int i = 0; i < q; i++) {
                sink += vi.value(r.nextDouble(0, nz - 1), r.nextDouble(0, ny - 1), r.nextDouble(0, ny - 1));
            }
            System.out.printf(Locale.ROOT, "| volume interpolator value() | random points | %s | %.1f ns |%n",
                m.matlabName(), (System.nanoTime() - t0) / (double)q);
            final float[] slice = new float[ny * ny];
            t0 = System.nanoTime();
            for (int i = 0; i < 2000; i++) {
                vi.sampleGrid(r.nextDouble(0, nz - 1), 0.3, -0.2, ny, ny, slice);
            }
            System.out.printf(Locale.ROOT, "| volume interpolator sampleGrid | %d² slice | %s | %.1f µs |%n", ny,
                m.matlabName(), (System.nanoTime() - t0) / 1e3 / 2000);
            if (sink == 42) {
                System.out.println();
            }
        }
        final float[] big = new float[78 * 384 * 384];
        for (int i = 0; i < big.length; i++) {
            big[i] = r.nextInt(5) == 0 ? 0f : (float)r.nextDouble();
        }
        Percentiles.prctile(big, 99.9);
        final long t0 = System.nanoTime();
        Percentiles.prctile(big, 99.9);
        System.out.printf(Locale.ROOT, "| prctile 99.9 | %d values | select | %.1f ms |%n", big.length,
            (System.nanoTime() - t0) / 1e6);
    }
}
