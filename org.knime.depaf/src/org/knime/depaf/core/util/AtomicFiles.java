package org.knime.depaf.core.util;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Writes files atomically: readers of the target path see either the old file or the complete new one, never a
 * half-written file.
 *
 * <p>The content is written to a temporary file in the target's folder (so the final move never crosses file
 * systems), forced to disk, and moved over the target with {@link StandardCopyOption#ATOMIC_MOVE}; where the file
 * system cannot move atomically, a plain move with {@link StandardCopyOption#REPLACE_EXISTING} is used instead.
 * If the writer fails in any way (an {@link IOException}, a {@link CancelledException} or any other exception or
 * error) the temporary file is deleted, the target is left untouched and the failure is rethrown.
 *
 * <p>Temporary files are named {@code .<target name>.<process id>-<random>.tmp}, hidden on Unix. A run killed
 * mid-write (SIGKILL, power cut) leaves one behind; the next write of the same target removes the leftovers of
 * processes that no longer run. A symbolic link is written through: the file it points to is replaced and the link
 * stays ({@link OutputPolicy#writeTarget}); a target that exists and is not a regular file (a device such as
 * {@code /dev/null}, a pipe, a folder) is refused rather than replaced. Every error names the target. The methods are
 * thread-safe; two threads writing the same target at the same time each produce a complete file, and the last move
 * wins.
 */
public final class AtomicFiles {

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    private static final long PID = ProcessHandle.current().pid();

    /** Writes the content of a file to a stream. */
    @FunctionalInterface
    public interface StreamWriter {
        /**
         * @param out the stream to write to (buffered); do not close it
         * @throws IOException if writing fails
         */
        void write(OutputStream out) throws IOException;
    }

    /** Writes the content of a file to a path, for libraries that want a file name rather than a stream. */
    @FunctionalInterface
    public interface PathWriter {
        /**
         * @param temp an existing, empty temporary file to (over)write
         * @throws IOException if writing fails
         */
        void write(Path temp) throws IOException;
    }

    private static final int BUFFER_BYTES = 1 << 16;

    private AtomicFiles() {
    }

    /**
     * Writes a file atomically through a stream.
     *
     * @param target the file to create or replace; its folder must exist
     * @param writer writes the complete content
     * @throws IOException if the folder does not exist, writing fails or the file cannot be moved into place; the
     *             target is then unchanged and no temporary file is left
     */
    public static void write(final Path target, final StreamWriter writer) throws IOException {
        Objects.requireNonNull(writer, "writer");
        final Path temp = createTempSibling(target);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
                final OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER_BYTES);
                writer.write(new UncloseableOutputStream(out));
                out.flush();
                channel.force(false);
            }
            moveIntoPlace(temp, target);
        } catch (IOException e) {
            deleteQuietly(temp, e);
            throw naming(target, e);
        } catch (RuntimeException | Error e) { // NOSONAR: Error too, to never leave the temp file
            deleteQuietly(temp, e);
            throw e;
        }
    }

    /** @return the exception, or one whose message names the target when the original does not (e.g. disk full) */
    private static IOException naming(final Path target, final IOException e) {
        final String message = e.getMessage();
        if (message != null && message.contains(target.toString())) {
            return e;
        }
        return new IOException("Cannot write " + target + ": " + (message == null ? e.getClass().getSimpleName()
            : message), e);
    }

    /**
     * Writes a file atomically through a temporary path, for writers that need a file name.
     *
     * @param target the file to create or replace; its folder must exist
     * @param writer writes the complete content to the temporary path it is given
     * @throws IOException if the folder does not exist, writing fails or the file cannot be moved into place; the
     *             target is then unchanged and no temporary file is left
     */
    public static void writeVia(final Path target, final PathWriter writer) throws IOException {
        Objects.requireNonNull(writer, "writer");
        final Path temp = createTempSibling(target);
        try {
            writer.write(temp);
            if (!Files.isRegularFile(temp)) {
                throw new IOException("Writing " + target + " failed: the writer did not leave a file at " + temp);
            }
            moveIntoPlace(temp, target);
        } catch (IOException e) {
            deleteQuietly(temp, e);
            throw naming(target, e);
        } catch (RuntimeException | Error e) { // NOSONAR: Error too, to never leave the temp file
            deleteQuietly(temp, e);
            throw e;
        }
    }

    /**
     * Creates an empty temporary file next to {@code target}, for writers that must keep the file open across
     * several calls (streaming writers). The caller must eventually call {@link #moveIntoPlace(Path, Path)} or
     * delete the file.
     *
     * @param target the file that will be created or replaced
     * @return the new empty temporary file, in the target's folder
     * @throws IOException if the target's folder does not exist or is not writable
     */
    public static Path createTempSibling(final Path target) throws IOException {
        Objects.requireNonNull(target, "target");
        final Path absolute = OutputPolicy.writeTarget(target);
        final Path folder = absolute.getParent();
        final Path name = absolute.getFileName();
        if (folder == null || name == null) {
            throw new IOException("Cannot write " + target + ": it is not a file path");
        }
        if (!Files.isDirectory(folder)) {
            throw new IOException("Cannot write " + target + ": the folder " + folder + " does not exist");
        }
        if (Files.isDirectory(absolute)) {
            throw new IOException("Cannot write " + target + ": it is a folder, expected a file path");
        }
        if (Files.exists(absolute) && !Files.isRegularFile(absolute)) {
            throw new IOException("Cannot write " + target + ": it exists and is not a regular file (a device or a "
                + "pipe), which DEPAF will not replace");
        }
        removeLeftovers(folder, name.toString());
        try {
            // Not Files.createTempFile: its files are private (rw-------), and the output would keep that mode.
            // A plain createFile gets the user's usual permissions (umask); a replaced file keeps its own.
            for (int attempt = 0;; attempt++) {
                final Path temp = folder.resolve("." + name + "." + PID + "-"
                    + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
                try {
                    Files.createFile(temp);
                } catch (java.nio.file.FileAlreadyExistsException e) {
                    if (attempt < 100) {
                        continue;
                    }
                    throw e;
                }
                copyPermissions(absolute, temp);
                return temp;
            }
        } catch (IOException e) {
            throw new IOException("Cannot write " + target + ": cannot create a temporary file in " + folder + " ("
                + e.getMessage() + ")", e);
        }
    }

    private static void copyPermissions(final Path from, final Path to) throws IOException {
        if (Files.exists(from) && Files.getFileStore(to).supportsFileAttributeView(
            java.nio.file.attribute.PosixFileAttributeView.class)) {
            Files.setPosixFilePermissions(to, Files.getPosixFilePermissions(from));
        }
    }

    /**
     * Moves a finished temporary file over the target, atomically where the file system can.
     *
     * @param temp the finished temporary file, in the target's folder
     * @param target the file to create or replace
     * @throws IOException if the move fails; the temporary file is then left for the caller to delete
     */
    public static void moveIntoPlace(final Path temp, final Path target) throws IOException {
        final Path real = OutputPolicy.writeTarget(target);
        try {
            Files.move(temp, real, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) { // NOSONAR: the fallback is the documented behaviour
            Files.move(temp, real, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Removes the temporary files that runs killed while writing this target left behind: those of processes that
     * no longer run, and those of earlier versions (no process id in the name) older than an hour.
     */
    private static void removeLeftovers(final Path folder, final String name) {
        final String prefix = "." + name + ".";
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(folder,
            p -> p.getFileName().toString().startsWith(prefix) && p.getFileName().toString().endsWith(".tmp"))) {
            for (final Path p : leftovers) {
                final String middle = p.getFileName().toString().substring(prefix.length(),
                    p.getFileName().toString().length() - ".tmp".length());
                final int dash = middle.indexOf('-');
                final boolean stale;
                if (dash > 0) {
                    stale = ProcessHandle.of(parsePid(middle.substring(0, dash))).map(h -> !h.isAlive()).orElse(true);
                } else {
                    stale = Files.getLastModifiedTime(p).toMillis() < System.currentTimeMillis() - 3_600_000L;
                }
                if (stale && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException | RuntimeException e) {
            // best effort: a leftover we cannot remove does not stop the write
        }
    }

    private static long parsePid(final String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Deletes a temporary file after a failure, recording a failure to delete on the original exception.
     *
     * @param temp the file to delete
     * @param cause the failure that is being handled
     */
    public static void deleteQuietly(final Path temp, final Throwable cause) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }

    /** Keeps a writer from closing the stream: closing is this class's job, after the flush and force. */
    private static final class UncloseableOutputStream extends OutputStream {
        private final OutputStream out;

        UncloseableOutputStream(final OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(final int b) throws IOException {
            out.write(b);
        }

        @Override
        public void write(final byte[] b, final int off, final int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
