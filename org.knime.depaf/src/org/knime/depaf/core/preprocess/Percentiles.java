package org.knime.depaf.core.preprocess;

/**
 * Percentiles with MATLAB {@code prctile} semantics: the sorted values x_1 ≤ … ≤ x_n are the percentiles
 * 100·(i − 0.5)/n; between them the percentile is interpolated linearly; below the first (above the last) it is
 * x_1 (x_n). NaN values are ignored, as {@code prctile} treats them as missing.
 *
 * <p>Computed by selection (3-way-partition quickselect on a copy, expected O(n)), not by sorting, so tens of
 * millions of values take well under a second. Stateless and thread-safe.
 */
public final class Percentiles {

    private Percentiles() {
    }

    /**
     * @param values the data (not modified)
     * @param percent the percentile in [0, 100]
     * @return the percentile, NaN if there is no non-NaN value
     * @throws IllegalArgumentException if percent is outside [0, 100]
     */
    public static double prctile(final float[] values, final double percent) {
        return prctile(values, 0, values.length, percent);
    }

    /**
     * The percentile of {@code values[from … to)}.
     *
     * @see #prctile(float[], double)
     */
    public static double prctile(final float[] values, final int from, final int to, final double percent) {
        if (!(percent >= 0 && percent <= 100)) {
            throw new IllegalArgumentException("Percentile must be between 0 and 100, got " + percent);
        }
        final float[] a = new float[to - from];
        int n = 0;
        for (int i = from; i < to; i++) {
            if (!Float.isNaN(values[i])) {
                a[n++] = values[i];
            }
        }
        if (n == 0) {
            return Double.NaN;
        }
        final double r = n * percent / 100 + 0.5; // 1-based fractional rank
        if (r <= 1) {
            return select(a, n, 0);
        }
        if (r >= n) {
            return select(a, n, n - 1);
        }
        final int lo = (int)Math.floor(r); // 1-based
        final double frac = r - lo;
        final float xLo = select(a, n, lo - 1);
        if (frac == 0) {
            return xLo;
        }
        // after selection everything right of lo − 1 is ≥ x_lo: the next order statistic is their minimum
        float xHi = Float.POSITIVE_INFINITY;
        for (int i = lo; i < n; i++) {
            xHi = Math.min(xHi, a[i]);
        }
        return xLo + frac * ((double)xHi - xLo);
    }

    /** Rearranges a[0 … n) so that a[k] is the k-th smallest (0-based), smaller values left, larger right. */
    static float select(final float[] a, final int n, final int k) {
        int lo = 0;
        int hi = n - 1;
        long state = 0x9E3779B97F4A7C15L;
        while (lo < hi) {
            // deterministic pseudo-random pivot (xorshift) avoids quadratic behaviour on sorted input
            state ^= state << 13;
            state ^= state >>> 7;
            state ^= state << 17;
            final int p = lo + (int)Math.floorMod(state, (long)(hi - lo + 1));
            final float pivot = a[p];
            // 3-way partition: [lo, lt) < pivot, [lt, i) == pivot, (gt, hi] > pivot
            int lt = lo;
            int gt = hi;
            int i = lo;
            while (i <= gt) {
                final float v = a[i];
                if (v < pivot) {
                    a[i++] = a[lt];
                    a[lt++] = v;
                } else if (v > pivot) {
                    a[i] = a[gt];
                    a[gt--] = v;
                } else {
                    i++;
                }
            }
            if (k < lt) {
                hi = lt - 1;
            } else if (k > gt) {
                lo = gt + 1;
            } else {
                return pivot;
            }
        }
        return a[k];
    }
}
