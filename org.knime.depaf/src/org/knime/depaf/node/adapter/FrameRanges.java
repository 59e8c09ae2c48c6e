package org.knime.depaf.node.adapter;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Frame lists as a person types them: 1-based frame numbers and ranges separated by commas, e.g. {@code "1-800"}
 * or {@code "1-100, 201-300, 512"}. Ranges include both ends. Stateless.
 */
public final class FrameRanges {

    private FrameRanges() {
    }

    /**
     * @param text the list; blank means "automatic"
     * @param option the name of the dialog option, for messages
     * @return the frames as 0-based indices in the order given (duplicates dropped), or null when blank
     * @throws IllegalArgumentException naming the option and the bad part when the text is not such a list
     */
    public static int[] parse(final String text, final String option) {
        if (text == null || text.isBlank()) {
            return null;
        }
        final Set<Integer> frames = new LinkedHashSet<>();
        for (final String part : text.split(",")) {
            final String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            final int dash = p.indexOf('-', 1);
            final int from = frame(dash < 0 ? p : p.substring(0, dash), option, p);
            final int to = dash < 0 ? from : frame(p.substring(dash + 1), option, p);
            if (to < from) {
                throw new IllegalArgumentException(option + ": the range '" + p + "' ends before it starts; write the "
                    + "smaller frame first, e.g. '1-800'");
            }
            for (int f = from; f <= to; f++) {
                frames.add(f - 1);
            }
        }
        if (frames.isEmpty()) {
            return null;
        }
        return frames.stream().mapToInt(Integer::intValue).toArray();
    }

    /** @return the 0-based frames as 1-based text with ranges, e.g. {0, 1, 2, 5} gives "1-3, 6" */
    public static String format(final int[] zeroBased) {
        if (zeroBased == null || zeroBased.length == 0) {
            return "";
        }
        final int[] f = zeroBased.clone();
        Arrays.sort(f);
        final StringBuilder sb = new StringBuilder();
        int start = f[0];
        int prev = f[0];
        for (int i = 1; i <= f.length; i++) {
            if (i < f.length && f[i] == prev + 1) {
                prev = f[i];
                continue;
            }
            if (i < f.length && f[i] == prev) {
                continue;
            }
            sb.append(sb.length() == 0 ? "" : ", ").append(start + 1);
            if (prev > start) {
                sb.append('-').append(prev + 1);
            }
            if (i < f.length) {
                start = f[i];
                prev = f[i];
            }
        }
        return sb.toString();
    }

    private static int frame(final String s, final String option, final String part) {
        try {
            final int v = Integer.parseInt(s.trim());
            if (v < 1) {
                throw new IllegalArgumentException(option + ": frame numbers start at 1, got '" + part + "'");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + ": '" + part + "' is not a frame number or range; use 1-based "
                + "frames and ranges separated by commas, e.g. '1-800, 900'", e);
        }
    }
}
