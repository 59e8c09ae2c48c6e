package org.knime.depaf.core.util;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The one rule for every file DEPAF writes (command line and nodes): before any work starts, each output is checked
 * against the run's inputs and its other outputs, so that a typo can never destroy data. An output is refused when
 * <ul>
 * <li>it is the same file as an input or as another output of the run (by real path, through symbolic links, and
 * by file identity, so a hard link to an input counts as the input);</li>
 * <li>it exists and is not a regular file (a folder, a device such as {@code /dev/null}, a pipe): DEPAF replaces
 * files atomically, which would replace the device itself;</li>
 * <li>its name contradicts its content: a table named {@code .tif}, an image named {@code .csv}, a model named
 * anything but {@code .depaf}, … (a one-letter typo away from an input).</li>
 * </ul>
 * A symbolic link to a regular file is written through: the file it points to is replaced, the link stays
 * ({@link #writeTarget}). Messages name the option, both files and what to do.
 */
public final class OutputPolicy {

    /** What a file holds, and the names that announce it. */
    public enum Content {
        /** An image stack. */
        TIFF("a TIFF image stack", ".tif", ".tiff"),
        /** A table of values. */
        CSV("a CSV table", ".csv"),
        /** A DEPAF model. */
        MODEL("a DEPAF model", ".depaf"),
        /** A picture. */
        PNG("a PNG image", ".png"),
        /** A MATLAB file (input only). */
        MAT("a MATLAB file", ".mat");

        private final String m_description;

        private final List<String> m_extensions;

        Content(final String description, final String... extensions) {
            m_description = description;
            m_extensions = List.of(extensions);
        }

        /** @return e.g. "a CSV table" */
        public String description() {
            return m_description;
        }

        /** @return the extensions, lower case with the dot, the first the usual one */
        public List<String> extensions() {
            return m_extensions;
        }

        /** @return the kind a file name announces, or null when its extension is none of these */
        static Content of(final Path file) {
            final Path name = file.getFileName();
            final String n = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
            for (final Content c : values()) {
                for (final String e : c.m_extensions) {
                    if (n.endsWith(e)) {
                        return c;
                    }
                }
            }
            return null;
        }
    }

    /**
     * A file the run reads.
     *
     * @param path the path as the user gave it
     * @param role what it is, for messages, e.g. "data file (DATA)"
     */
    public record Input(Path path, String role) {
        /** Checks the fields. */
        public Input {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(role, "role");
        }
    }

    /**
     * A file the run writes.
     *
     * @param path the path as the user gave it
     * @param role what it is, for messages, e.g. "localisation file (-o)"
     * @param content what it will hold
     */
    public record Output(Path path, String role, Content content) {
        /** Checks the fields. */
        public Output {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(content, "content");
        }
    }

    private OutputPolicy() {
    }

    /**
     * Checks a run's outputs before it starts.
     *
     * @param inputs the files the run reads (those that do not exist are ignored: reading reports them)
     * @param outputs the files the run will write (null entries are ignored: options not given)
     * @throws IllegalArgumentException with one line naming the output, the file it collides with and what to do
     */
    public static void check(final List<Input> inputs, final List<Output> outputs) {
        final List<Output> given = new ArrayList<>();
        for (final Output o : outputs) {
            if (o != null) {
                given.add(o);
            }
        }
        for (int i = 0; i < given.size(); i++) {
            final Output o = given.get(i);
            checkName(o);
            checkKind(o);
            final Path target = identity(o.path());
            for (final Input in : inputs) {
                if (in != null && sameFile(target, in.path())) {
                    throw new IllegalArgumentException(o.role() + " '" + o.path() + "' is the " + in.role() + " '"
                        + in.path() + "': writing it would destroy the input; choose another output file");
                }
            }
            for (int k = 0; k < i; k++) {
                if (target.equals(identity(given.get(k).path()))) {
                    throw new IllegalArgumentException(o.role() + " '" + o.path() + "' and " + given.get(k).role()
                        + " '" + given.get(k).path() + "' are the same file; give each output its own name");
                }
            }
        }
    }

    /**
     * The file that writing {@code path} replaces: the path itself, or for a symbolic link the file it points to
     * (written through, the link stays).
     *
     * @param path the output path
     * @return the path whose folder the temporary file goes to and that the finished file replaces
     * @throws IOException if a link cannot be read
     */
    public static Path writeTarget(final Path path) throws IOException {
        Path p = path.toAbsolutePath();
        for (int hops = 0; Files.isSymbolicLink(p); hops++) {
            if (hops > 40) {
                throw new IOException("Cannot write " + path + ": too many symbolic links");
            }
            final Path parent = p.getParent();
            final Path link = Files.readSymbolicLink(p);
            p = (parent == null ? link : parent.resolve(link)).toAbsolutePath().normalize();
        }
        return p;
    }

    private static void checkName(final Output o) {
        final Path name = o.path().getFileName();
        if (name == null || name.toString().isBlank()) {
            throw new IllegalArgumentException(o.role() + ": '" + o.path() + "' is no file name; give the file to "
                + "write, e.g. result" + o.content().extensions().get(0));
        }
        final Content announced = Content.of(o.path());
        if (announced != null && announced != o.content()) {
            throw new IllegalArgumentException(o.role() + " '" + o.path() + "' will hold " + o.content()
                .description() + " but its name says " + announced.description() + "; name it "
                + o.content().extensions().get(0) + " (or check that you did not give an input file here)");
        }
    }

    private static void checkKind(final Output o) {
        final Path p = o.path();
        if (Files.isSymbolicLink(p) && !Files.exists(p)) {
            return; // a dangling link: written through, creating the file it names
        }
        if (Files.exists(p) && !Files.isRegularFile(p)) {
            throw new IllegalArgumentException(o.role() + " '" + p + "' exists and is " + (Files.isDirectory(p)
                ? "a folder" : "not a regular file (a device or a pipe)") + "; DEPAF writes regular files only, give "
                + "a file name");
        }
    }

    /** @return what the path denotes: the real path where it exists, else its folder's real path and its name */
    private static Path identity(final Path path) {
        try {
            final Path target = writeTarget(path);
            if (Files.exists(target)) {
                return target.toRealPath();
            }
            final Path parent = target.getParent();
            return parent != null && Files.isDirectory(parent) ? parent.toRealPath().resolve(target.getFileName())
                : target.normalize();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }

    private static boolean sameFile(final Path outputIdentity, final Path input) {
        if (!Files.exists(input)) {
            return false;
        }
        try {
            if (outputIdentity.equals(input.toRealPath())) {
                return true;
            }
            if (!Files.exists(outputIdentity, LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
            // hard links: two names, one file
            final Object a = Files.readAttributes(outputIdentity, java.nio.file.attribute.BasicFileAttributes.class)
                .fileKey();
            final Object b = Files.readAttributes(input, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
            return a != null && a.equals(b) || Files.isSameFile(outputIdentity, input);
        } catch (IOException e) {
            return false;
        }
    }
}
