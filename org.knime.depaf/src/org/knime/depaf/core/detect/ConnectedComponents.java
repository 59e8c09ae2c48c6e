package org.knime.depaf.core.detect;

import java.util.Arrays;

/**
 * 8-connected components of the pixels of a map above a threshold, in MATLAB {@code bwconncomp} order.
 *
 * <p>Components are numbered in column-major order of their first pixel, and each component's pixels are
 * listed in column-major order (by column, then by row), as MATLAB's {@code PixelIdxList}. The ROI
 * partition's tie-breaking depends on this order (§10 step 3). Pixel indices are row-major
 * ({@code y·w + x}), like every image in the engine.
 *
 * <p>A reusable labeller: mutable and not thread-safe (one per thread); its buffers are kept between calls
 * so that the threshold search does not allocate per evaluation.
 */
final class ConnectedComponents {

    private boolean[] seen = new boolean[0];
    private int[] pixels = new int[0];
    private int[] starts = new int[17];
    private int count;

    /** An empty labeller; {@link #label} fills it and may be called again (buffers are reused). */
    ConnectedComponents() {
    }

    /**
     * Labels the pixels with {@code map[i] > threshold} (a new labeller).
     *
     * @param map row-major map, {@code h·w} values
     * @param h map height
     * @param w map width
     * @param threshold strict lower bound
     * @return the components
     */
    static ConnectedComponents above(final float[] map, final int h, final int w, final double threshold) {
        return new ConnectedComponents().label(map, h, w, threshold);
    }

    /**
     * Labels the pixels with {@code map[i] > threshold}, replacing the previous result.
     *
     * @return this
     */
    ConnectedComponents label(final float[] map, final int h, final int w, final double threshold) {
        final int n = h * w;
        if (seen.length < n) {
            seen = new boolean[n];
            pixels = new int[n];
        } else {
            Arrays.fill(seen, 0, n, false);
        }
        // Component pixels are appended to `pixels` by the flood fill, one contiguous run per component; the
        // run is then sorted into column-major order in place.
        final int[] buf = pixels;
        count = 0;
        int end = 0;
        for (int x = 0; x < w; x++) {
            for (int y = 0; y < h; y++) {
                final int seed = y * w + x;
                if (seen[seed] || !(map[seed] > threshold)) {
                    continue;
                }
                if (count + 1 >= starts.length) {
                    starts = Arrays.copyOf(starts, starts.length * 2);
                }
                final int start = end;
                starts[count++] = start;
                seen[seed] = true;
                buf[end++] = seed;
                for (int head = start; head < end; head++) {
                    final int p = buf[head];
                    final int py = p / w;
                    final int px = p - py * w;
                    for (int ny = Math.max(0, py - 1); ny <= Math.min(h - 1, py + 1); ny++) {
                        for (int nx = Math.max(0, px - 1); nx <= Math.min(w - 1, px + 1); nx++) {
                            final int q = ny * w + nx;
                            if (!seen[q] && map[q] > threshold) {
                                seen[q] = true;
                                buf[end++] = q;
                            }
                        }
                    }
                }
                sortColumnMajor(buf, start, end, h, w);
            }
        }
        starts[count] = end;
        return this;
    }

    private static void sortColumnMajor(final int[] buf, final int from, final int to, final int h, final int w) {
        for (int i = from; i < to; i++) {
            final int y = buf[i] / w;
            buf[i] = (buf[i] - y * w) * h + y;
        }
        Arrays.sort(buf, from, to);
        for (int i = from; i < to; i++) {
            final int x = buf[i] / h;
            buf[i] = (buf[i] - x * h) * w + x;
        }
    }

    /** @return number of components */
    int count() {
        return count;
    }

    /** @return index in {@link #pixel(int)} numbering of the first pixel of component c */
    int start(final int c) {
        return starts[c];
    }

    /** @return one past the last pixel of component c */
    int end(final int c) {
        return starts[c + 1];
    }

    /** @return row-major index of the k-th listed pixel (over all components) */
    int pixel(final int k) {
        return pixels[k];
    }

    /** @return a copy of the pixels of component c, row-major indices in column-major order */
    int[] pixelsOf(final int c) {
        return Arrays.copyOfRange(pixels, starts[c], starts[c + 1]);
    }

    /** Used by the partition, which reads runs directly; valid until the next {@link #label} call. */
    int[] pixelArray() {
        return pixels;
    }
}
