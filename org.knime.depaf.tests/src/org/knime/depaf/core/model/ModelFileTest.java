package org.knime.depaf.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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
import org.knime.depaf.core.train.TrainingParameters;

public class ModelFileTest {

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

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "upsampling.y | 1e6 | expected a number from 1 up to 17",
        "upsampling.x | NaN | expected a number from 1 up to 17",
        "upsampling.z | 0.5 | expected a number from 1 up to 17",
        "normalization.max | 0 | normalization.max",
        "normalization.min | Infinity | normalization.min",
        "threshold | -1 | threshold",
        "lambda | NaN | lambda",
        "poi.pixelSizeNm | -100 | poi.pixelSizeNm",
        "poi.kind | SPHERE | expected one of",
        "interpolation | bicubic | expected one of",
        "provenance.iterations | 1.5 | provenance.iterations",
        "parameter.encoderDepth | 99 | expected a whole number from 1 to 8",
        "parameter.patchSize | 64,1e12 | parameter.patchSize",
        "parameter.patchNumForThreshSearch | 100000000000 | parameter.patchNumForThreshSearch",
    })
    void aDamagedNumberIsReportedAsADamagedModelNamingTheField(final String field, final String value,
        final String expected) throws IOException {
        final Path file = dir.resolve("m.depaf");
        try (DepafModel model = smallModel()) {
            ModelFile.write(file, parametersOf(model));
        }
        final Path bad = dir.resolve("bad.depaf");
        rewriteMetadata(file, bad, field, value);
        final IOException e = assertThrows(IOException.class, () -> ModelFile.read(bad, backend));
        assertTrue(e.getMessage().contains("DEPAF model file " + bad + " is damaged")
            && e.getMessage().contains("'" + field + "'") && e.getMessage().contains(value)
            && e.getMessage().contains(expected), e.getMessage());

        // the unchanged copy reads, so it is the one field that is refused
        final Path same = dir.resolve("same.depaf");
        rewriteMetadata(file, same, "provenance.data", "stack.tif");
        ModelFile.read(same, backend).close();
    }

    @Test
    void aRatioThatDoesNotFitThePoiIsReportedAsDamaged() throws IOException {
        final Path file = dir.resolve("m.depaf");
        try (DepafModel model = smallModel()) {
            ModelFile.write(file, model);
        }
        final Path bad = dir.resolve("bad.depaf");
        rewriteMetadata(file, bad, "upsampling.z", "2"); // the POI has one slice
        final IOException e = assertThrows(IOException.class, () -> ModelFile.read(bad, backend));
        assertTrue(e.getMessage().contains("is damaged") && e.getMessage().contains("z upsampling ratio"),
            e.getMessage());
    }

    @Test
    void aDamagedNetworkSizeIsReportedAsDamagedWithoutAllocatingIt() throws IOException {
        final Path file = dir.resolve("m.depaf");
        try (DepafModel model = smallModel()) {
            ModelFile.write(file, model);
        }
        // the POI height of the network entry: "DEPAFNET", version, backend name, then the configuration
        final byte[] net = entry(file, ModelFile.NETWORK_ENTRY);
        final int poiHeight = 8 + 4 + 2 + SameDiffBackend.NAME.length() + 4 + 1 + 4 + 4 + 1 + 8 + 8 + 4;
        assertEquals(7, ByteBuffer.wrap(net, poiHeight, 4).getInt(), "test must find the POI height");
        ByteBuffer.wrap(net, poiHeight, 4).putInt(Integer.MAX_VALUE);
        final Path bad = dir.resolve("bad.depaf");
        writeZip(bad, entry(file, ModelFile.METADATA_ENTRY), net);
        final IOException e = assertThrows(IOException.class, () -> ModelFile.read(bad, backend));
        assertTrue(e.getMessage().contains("is damaged") && e.getMessage().contains("2147483647"), e.getMessage());

        // a parameter array claiming 2 billion values in a file of a few kB: the end of the file, not a 8 GB array
        final byte[] net2 = entry(file, ModelFile.NETWORK_ENTRY);
        final int poiValues = poiHeight + 4 + 4 + 4 + 4;
        assertEquals(49, ByteBuffer.wrap(net2, poiValues, 4).getInt(), "test must find the POI's value count");
        final int firstParameter = poiValues + 4 + 49 * 4 + 8 + 8 + 4;
        final int nameLength = ByteBuffer.wrap(net2, firstParameter, 2).getShort();
        final int rankAt = firstParameter + 2 + nameLength;
        final int rank = ByteBuffer.wrap(net2, rankAt, 4).getInt();
        long values = 1;
        for (int d = 0; d < rank; d++) {
            values *= ByteBuffer.wrap(net2, rankAt + 4 + 8 * d, 8).getLong();
        }
        final int countAt = rankAt + 4 + 8 * rank;
        assertEquals(values, ByteBuffer.wrap(net2, countAt, 4).getInt(), "test must find the weights' count");
        ByteBuffer.wrap(net2, rankAt + 4, 8).putLong(Integer.MAX_VALUE - 8);
        for (int d = 1; d < rank; d++) {
            ByteBuffer.wrap(net2, rankAt + 4 + 8 * d, 8).putLong(1);
        }
        ByteBuffer.wrap(net2, countAt, 4).putInt(Integer.MAX_VALUE - 8);
        writeZip(bad, entry(file, ModelFile.METADATA_ENTRY), net2);
        final IOException t = assertThrows(IOException.class, () -> ModelFile.read(bad, backend));
        assertTrue(t.getMessage().contains("is damaged"), t.getMessage());
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

    /** The model with every training parameter recorded, as the Learner writes it. */
    private static DepafModel parametersOf(final DepafModel model) {
        final Map<String, String> p = TrainingParameters.builder(TrainingParameters.Preset.CPU, 0.02).build().asMap();
        return new DepafModel(model.network(), model.poi(), model.normalization(), model.threshold(),
            model.lambda(), p, model.provenance());
    }

    /** Copies a model file with one metadata field set to a new value (also used by the command line's tests). */
    public static void rewriteMetadata(final Path from, final Path to, final String field, final String value)
        throws IOException {
        final Properties p = new Properties();
        p.load(new StringReader(new String(entry(from, ModelFile.METADATA_ENTRY), StandardCharsets.UTF_8)));
        assertTrue(p.getProperty(field) != null, "test must change an existing field: " + field);
        p.setProperty(field, value);
        final StringWriter text = new StringWriter();
        p.store(text, null);
        writeZip(to, text.toString().getBytes(StandardCharsets.UTF_8), entry(from, ModelFile.NETWORK_ENTRY));
    }

    private static byte[] entry(final Path file, final String name) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                if (e.getName().equals(name)) {
                    return zip.readAllBytes();
                }
            }
        }
        throw new AssertionError(file + " has no entry " + name);
    }

    private static void writeZip(final Path file, final byte[] metadata, final byte[] network) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(ModelFile.METADATA_ENTRY));
            zip.write(metadata);
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry(ModelFile.NETWORK_ENTRY));
            zip.write(network);
            zip.closeEntry();
        }
    }

    private static void writeZip(final Path file, final String metadata) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(ModelFile.METADATA_ENTRY));
            zip.write(metadata.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
    }
}
