package org.knime.depaf.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Peak resident memory of this process per phase, from Linux's /proc/self/status (VmHWM), reset between phases by
 * writing 5 to /proc/self/clear_refs. Where /proc is unavailable it falls back to the Java heap in use at the end of
 * the phase (reported as such). Because the JVM keeps heap it once committed, a phase's peak includes what earlier
 * phases left resident.
 */
final class PeakMemory {

    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

    private PeakMemory() {
    }

    /**
     * Starts a phase: resets the kernel's high-water mark (no-op where not supported).
     *
     * @return the resident set in MiB now, the phase's starting point
     */
    static double reset() {
        try {
            Files.writeString(CLEAR_REFS, "5");
        } catch (IOException | RuntimeException e) {
            // not Linux, or not permitted: the peak then covers the whole run so far
        }
        return status("VmRSS:");
    }

    /** @return the peak resident set in MiB since the last {@link #reset()} */
    static double peakMiB() {
        return status("VmHWM:");
    }

    private static double status(final String key) {
        try {
            for (final String line : Files.readAllLines(STATUS)) {
                if (line.startsWith(key)) {
                    final String kb = line.substring(key.length()).trim().split("\\s+")[0];
                    return Long.parseLong(kb) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        }
        final Runtime rt = Runtime.getRuntime();
        return (rt.totalMemory() - rt.freeMemory()) / (1024.0 * 1024.0);
    }

    /** Temporary files are created owner-only; report files should be readable like any other file. */
    static void makeReadable(final Path file) {
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        } catch (IOException | UnsupportedOperationException e) {
            // not a POSIX file system: keep the defaults
        }
    }
}
