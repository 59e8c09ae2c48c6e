package org.knime.depaf.core.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.knime.depaf.core.net.DepafNetwork;
import org.knime.depaf.core.net.ForwardKernels;
import org.knime.depaf.core.net.NetworkBackend;
import org.knime.depaf.core.poi.Poi;
import org.knime.depaf.core.poi.PreprocessedPoi;
import org.knime.depaf.core.preprocess.NormalizationConstants;
import org.knime.depaf.core.resample.Interpolation;
import org.knime.depaf.core.resample.UpsamplingRatios;
import org.knime.depaf.core.util.AtomicFiles;
import org.knime.depaf.core.util.DepafVersion;

/**
 * Reads and writes DEPAF model files ({@code .depaf}).
 *
 * <p>A model file is a ZIP archive with two entries: {@value #METADATA_ENTRY}, a Java properties text with the
 * format version, every constant prediction needs, the training parameters and the provenance (readable in any
 * text editor after unzipping), and {@value #NETWORK_ENTRY}, the network as its backend writes it (weights,
 * optimiser state, and the forward model's kernels, which hold the preprocessed POI). Files are written
 * atomically: a failed or cancelled write leaves no file behind and never a partial one.
 */
public final class ModelFile {

    /** The metadata entry; the first entry of the archive. */
    public static final String METADATA_ENTRY = "depaf-model.properties";

    /** The network entry. */
    public static final String NETWORK_ENTRY = "network.bin";

    /** The format this version writes and reads. Increase it when the layout or meaning of a field changes. */
    public static final int FORMAT_VERSION = 1;

    /** The usual file-name extension. */
    public static final String EXTENSION = ".depaf";

    private static final String FORMAT_NAME = "DEPAF model";

    private static final String PARAMETER_PREFIX = "parameter.";

    private ModelFile() {
    }

    /**
     * Writes a model atomically.
     *
     * @param file target file, replaced if it exists
     * @param model the model
     * @throws IOException if writing fails (the message names the file); the target is then unchanged
     */
    public static void write(final Path file, final DepafModel model) throws IOException {
        AtomicFiles.write(file, out -> write(out, model));
    }

    private static void write(final OutputStream target, final DepafModel model) throws IOException {
        final ZipOutputStream zip = new ZipOutputStream(target);
        zip.putNextEntry(new ZipEntry(METADATA_ENTRY));
        zip.write(metadataText(model).getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
        zip.putNextEntry(new ZipEntry(NETWORK_ENTRY));
        model.network().write(zip);
        zip.closeEntry();
        zip.finish();
    }

    private static String metadataText(final DepafModel model) throws IOException {
        final Properties p = new Properties();
        p.setProperty("format", FORMAT_NAME);
        p.setProperty("format.version", Integer.toString(FORMAT_VERSION));
        p.setProperty("network.backend", model.network().backend());
        final Poi poi = model.poi().poi();
        p.setProperty("poi.kind", poi.kind().name());
        p.setProperty("poi.pixelSizeNm", Double.toString(poi.pixelSizeNm()));
        p.setProperty("poi.zStepNm", Double.toString(poi.zStepNm()));
        p.setProperty("poi.source", poi.source());
        final UpsamplingRatios r = model.poi().ratios();
        p.setProperty("upsampling.y", Double.toString(r.y()));
        p.setProperty("upsampling.x", Double.toString(r.x()));
        p.setProperty("upsampling.z", Double.toString(r.z()));
        p.setProperty("interpolation", model.poi().method().name());
        p.setProperty("normalization.min", Double.toString(model.normalization().normMin()));
        p.setProperty("normalization.max", Double.toString(model.normalization().normMax()));
        p.setProperty("threshold", Double.toString(model.threshold()));
        p.setProperty("lambda", Double.toString(model.lambda()));
        final ModelProvenance prov = model.provenance();
        p.setProperty("provenance.data", prov.dataSource());
        p.setProperty("provenance.poi", prov.poiSource());
        p.setProperty("provenance.created", prov.created().toString());
        p.setProperty("provenance.softwareVersion", prov.softwareVersion());
        p.setProperty("provenance.iterations", Long.toString(prov.iterations()));
        p.setProperty("provenance.bestValidationLoss", Double.toString(prov.bestValidationLoss()));
        p.setProperty("provenance.trainingSeconds", Double.toString(prov.trainingSeconds()));
        for (final Map.Entry<String, String> e : model.parameters().entrySet()) {
            p.setProperty(PARAMETER_PREFIX + e.getKey(), e.getValue());
        }
        final StringWriter text = new StringWriter();
        p.store(text, "DEPAF model written by DEPAF for KNIME " + DepafVersion.VERSION);
        return text.toString();
    }

    /**
     * Reads a model.
     *
     * @param file the model file
     * @param backend the engine that runs the network (its name must match the file's)
     * @return the model, owning a new network
     * @throws IOException with a message that names the file and says what is wrong: missing, not a DEPAF model,
     *             written by a newer version, for another engine, or damaged
     */
    public static DepafModel read(final Path file, final NetworkBackend backend) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "model file not found");
        }
        Properties meta = null;
        DepafNetwork network = null;
        try (ZipInputStream zip = new ZipInputStream(new java.io.BufferedInputStream(Files.newInputStream(file),
            1 << 16))) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                if (METADATA_ENTRY.equals(entry.getName())) {
                    meta = new Properties();
                    meta.load(new StringReader(new String(zip.readAllBytes(), StandardCharsets.UTF_8)));
                    checkFormat(file, meta, backend);
                } else if (NETWORK_ENTRY.equals(entry.getName())) {
                    if (meta == null) {
                        throw damaged(file, "the network comes before the metadata");
                    }
                    network = backend.read(nonClosing(zip));
                }
            }
        } catch (ZipException | java.io.EOFException e) {
            closeQuietly(network);
            throw notAModel(file, e.getMessage());
        } catch (IOException | RuntimeException e) {
            closeQuietly(network);
            if (e instanceof IOException && e.getMessage() != null && e.getMessage().contains(file.toString())) {
                throw (IOException)e;
            }
            throw new IOException("Cannot read DEPAF model file " + file + ": " + e.getMessage(), e);
        }
        if (meta == null) {
            throw notAModel(file, "it has no " + METADATA_ENTRY);
        }
        if (network == null) {
            throw damaged(file, "the network (" + NETWORK_ENTRY + ") is missing");
        }
        try {
            return toModel(meta, network);
        } catch (RuntimeException e) {
            network.close();
            throw damaged(file, e.getMessage());
        }
    }

    private static void checkFormat(final Path file, final Properties meta, final NetworkBackend backend)
        throws IOException {
        if (!FORMAT_NAME.equals(meta.getProperty("format"))) {
            throw notAModel(file, METADATA_ENTRY + " does not declare format '" + FORMAT_NAME + "'");
        }
        final int version;
        try {
            version = Integer.parseInt(meta.getProperty("format.version", ""));
        } catch (NumberFormatException e) {
            throw damaged(file, "its format version is missing or not a number");
        }
        if (version > FORMAT_VERSION) {
            throw new IOException("DEPAF model file " + file + " has format version " + version
                + ", written by a newer DEPAF (" + meta.getProperty("provenance.softwareVersion", "unknown version")
                + "); this DEPAF " + DepafVersion.VERSION + " reads format versions up to " + FORMAT_VERSION
                + ". Update DEPAF to use it.");
        }
        if (version < 1) {
            throw damaged(file, "format version " + version + " does not exist");
        }
        final String engine = meta.getProperty("network.backend");
        if (!backend.name().equals(engine)) {
            throw new IOException("DEPAF model file " + file + " holds a network for the '" + engine
                + "' engine; this DEPAF runs it with '" + backend.name() + "'");
        }
    }

    private static DepafModel toModel(final Properties p, final DepafNetwork network) {
        final ForwardKernels k = network.kernels();
        final Poi poi = new Poi(k.poi(), k.channels(), k.poiHeight(), k.poiWidth(),
            Poi.Kind.valueOf(required(p, "poi.kind")), number(p, "poi.pixelSizeNm"), number(p, "poi.zStepNm"),
            p.getProperty("poi.source", "POI"));
        final UpsamplingRatios ratios =
            new UpsamplingRatios(number(p, "upsampling.y"), number(p, "upsampling.x"), number(p, "upsampling.z"));
        final PreprocessedPoi preprocessed =
            new PreprocessedPoi(poi, ratios, Interpolation.valueOf(required(p, "interpolation")));
        final NormalizationConstants norm =
            new NormalizationConstants(number(p, "normalization.min"), number(p, "normalization.max"));
        final Map<String, String> parameters = new LinkedHashMap<>();
        p.stringPropertyNames().stream().filter(n -> n.startsWith(PARAMETER_PREFIX)).sorted()
            .forEach(n -> parameters.put(n.substring(PARAMETER_PREFIX.length()), p.getProperty(n)));
        final Instant created;
        try {
            created = Instant.parse(required(p, "provenance.created"));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("provenance.created is not a date: " + e.getParsedString());
        }
        final ModelProvenance prov = new ModelProvenance(p.getProperty("provenance.data", "unknown"),
            p.getProperty("provenance.poi", "unknown"), created, p.getProperty("provenance.softwareVersion", "unknown"),
            Long.parseLong(required(p, "provenance.iterations")), number(p, "provenance.bestValidationLoss"),
            number(p, "provenance.trainingSeconds"));
        return new DepafModel(network, preprocessed, norm, number(p, "threshold"), number(p, "lambda"), parameters,
            prov);
    }

    private static String required(final Properties p, final String key) {
        final String v = p.getProperty(key);
        if (v == null) {
            throw new IllegalArgumentException("field '" + key + "' is missing");
        }
        return v;
    }

    private static double number(final Properties p, final String key) {
        try {
            return Double.parseDouble(required(p, key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("field '" + key + "' is not a number: " + p.getProperty(key));
        }
    }

    private static IOException notAModel(final Path file, final String why) {
        return new IOException(file + " is not a DEPAF model file (expected a " + EXTENSION + " file written by "
            + "DEPAF's Learner): " + why);
    }

    private static IOException damaged(final Path file, final String why) {
        return new IOException("DEPAF model file " + file + " is damaged: " + why);
    }

    private static void closeQuietly(final DepafNetwork network) {
        if (network != null) {
            network.close();
        }
    }

    /** The backend reads its entry; it must not close the archive stream. */
    private static InputStream nonClosing(final InputStream in) {
        return new java.io.FilterInputStream(in) {
            @Override
            public void close() {
                // the archive stays open for the next entry
            }
        };
    }
}
