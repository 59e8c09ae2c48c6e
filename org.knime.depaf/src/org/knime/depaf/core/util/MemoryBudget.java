package org.knime.depaf.core.util;

import java.util.Locale;

/**
 * Checks, before anything is allocated, that a planned piece of work fits into this JVM: an input of a few bytes
 * (a frame number, a size, a σ) can otherwise ask for terabytes and end in an {@link OutOfMemoryError} after
 * minutes of work, or in an integer overflow, instead of a message that names the setting to change.
 *
 * <p>The budget is a share of the JVM's maximum heap ({@code -Xmx}), leaving room for the caller's other data;
 * no single array may hold more than {@link #MAX_ARRAY_LENGTH} values. Stateless and thread-safe.
 */
public final class MemoryBudget {

    /** The most values one Java array holds on common JVMs (a few header words below {@code Integer.MAX_VALUE}). */
    public static final int MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

    /** The share of the maximum heap one piece of work may plan for; the rest is for everything else around it. */
    private static final double SHARE = 0.8;

    private MemoryBudget() {
    }

    /** @return the most bytes this JVM's heap may grow to */
    public static long maxHeapBytes() {
        return Runtime.getRuntime().maxMemory();
    }

    /** @return the bytes one piece of work may plan to allocate */
    public static double budgetBytes() {
        return maxHeapBytes() * SHARE;
    }

    /**
     * Refuses a piece of work that would not fit, naming it and what to change.
     *
     * @param what the work, e.g. "A simulation of 20 frames of 100000 × 100000 px"
     * @param bytes the memory it needs, estimated (double, so that huge requests cannot overflow)
     * @param largestArray the number of values of its largest array
     * @param advice what the user should do, e.g. "use fewer or smaller frames"
     * @throws IllegalArgumentException "… needs 1.6 TB of memory; this JVM has 4.3 GB: use fewer or smaller frames"
     */
    public static void require(final String what, final double bytes, final double largestArray,
        final String advice) {
        if (largestArray > MAX_ARRAY_LENGTH) {
            throw new IllegalArgumentException(what + " needs " + count(largestArray) + " values in one array, more "
                + "than Java can hold (" + MAX_ARRAY_LENGTH + "), and " + bytes(bytes) + " of memory: " + advice);
        }
        if (bytes > budgetBytes()) {
            throw new IllegalArgumentException(what + " needs " + bytes(bytes) + " of memory; this JVM has "
                + bytes(maxHeapBytes()) + ": " + advice);
        }
    }

    /**
     * @param bytes a number of bytes
     * @return it in decimal units for a person: "512 B", "3.2 MB", "800 GB", "1.6 TB"
     */
    public static String bytes(final double bytes) {
        final String[] units = {"B", "kB", "MB", "GB", "TB", "PB", "EB"};
        double v = bytes;
        int u = 0;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return (u == 0 || v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v))
            + " " + units[u];
    }

    private static String count(final double n) {
        return n < 1e15 ? String.format(Locale.ROOT, "%.0f", n) : String.format(Locale.ROOT, "%.3g", n);
    }
}
