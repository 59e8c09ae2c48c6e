package org.knime.depaf.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knime.depaf.core.image.ImageStack;
import org.knime.depaf.core.net.DepafNetwork;
import org.knime.depaf.core.net.ForwardKernels;
import org.knime.depaf.core.net.NetworkConfig;
import org.knime.depaf.core.net.NetworkOutput;
import org.knime.depaf.core.net.samediff.SameDiffBackend;
import org.knime.depaf.core.poi.Poi;
import org.knime.depaf.core.poi.PreprocessedPoi;
import org.knime.depaf.core.preprocess.NormalizationConstants;
import org.knime.depaf.core.resample.Interpolation;
import org.knime.depaf.core.resample.UpsamplingRatios;

class ModelFileTest {

    @TempDir
    Path dir;

    private final SameDiffBackend backend = new SameDiffBackend();

    @Test
    void savedModelPredictsExactlyAsTheOriginal() throws IOException {
        final Path file = dir.resolve("m.depaf");
        final ImageStack patches = randomPatches(2, 16, 16, 3);
        try (DepafModel model = smallModel()) {
            final NetworkOutput before = model.network().infer(patches);
            ModelFile.write(file, model);
            try (DepafModel loaded = ModelFile.read(file, backend)) {
                final NetworkOutput after = loaded.network().infer(patches);
                assertArrayEquals(before.amplitudes(), after.amplitudes());
                assertArrayEquals(before.background(), after.background());
                assertEquals(model.threshold(), loaded.threshold());
                assertEquals(model.lambda(), loaded.lambda());
                assertEquals(model.normalization().normMin(), loaded.normalization().normMin());
                assertEquals(model.normalization().normMax(), loaded.normalization().normMax());
                assertEquals(model.poi().ratios(), loaded.poi().ratios());
                assertEquals(model.poi().method(), loaded.poi().method());
                assertArrayEquals(model.poi().poi().values(), loaded.poi().poi().values());
                assertEquals(model.parameters(), loaded.parameters());
                assertEquals(model.provenance(), loaded.provenance());
            }
        }
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "only the model file, no temporary file left");
        }
    }

    @Test
    void aFileFromANewerVersionIsRefusedWithAClearMessage() throws IOException {
        final Path file = dir.resolve("newer.depaf");
        writeZip(file, "format=DEPAF model\nformat.version=99\nprovenance.softwareVersion=9.0.0\n");
        final IOException e = assertThrows(IOException.class, () -> ModelFile.read(file, backend));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("newer"), e.getMessage());
    }

    @Test
    void aFileThatIsNoModelIsRefusedNamingTheFile() throws IOException {
        final Path file = dir.resolve("stack.tif");
        Files.write(file, new byte[]{'I', 'I', 42, 0, 8, 0, 0, 0});
        final IOException e = assertThrows(IOException.class, () -> ModelFile.read(file, backend));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("not a DEPAF model"),
            e.getMessage());
    }

    @Test
    void aTruncatedModelIsReportedAsDamaged() throws IOException {
        final Path file = dir.resolve("m.depaf");
        try (DepafModel model = smallModel()) {
            ModelFile.write(file, model);
        }
        final byte[] bytes = Files.readAllBytes(file);
        final Path cut = dir.resolve("cut.depaf");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        final IOException e = assertThrows(IOException.class, () -> ModelFile.read(cut, backend));
        assertTrue(e.getMessage().contains(cut.toString()), e.getMessage());
    }

    @Test
    void aMissingFileIsNamed() {
        final Path file = dir.resolve("nothing.depaf");
        final IOException e = assertThrows(IOException.class, () -> ModelFile.read(file, backend));
        assertTrue(e.getMessage().contains("nothing.depaf"), e.getMessage());
    }

    private DepafModel smallModel() {
        final Poi poi = gaussianPoi(7, 1.2);
        final ForwardKernels kernels = ForwardKernels.of(poi, 9, 9);
        final DepafNetwork net = backend.build(NetworkConfig.builder(1).baseWidth(4).seed(3).build(), kernels);
        return new DepafModel(net, new PreprocessedPoi(poi, new UpsamplingRatios(1.5, 1.5, 1), Interpolation.SPLINE),
            new NormalizationConstants(100, 250.5), 0.0123, 0.02, Map.of("batchSize", "8", "seed", "3"),
            new ModelProvenance("stack.tif", "Gaussian σ = 1.2 px", Instant.parse("2026-11-21T12:00:00Z"), "0.1.0",
                42, 0.5, 12.5));
    }

    private static Poi gaussianPoi(final int size, final double sigma) {
        final float[] v = new float[size * size];
        final int c = size / 2;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                v[y * size + x] = (float)Math.exp(-((y - c) * (y - c) + (x - c) * (x - c)) / (2 * sigma * sigma));
            }
        }
        return new Poi(v, 1, size, size, Poi.Kind.PATTERN_2D, 100, Double.NaN, "test Gaussian");
    }

    private static ImageStack randomPatches(final int n, final int h, final int w, final long seed) {
        final SplittableRandom r = new SplittableRandom(seed);
        final float[] px = new float[n * h * w];
        for (int i = 0; i < px.length; i++) {
            px[i] = (float)r.nextDouble();
        }
        return new ImageStack(px, n, h, w, Double.NaN, "random patches");
    }

    private static void writeZip(final Path file, final String metadata) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(ModelFile.METADATA_ENTRY));
            zip.write(metadata.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
    }
}
