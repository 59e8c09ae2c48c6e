package org.knime.depaf.core.poi;

/**
 * POI slices as sums of a few separable (row × column) patterns, from their singular value decomposition
 * (issue 11: the forward-model cost of a large z-stack). A slice of {@code h × w} with rank r costs
 * {@code r·(h + w)} multiplications per pixel in a convolution instead of {@code h·w}: an astigmatic PSF slice (an
 * axis-aligned ellipse) is nearly rank 1, so a 39 × 39 slice at rank 3 is 6.5× cheaper.
 *
 * <p>Singular triplets come from power iteration with deflation, in double precision. Stateless and thread-safe.
 */
public final class SeparablePoi {

    private static final int ITERATIONS = 300;

    private SeparablePoi() {
    }

    /**
     * The first {@code rank} separable terms of one slice: {@code slice(y, x) ≈ Σ_i col[i][y]·row[i][x]}.
     *
     * @param values the POI values, channel-major, row-major
     * @param channel the slice
     * @param h slice height
     * @param w slice width
     * @param rank terms wanted, ≥ 1
     * @return {col [rank][h] (scaled by the singular value), row [rank][w]}
     */
    public static double[][][] terms(final float[] values, final int channel, final int h, final int w,
        final int rank) {
        final double[][] m = new double[h][w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                m[y][x] = values[(channel * h + y) * w + x];
            }
        }
        final double[][] cols = new double[rank][h];
        final double[][] rows = new double[rank][w];
        for (int r = 0; r < rank; r++) {
            // start from the row of largest norm
            double[] v = new double[w];
            int bestRow = 0;
            double bestNorm = -1;
            for (int y = 0; y < h; y++) {
                double n = 0;
                for (int x = 0; x < w; x++) {
                    n += m[y][x] * m[y][x];
                }
                if (n > bestNorm) {
                    bestNorm = n;
                    bestRow = y;
                }
            }
            if (!(bestNorm > 0)) {
                break;
            }
            System.arraycopy(m[bestRow], 0, v, 0, w);
            normalise(v);
            final double[] u = new double[h];
            double sigma = 0;
            for (int it = 0; it < ITERATIONS; it++) {
                for (int y = 0; y < h; y++) {
                    double s = 0;
                    for (int x = 0; x < w; x++) {
                        s += m[y][x] * v[x];
                    }
                    u[y] = s;
                }
                sigma = normalise(u);
                final double[] next = new double[w];
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        next[x] += m[y][x] * u[y];
                    }
                }
                normalise(next);
                double change = 0;
                for (int x = 0; x < w; x++) {
                    change = Math.max(change, Math.abs(next[x] - v[x]));
                }
                v = next;
                if (change < 1e-13) {
                    break;
                }
            }
            // σ·u = M·v with the final v
            for (int y = 0; y < h; y++) {
                double s = 0;
                for (int x = 0; x < w; x++) {
                    s += m[y][x] * v[x];
                }
                cols[r][y] = s;
            }
            rows[r] = v;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    m[y][x] -= cols[r][y] * v[x];
                }
            }
            if (sigma == 0) {
                break;
            }
        }
        return new double[][][] {cols, rows};
    }

    private static double normalise(final double[] v) {
        double n = 0;
        for (final double x : v) {
            n += x * x;
        }
        n = Math.sqrt(n);
        if (n > 0) {
            for (int i = 0; i < v.length; i++) {
                v[i] /= n;
            }
        }
        return n;
    }

    /**
     * @param values the POI values, channel-major, row-major
     * @param channels C
     * @param h slice height
     * @param w slice width
     * @param maxRank the largest rank worth having
     * @param relativeError the largest residual per slice, relative to the slice's norm (Frobenius)
     * @return the smallest rank r ≤ maxRank with which every slice is represented within relativeError, or 0
     */
    public static int rank(final float[] values, final int channels, final int h, final int w, final int maxRank,
        final double relativeError) {
        int needed = 0;
        for (int c = 0; c < channels; c++) {
            final double[][][] t = terms(values, c, h, w, maxRank);
            double norm = 0;
            for (int i = c * h * w; i < (c + 1) * h * w; i++) {
                norm += (double)values[i] * values[i];
            }
            final double[] residual = new double[h * w];
            for (int i = 0; i < h * w; i++) {
                residual[i] = values[c * h * w + i];
            }
            int r = 0;
            double err = norm;
            while (err > relativeError * relativeError * norm && r < maxRank) {
                err = 0;
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        residual[y * w + x] -= t[0][r][y] * t[1][r][x];
                        err += residual[y * w + x] * residual[y * w + x];
                    }
                }
                r++;
            }
            if (err > relativeError * relativeError * norm) {
                return 0;
            }
            needed = Math.max(needed, Math.max(1, r));
        }
        return needed;
    }

    /**
     * Replaces every slice by its best rank-r approximation, r the smallest rank that keeps {@code energy} of every
     * slice's squared norm (at most maxRank). Values stay as the approximation gives them (tiny negative ones
     * included), so that the result has exactly rank r.
     *
     * @param poi the preprocessed POI
     * @param energy the share of each slice's squared norm to keep, e.g. 0.999
     * @param maxRank the largest rank to use
     * @return the approximated POI, or the POI itself if it is a single slice or needs more than maxRank
     */
    public static Poi approximate(final Poi poi, final double energy, final int maxRank) {
        final int c = poi.channels();
        final int h = poi.height();
        final int w = poi.width();
        final float[] v = poi.values();
        final int r = rank(v, c, h, w, maxRank, Math.sqrt(1 - energy));
        if (c == 1 || r == 0) {
            return poi;
        }
        final float[] out = new float[v.length];
        for (int ch = 0; ch < c; ch++) {
            final double[][][] t = terms(v, ch, h, w, r);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double s = 0;
                    for (int i = 0; i < r; i++) {
                        s += t[0][i][y] * t[1][i][x];
                    }
                    out[(ch * h + y) * w + x] = (float)s;
                }
            }
        }
        return new Poi(out, c, h, w, poi.kind(), poi.pixelSizeNm(), poi.zStepNm(), poi.source() + " (rank " + r + ")")
            .withZRefinement(poi.zRefinement());
    }
}
