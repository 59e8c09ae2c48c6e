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
import org.knime.depaf.core.net.NetworkConfig;
import org.knime.depaf.core.poi.Poi;
import org.knime.depaf.core.poi.PreprocessedPoi;
import org.knime.depaf.core.poi.ZRefinement;
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

    /** Far more than any model's metadata (a few kB): a larger entry is not read into memory. */
    private static final int MAX_METADATA_BYTES = 1 << 20;

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
        if (poi.channels() > 1 && poi.kind() == Poi.Kind.Z_STACK) {
            // z = 0, the PSF's focal plane, is the centre channel (poi calibrate centres the stack on it)
            p.setProperty("poi.focalChannel", Double.toString((poi.channels() - 1) / 2.0));
        }
        if (poi.zRefinement() != null) {
            p.setProperty("poi.zRefinement", poi.zRefinement().encode());
        }
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
        Fields fields = null;
        DepafNetwork network = null;
        try (ZipInputStream zip = new ZipInputStream(new java.io.BufferedInputStream(Files.newInputStream(file),
            1 << 16))) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                if (METADATA_ENTRY.equals(entry.getName())) {
                    final byte[] text = zip.readNBytes(MAX_METADATA_BYTES + 1);
                    if (text.length > MAX_METADATA_BYTES) {
                        throw damaged(file, "its " + METADATA_ENTRY + " is larger than " + MAX_METADATA_BYTES
                            + " bytes");
                    }
                    meta = new Properties();
                    meta.load(new StringReader(new String(text, StandardCharsets.UTF_8)));
                    checkFormat(file, meta, backend);
                    // every number is checked before the network is even read, so that no damaged value can
                    // reach an allocation or an integer computation
                    try {
                        fields = Fields.of(meta);
                    } catch (IllegalArgumentException e) {
                        throw damaged(file, e.getMessage());
                    }
                } else if (NETWORK_ENTRY.equals(entry.getName())) {
                    if (meta == null) {
                        throw damaged(file, "the network comes before the metadata");
                    }
                    try {
                        network = backend.read(nonClosing(zip));
                    } catch (IOException | IllegalArgumentException e) {
                        throw damaged(file, "its network (" + NETWORK_ENTRY + ") cannot be read: "
                            + e.getMessage());
                    }
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
            return toModel(fields, meta, network);
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

    private static ZRefinement zRefinement(final Properties p, final int channels) {
        final String text = p.getProperty("poi.zRefinement");
        if (text == null) {
            return null;
        }
        try {
            return ZRefinement.parse(text, channels);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("field 'poi.zRefinement': " + e.getMessage(), e);
        }
    }

    private static DepafModel toModel(final Fields f, final Properties p, final DepafNetwork network) {
        final ForwardKernels k = network.kernels();
        final Poi poi = new Poi(k.poi(), k.channels(), k.poiHeight(), k.poiWidth(), f.poiKind, f.poiPixelSizeNm,
            f.poiZStepNm, p.getProperty("poi.source", "POI")).withZRefinement(zRefinement(p, k.channels()));
        final UpsamplingRatios ratios = new UpsamplingRatios(f.ratioY, f.ratioX, f.ratioZ);
        ratios.requireCompatible(poi.height(), poi.width(), poi.channels(), "POI");
        final PreprocessedPoi preprocessed = new PreprocessedPoi(poi, ratios, f.interpolation);
        final NormalizationConstants norm = new NormalizationConstants(f.normMin, f.normMax);
        final Map<String, String> parameters = new LinkedHashMap<>();
        p.stringPropertyNames().stream().filter(n -> n.startsWith(PARAMETER_PREFIX)).sorted()
            .forEach(n -> parameters.put(n.substring(PARAMETER_PREFIX.length()), p.getProperty(n)));
        final ModelProvenance prov = new ModelProvenance(p.getProperty("provenance.data", "unknown"),
            p.getProperty("provenance.poi", "unknown"), f.created, p.getProperty("provenance.softwareVersion",
                "unknown"), f.iterations, f.bestValidationLoss, f.trainingSeconds);
        return new DepafModel(network, preprocessed, norm, f.threshold, f.lambda, parameters, prov);
    }

    /**
     * The metadata's values, each checked against the range a model written by DEPAF can have: a damaged file
     * (a flipped digit, an edit by hand) must give "damaged", never a value that makes frames of terabytes or
     * overflows an integer later on.
     */
    private static final class Fields {
        /** A metre: no pixel or z step of a microscope comes near it, and nm arithmetic stays exact enough. */
        private static final double MAX_NM = 1e9;

        private Poi.Kind poiKind;
        private double poiPixelSizeNm;
        private double poiZStepNm;
        private double ratioY;
        private double ratioX;
        private double ratioZ;
        private Interpolation interpolation;
        private double normMin;
        private double normMax;
        private double threshold;
        private double lambda;
        private Instant created;
        private long iterations;
        private double bestValidationLoss;
        private double trainingSeconds;

        /**
         * @throws IllegalArgumentException "field 'upsampling.y' is 1000000.0, expected a number from 1 up to 17"
         */
        static Fields of(final Properties p) {
            final Fields f = new Fields();
            f.poiKind = choice(p, "poi.kind", Poi.Kind.class);
            f.poiPixelSizeNm = number(p, "poi.pixelSizeNm", Double.MIN_VALUE, MAX_NM, true);
            f.poiZStepNm = number(p, "poi.zStepNm", Double.MIN_VALUE, MAX_NM, true);
            f.ratioY = number(p, "upsampling.y", 1, UpsamplingRatios.MAX, false);
            f.ratioX = number(p, "upsampling.x", 1, UpsamplingRatios.MAX, false);
            f.ratioZ = number(p, "upsampling.z", 1, UpsamplingRatios.MAX, false);
            f.interpolation = choice(p, "interpolation", Interpolation.class);
            // pixel arithmetic is in float: the constants must be floats, and 1 / normMax too
            f.normMin = number(p, "normalization.min", -Float.MAX_VALUE, Float.MAX_VALUE, false);
            f.normMax = number(p, "normalization.max", 1e-30, Float.MAX_VALUE, false);
            f.threshold = number(p, "threshold", 0, Float.MAX_VALUE, false);
            f.lambda = number(p, "lambda", 0, Float.MAX_VALUE, false);
            try {
                f.created = Instant.parse(required(p, "provenance.created"));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("field 'provenance.created' is '" + e.getParsedString()
                    + "', expected a date and time such as 2026-01-31T12:00:00Z");
            }
            f.iterations = wholeNumber(p, "provenance.iterations", 0, Long.MAX_VALUE);
            // Infinity when no validation ever improved on the start
            f.bestValidationLoss = number(p, "provenance.bestValidationLoss", 0, Double.POSITIVE_INFINITY, true);
            f.trainingSeconds = number(p, "provenance.trainingSeconds", 0, Double.MAX_VALUE, false);
            RecordedParameter.checkAll(p);
            return f;
        }
    }

    /**
     * The numeric training parameters a model records ({@code parameter.*}, as {@code TrainingParameters.asMap}
     * writes them) that the engine or a caller reads back, with the ranges a trained model can have. Other
     * recorded parameters are text for the record and are not interpreted.
     */
    private enum RecordedParameter {
        ENCODER_DEPTH("encoderDepth", 1, NetworkConfig.MAX_ENCODER_DEPTH),
        BASE_WIDTH("baseWidth", 0, NetworkConfig.MAX_STAGE_WIDTH),
        PATCH_SIZE("patchSize", 0, 1 << 16),
        PATCH_SIZE_CAP("patchSizeCap", 1, 1 << 16),
        TRAIN_PATCHES("trainPatchNum", 1, Integer.MAX_VALUE),
        VALIDATION_PATCHES("valPatchNum", 1, Integer.MAX_VALUE),
        BATCH_SIZE("miniBatchSize", 1, Integer.MAX_VALUE),
        THRESHOLD_PATCHES("patchNumForThreshSearch", 1, Integer.MAX_VALUE),
        MAX_EPOCHS("maxEpochs", 1, Integer.MAX_VALUE),
        VALIDATION_FREQUENCY("valFreq", 1, Integer.MAX_VALUE),
        MAX_PATIENCE("maxPatience", 1, Integer.MAX_VALUE),
        MAX_ITERATIONS("maxIterations", 0, Long.MAX_VALUE),
        SEED("seed", Long.MIN_VALUE, Long.MAX_VALUE);

        private final String name;
        private final long min;
        private final long max;

        RecordedParameter(final String name, final long min, final long max) {
            this.name = name;
            this.min = min;
            this.max = max;
        }

        static void checkAll(final Properties p) {
            for (final RecordedParameter r : values()) {
                final String key = PARAMETER_PREFIX + r.name;
                final String v = p.getProperty(key);
                if (v == null) {
                    continue; // older or hand-made models record fewer parameters
                }
                // "h,w" for the patch size, one number otherwise
                for (final String part : v.split(",", -1)) {
                    wholeNumber(key, v, part.trim(), r.min, r.max);
                }
            }
            for (final String name : new String[] {"lambda", "learningRate", "minLR", "maxMinutes"}) {
                final String key = PARAMETER_PREFIX + name;
                if (p.getProperty(key) != null) {
                    number(p, key, 0, Float.MAX_VALUE, false);
                }
            }
        }
    }

    private static String required(final Properties p, final String key) {
        final String v = p.getProperty(key);
        if (v == null) {
            throw new IllegalArgumentException("field '" + key + "' is missing");
        }
        return v;
    }

    private static <E extends Enum<E>> E choice(final Properties p, final String key, final Class<E> type) {
        final String v = required(p, key);
        try {
            return Enum.valueOf(type, v.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("field '" + key + "' is '" + v + "', expected one of "
                + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }

    /** @param nanAllowed whether NaN (unknown) is a valid value */
    private static double number(final Properties p, final String key, final double min, final double max,
        final boolean nanAllowed) {
        final String v = required(p, key);
        final double d;
        try {
            d = Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("field '" + key + "' is '" + v + "', expected a number");
        }
        if (!(d >= min && d <= max) && !(nanAllowed && Double.isNaN(d))) {
            throw new IllegalArgumentException("field '" + key + "' is " + v.trim() + ", expected a number "
                + (min == Double.MIN_VALUE ? "above 0" : "from " + bound(min)) + " up to " + bound(max)
                + (nanAllowed ? " (or NaN when unknown)" : ""));
        }
        return d;
    }

    private static long wholeNumber(final Properties p, final String key, final long min, final long max) {
        final String v = required(p, key);
        return wholeNumber(key, v, v.trim(), min, max);
    }

    private static long wholeNumber(final String key, final String value, final String part, final long min,
        final long max) {
        long n = 0;
        boolean ok;
        try {
            n = Long.parseLong(part);
            ok = n >= min && n <= max;
        } catch (NumberFormatException e) {
            ok = false;
        }
        if (!ok) {
            throw new IllegalArgumentException("field '" + key + "' is '" + value + "', expected "
                + (value.contains(",") ? "whole numbers" : "a whole number") + " from " + min + " to " + max);
        }
        return n;
    }

    /** Writes a range end for a person: 17.0 as 17, 3.4028234663852886E38 as 3.40e+38. */
    private static String bound(final double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long)v);
        }
        return String.format(java.util.Locale.ROOT, "%.3g", v);
    }

    private static IOException notAModel(final Path file, final String why) {
        return new IOException(file + " is not a DEPAF model file (expected a " + EXTENSION + " file written by "
            + "DEPAF's Learner): " + why);
    }

    private static IOException damaged(final Path file, final String why) {
        return new IOException("DEPAF model file " + file + " is damaged: " + why + ". Use an intact copy of the "
            + "model, or train it again");
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
