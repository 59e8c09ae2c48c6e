package org.knime.depaf.cli;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.knime.depaf.core.image.FrameSource;
import org.knime.depaf.core.image.FrameSourceView;
import org.knime.depaf.core.image.ImageStack;
import org.knime.depaf.core.image.StackFiles;
import org.knime.depaf.core.loc.LocalisationCsv;
import org.knime.depaf.core.loc.LocalisationTable;
import org.knime.depaf.core.model.DepafModel;
import org.knime.depaf.core.model.ModelFile;
import org.knime.depaf.core.net.samediff.SameDiffBackend;
import org.knime.depaf.core.poi.Poi;
import org.knime.depaf.core.poi.PoiLoader;
import org.knime.depaf.core.util.AtomicFiles;
import org.knime.depaf.core.util.OutputPolicy;

/**
 * Opens the user's input files and prepares output paths, turning every problem into a {@link BadInputException}
 * whose one-line message names the file and its role ("data file 'x.tif' not found"). Stateless.
 */
final class CliFiles {

    private CliFiles() {
    }

    /**
     * @param file a path the user gave
     * @param role what it is for, e.g. "data file"
     * @return the path, which is an existing readable file
     */
    static Path inputFile(final Path file, final String role) {
        if (file.toString().isBlank()) {
            throw new BadInputException(role + ": the file name is empty; give the path of a file");
        }
        if (!Files.exists(file)) {
            throw new BadInputException(role + " '" + file + "' not found");
        }
        if (Files.isDirectory(file)) {
            throw new BadInputException(role + " '" + file + "' is a folder; expected a file");
        }
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(role + " '" + file + "' is not a regular file (a device, a pipe or standard "
                + "input); DEPAF reads files it can open twice, give the path of a file");
        }
        if (!Files.isReadable(file)) {
            throw new BadInputException(role + " '" + file + "' cannot be read (permission denied)");
        }
        return file;
    }

    /**
     * Opens an image stack (TIFF or MAT) for reading frame ranges.
     *
     * @param pixelSizeNm the pixel size to use instead of the file's, or NaN to keep the file's
     */
    static FrameSource openStack(final Path file, final String role, final double pixelSizeNm) {
        inputFile(file, role);
        final FrameSource source;
        try {
            source = StackFiles.open(file);
        } catch (final IOException e) {
            throw unreadable(role, file, e);
        }
        return Double.isNaN(pixelSizeNm) ? source : FrameSourceView.withPixelSize(source, pixelSizeNm);
    }

    /** Reads a whole (small) stack. */
    static ImageStack readStack(final Path file, final String role) {
        inputFile(file, role);
        try {
            return StackFiles.read(file);
        } catch (final IOException e) {
            throw unreadable(role, file, e);
        }
    }

    /** Reads a POI file; zStepNm is the slice spacing of a z-stack (NaN if unknown). */
    static Poi readPoi(final Path file, final double zStepNm) {
        inputFile(file, "POI file");
        try {
            return PoiLoader.load(file, zStepNm);
        } catch (final IOException e) {
            throw unreadable("POI file", file, e);
        }
    }

    /** Reads a localisation or ground-truth CSV. */
    static LocalisationTable readTable(final Path file, final String role, final double pixelSizeNm) {
        inputFile(file, role);
        try {
            return LocalisationCsv.read(file, pixelSizeNm);
        } catch (final IOException e) {
            throw unreadable(role, file, e);
        }
    }

    /** Reads a model file (the caller closes the model). */
    static DepafModel readModel(final Path file) {
        inputFile(file, "model file");
        try {
            return ModelFile.read(file, new SameDiffBackend());
        } catch (final IOException e) {
            throw unreadable("model file", file, e);
        }
    }

    /** The output name that means standard output (tables only). */
    static final Path STDOUT = Path.of("-");

    /** @return the inputs of a run, for {@link #checkOutputs}; null entries (options not given) are dropped */
    static List<OutputPolicy.Input> inputs(final OutputPolicy.Input... inputs) {
        return java.util.Arrays.stream(inputs).filter(Objects::nonNull).toList();
    }

    /** @return an input of the run, for {@link #checkOutputs} */
    static OutputPolicy.Input in(final Path file, final String role) {
        return file == null ? null : new OutputPolicy.Input(file, role);
    }

    /** @return an output of the run, for {@link #checkOutputs}; null when the option was not given */
    static OutputPolicy.Output out(final Path file, final String role, final OutputPolicy.Content content) {
        return file == null ? null : new OutputPolicy.Output(file, role, content);
    }

    /**
     * Checks a run's outputs before it starts ({@link OutputPolicy}: none may be an input or another output, exist
     * as something other than a file, or have a name that contradicts its content), creates their folders, and
     * sends the session's messages to standard error when a table goes to standard output ({@code -}).
     *
     * @param session the run's session
     * @param inputs the files the run reads (null entries ignored)
     * @param outputs the files it writes (null entries: options not given)
     * @throws BadInputException naming the output and the file it collides with
     */
    static void checkOutputs(final Session session, final List<OutputPolicy.Input> inputs,
        final OutputPolicy.Output... outputs) {
        final List<OutputPolicy.Output> files = new ArrayList<>();
        int toStdout = 0;
        for (final OutputPolicy.Output o : outputs) {
            if (o != null && o.path().equals(STDOUT)) {
                if (o.content() != OutputPolicy.Content.CSV) {
                    throw new BadInputException(o.role() + ": only tables can go to standard output ('-'); give a "
                        + "file name ending in " + o.content().extensions().get(0));
                }
                toStdout++;
            } else if (o != null) {
                files.add(o);
            }
        }
        if (toStdout > 1) {
            throw new BadInputException("only one output can go to standard output ('-'); give the others file "
                + "names");
        }
        try {
            OutputPolicy.check(inputs.stream().filter(Objects::nonNull).toList(), files);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage(), e);
        }
        for (final OutputPolicy.Output o : files) {
            outputFile(o.path(), o.role());
        }
        if (toStdout > 0) {
            session.dataOnStandardOutput();
        }
    }

    /**
     * Writes a table to a file atomically, or to standard output for {@code -}.
     *
     * @param session the run's session
     * @param file the file, or {@link #STDOUT}
     * @param writer writes the whole table as text
     * @throws IOException naming the file if it cannot be written
     */
    static void writeText(final Session session, final Path file, final TextWriter writer) throws IOException {
        if (file.equals(STDOUT)) {
            final Writer w = new OutputStreamWriter(session.out(), StandardCharsets.UTF_8);
            writer.write(w);
            w.flush();
            return;
        }
        AtomicFiles.write(file, out -> {
            final Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            writer.write(w);
            w.flush();
        });
    }

    /** Writes text. */
    @FunctionalInterface
    interface TextWriter {
        /** @param w where to write (do not close it) */
        void write(Writer w) throws IOException;
    }

    /**
     * Checks an output path before the work starts, so that a long run does not fail at its end: it must not be
     * a folder; missing parent folders are created.
     *
     * @return the path
     */
    static Path outputFile(final Path file, final String role) {
        if (Files.isDirectory(file)) {
            throw new BadInputException(role + " '" + file + "' is a folder; expected a file name");
        }
        final Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            try {
                Files.createDirectories(parent);
            } catch (final IOException e) {
                throw new BadInputException("cannot create the folder '" + parent + "' for the " + role + ": "
                    + e.getMessage(), e);
            }
            if (!Files.isWritable(parent)) {
                throw new BadInputException("cannot write the " + role + " '" + file + "': the folder is not "
                    + "writable");
            }
        }
        return file;
    }

    /** Creates an output folder (and its parents). */
    static Path outputFolder(final Path folder) {
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new BadInputException("output folder '" + folder + "' is a file; expected a folder");
        }
        try {
            Files.createDirectories(folder);
        } catch (final IOException e) {
            throw new BadInputException("cannot create the output folder '" + folder + "': " + e.getMessage(), e);
        }
        return folder;
    }

    /** @return the file name without its extension */
    static String stem(final Path file) {
        final String name = file.getFileName().toString();
        final int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private static BadInputException unreadable(final String role, final Path file, final IOException e) {
        final String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        // the engine's messages start with the path already
        final String what = m.startsWith(file.toString()) ? m : "'" + file + "': " + m;
        return new BadInputException(role + " " + what, e);
    }
}
