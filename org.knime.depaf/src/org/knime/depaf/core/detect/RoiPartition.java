package org.knime.depaf.core.detect;

import java.util.Arrays;

/**
 * Splits connected components into groups of at most 2 × 2 pixels ("ROI partitioning", §10 step 4).
 *
 * <p>Rules, exactly as the reference:
 * <ul>
 * <li>a component whose bounding box is at most 2 × 2 forms one group;</li>
 * <li>otherwise, on a local copy of the component's map values (zero elsewhere, with a one-pixel zero
 * border), repeat until no pixel remains: give every remaining pixel the priority "number of remaining
 * component pixels in its 3 × 3 neighbourhood, itself included"; visit the pixels of minimum priority in
 * column-major order; skip a visited pixel already consumed in this pass; otherwise sum the current values
 * of the four 2 × 2 windows containing it (up-left, up-right, down-left, down-right), take the largest sum
 * (the first wins ties), and make the remaining component pixels in that window a new group, removing
 * them.</li>
 * </ul>
 * Window sums are accumulated in {@code float} in MATLAB's column-major order so that ties break as in the
 * reference. A pixel is "consumed" by a flag, not by its value being 0 as in the reference; the two agree
 * for positive values and the flag cannot loop forever on zero-valued pixels.
 *
 * <p>Groups are written to a {@link Groups} buffer: row-major pixel indices in column-major order within
 * each group. Not thread-safe (the buffer is mutable); use one per thread.
 */
final class RoiPartition {

    private RoiPartition() {
    }

    /** Growable output: groups as runs of pixel indices. */
    static final class Groups {
        private int[] pixels = new int[64];
        private int[] starts = new int[17];
        private int count;
        private int end;

        void clear() {
            count = 0;
            end = 0;
        }

        int count() {
            return count;
        }

        int start(final int g) {
            return starts[g];
        }

        int end(final int g) {
            return g + 1 < count ? starts[g + 1] : end;
        }

        int pixel(final int k) {
            return pixels[k];
        }

        void begin() {
            if (count + 1 >= starts.length) {
                starts = Arrays.copyOf(starts, starts.length * 2);
            }
            starts[count++] = end;
        }

        void add(final int p) {
            if (end == pixels.length) {
                pixels = Arrays.copyOf(pixels, pixels.length * 2);
            }
            pixels[end++] = p;
        }

        /** @return a copy of group g's pixel indices */
        int[] group(final int g) {
            return Arrays.copyOfRange(pixels, start(g), end(g));
        }
    }

    /**
     * Partitions one component and appends its groups.
     *
     * @param comp component pixels, row-major indices in column-major order, in {@code comp[from..to)}
     * @param from first pixel
     * @param to one past the last pixel
     * @param map the map the component was taken from (A2), row-major
     * @param w map width
     * @param out receives the groups
     */
    static void partition(final int[] comp, final int from, final int to, final float[] map, final int w,
        final Groups out) {
        int yMin = Integer.MAX_VALUE;
        int yMax = Integer.MIN_VALUE;
        int xMin = Integer.MAX_VALUE;
        int xMax = Integer.MIN_VALUE;
        for (int k = from; k < to; k++) {
            final int y = comp[k] / w;
            final int x = comp[k] - y * w;
            yMin = Math.min(yMin, y);
            yMax = Math.max(yMax, y);
            xMin = Math.min(xMin, x);
            xMax = Math.max(xMax, x);
        }
        if (yMax - yMin <= 1 && xMax - xMin <= 1) {
            out.begin();
            for (int k = from; k < to; k++) {
                out.add(comp[k]);
            }
            return;
        }
        // Local grid with a one-pixel zero border: local (ly, lx) = (y - yMin + 1, x - xMin + 1).
        final int rows = yMax - yMin + 3;
        final int cols = xMax - xMin + 3;
        final float[] val = new float[rows * cols];
        final boolean[] mask = new boolean[rows * cols];
        final int n = to - from;
        int[] remaining = new int[n];
        for (int k = 0; k < n; k++) {
            final int p = comp[from + k];
            final int y = p / w;
            final int li = (y - yMin + 1) * cols + (p - y * w - xMin + 1);
            remaining[k] = li;
            mask[li] = true;
            val[li] = map[p];
        }
        int remCount = n;
        final int[] priority = new int[n];
        final int[] candidates = new int[n];
        int[] next = new int[n];
        while (remCount > 0) {
            int minPriority = Integer.MAX_VALUE;
            for (int k = 0; k < remCount; k++) {
                final int li = remaining[k];
                int c = 0;
                for (int dy = -cols; dy <= cols; dy += cols) {
                    for (int dx = -1; dx <= 1; dx++) {
                        if (mask[li + dy + dx]) {
                            c++;
                        }
                    }
                }
                priority[k] = c;
                minPriority = Math.min(minPriority, c);
            }
            int nc = 0;
            for (int k = 0; k < remCount; k++) {
                if (priority[k] == minPriority) {
                    candidates[nc++] = remaining[k];
                }
            }
            for (int k = 0; k < nc; k++) {
                final int li = candidates[k];
                if (!mask[li]) {
                    continue;
                }
                // Top-left corners of the four windows: up-left, up-right, down-left, down-right.
                int best = li - cols - 1;
                float bestSum = windowSum(val, best, cols);
                for (int j = 1; j < 4; j++) {
                    // up-right, down-left, down-right
                    final int tl = j == 1 ? li - cols : j == 2 ? li - 1 : li;
                    final float s = windowSum(val, tl, cols);
                    if (s > bestSum) {
                        bestSum = s;
                        best = tl;
                    }
                }
                out.begin();
                // Column-major within the window: (top, left), (bottom, left), (top, right), (bottom, right).
                takeIfPresent(best, val, mask, cols, yMin, xMin, w, out);
                takeIfPresent(best + cols, val, mask, cols, yMin, xMin, w, out);
                takeIfPresent(best + 1, val, mask, cols, yMin, xMin, w, out);
                takeIfPresent(best + cols + 1, val, mask, cols, yMin, xMin, w, out);
            }
            int m = 0;
            for (int k = 0; k < remCount; k++) {
                if (mask[remaining[k]]) {
                    next[m++] = remaining[k];
                }
            }
            final int[] t = remaining;
            remaining = next;
            next = t;
            remCount = m;
        }
    }

    /** Sum of the 2 × 2 window with top-left local index tl, in column-major order, in float. */
    private static float windowSum(final float[] val, final int tl, final int cols) {
        float s = val[tl];
        s += val[tl + cols];
        s += val[tl + 1];
        s += val[tl + cols + 1];
        return s;
    }

    private static void takeIfPresent(final int li, final float[] val, final boolean[] mask, final int cols,
        final int yMin, final int xMin, final int w, final Groups out) {
        if (!mask[li]) {
            return;
        }
        mask[li] = false;
        val[li] = 0f;
        final int ly = li / cols;
        final int lx = li - ly * cols;
        out.add((ly - 1 + yMin) * w + (lx - 1 + xMin));
    }
}
