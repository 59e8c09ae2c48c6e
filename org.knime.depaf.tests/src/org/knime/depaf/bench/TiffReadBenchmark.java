package org.knime.depaf.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.knime.depaf.core.image.FrameSource;
import org.knime.depaf.core.image.ImageStack;
import org.knime.depaf.core.image.StackFiles;
import org.knime.depaf.core.image.TiffBitDepth;
import org.knime.depaf.core.image.TiffStackWriter;

/**
 * Throughput of TIFF stack writing and reading: a stack of N frames of 256 × 256 (default N = 2000) is written at
 * 16-bit and 32-bit through {@link TiffStackWriter} in batches, then read whole and in batches of 100 frames
 * through a {@link FrameSource}, several times; prints frames/s and MB/s of file data (best of the runs).
 *
 * <p>Usage: {@code TiffReadBenchmark [frames] [repeats]}. Needs a heap of about 4 bytes × frames × 65 536
 * (0.5 GiB for 2000 frames) for the whole-stack read. Numbers include the page cache: the file was just written,
 * so this measures decoding and copying, not the disk.
 */
public final class TiffReadBenchmark {

    private static final int SIZE = 256;
    private static final int BATCH = 100;

    private TiffReadBenchmark() {
    }

    public static void main(final String[] args) throws IOException {
        final int frames = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        final int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        final Path dir = Files.createTempDirectory("depaf-tiff-bench");
        try {
            System.out.printf(Locale.ROOT, "TIFF stack throughput: %d frames of %d × %d, batches of %d, best of %d%n",
                frames, SIZE, SIZE, BATCH, repeats);
            System.out.printf(Locale.ROOT, "%-8s %-22s %10s %10s %10s%n", "depth", "operation", "seconds",
                "frames/s", "MB/s");
            for (final TiffBitDepth depth : new TiffBitDepth[]{TiffBitDepth.UINT16, TiffBitDepth.FLOAT32}) {
                final Path file = dir.resolve("bench-" + depth + ".tif");
                final double mb = (double)frames * SIZE * SIZE * depth.bytes() / 1e6;
                double write = Double.MAX_VALUE;
                double whole = Double.MAX_VALUE;
                double batches = Double.MAX_VALUE;
                double checksum = 0;
                for (int r = 0; r < repeats; r++) {
                    write = Math.min(write, write(file, frames, depth));
                    long t = System.nanoTime();
                    final ImageStack all = StackFiles.read(file);
                    whole = Math.min(whole, (System.nanoTime() - t) / 1e9);
                    checksum += all.get(frames - 1, SIZE - 1, SIZE - 1);
                    t = System.nanoTime();
                    try (FrameSource source = StackFiles.open(file)) {
                        for (int first = 0; first < source.frames(); first += BATCH) {
                            final ImageStack batch = source.read(first, Math.min(BATCH, source.frames() - first));
                            checksum += batch.get(0, 0, 0);
                        }
                    }
                    batches = Math.min(batches, (System.nanoTime() - t) / 1e9);
                }
                row(depth, "write (batches of 100)", write, frames, mb);
                row(depth, "read whole", whole, frames, mb);
                row(depth, "read batches of 100", batches, frames, mb);
                if (Double.isNaN(checksum)) {
                    System.out.println("(checksum NaN)"); // keeps the reads from being optimised away
                }
                Files.deleteIfExists(file);
            }
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static double write(final Path file, final int frames, final TiffBitDepth depth) throws IOException {
        final SplittableRandom random = new SplittableRandom(1);
        final float[] batch = new float[BATCH * SIZE * SIZE];
        for (int i = 0; i < batch.length; i++) {
            batch[i] = 100 + random.nextInt(2000);
        }
        final long t = System.nanoTime();
        try (TiffStackWriter writer = StackFiles.openTiffWriter(file, SIZE, SIZE, 100, depth)) {
            for (int first = 0; first < frames; first += BATCH) {
                writer.append(batch, 0, Math.min(BATCH, frames - first));
            }
            writer.commit();
        }
        return (System.nanoTime() - t) / 1e9;
    }

    private static void row(final TiffBitDepth depth, final String what, final double seconds, final int frames,
        final double mb) {
        System.out.printf(Locale.ROOT, "%-8s %-22s %10.3f %10.0f %10.0f%n", depth, what, seconds, frames / seconds,
            mb / seconds);
    }
}
