package org.knime.depaf.core.eval;

/**
 * Sorts candidate pairs by (distance, first index, second index) without boxing: a stable merge sort of an index
 * permutation. Package-private helper of the matchers.
 */
final class PairSort {

    private PairSort() {
    }

    /** @return the permutation of 0..n-1 that orders the pairs by dist, then a, then b */
    static int[] order(final double[] dist, final int[] a, final int[] b, final int n) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        int[] tmp = new int[n];
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                final int mid = Math.min(lo + width, n);
                final int hi = Math.min(lo + 2 * width, n);
                int i = lo;
                int j = mid;
                int k = lo;
                while (i < mid && j < hi) {
                    tmp[k++] = less(idx[j], idx[i], dist, a, b) ? idx[j++] : idx[i++];
                }
                while (i < mid) {
                    tmp[k++] = idx[i++];
                }
                while (j < hi) {
                    tmp[k++] = idx[j++];
                }
            }
            final int[] t = idx;
            idx = tmp;
            tmp = t;
        }
        return idx;
    }

    private static boolean less(final int p, final int q, final double[] dist, final int[] a, final int[] b) {
        if (dist[p] != dist[q]) {
            return dist[p] < dist[q];
        }
        if (a[p] != a[q]) {
            return a[p] < a[q];
        }
        return b[p] < b[q];
    }
}
