package org.knime.depaf.core.poi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Continuous z for a POI whose channels are binned slices ({@link ZChannels}), calibrated from the full-resolution
 * z-stack (issue 11).
 *
 * <p>An emitter between the centres of channels c and c + 1 is drawn by the network as amplitudes on both; the
 * share {@code t = s_{c+1} / (s_c + s_{c+1})} grows monotonically with its z. The calibration fits every slice k of
 * the full-resolution stack that lies between two channel centres with the two channels (non-negative least
 * squares, {@code F_k ≈ a·B_c + b·B_{c+1}}) and records {@code (t_k = b/(a + b), u_k)}, u_k being the slice's
 * position in channel units. {@link #refine} takes a detection's channel sums, picks the strongest channel and
 * its stronger neighbour, and interpolates u from their share in that pair's table. On noise-free data whose
 * amplitudes are the two-channel fit, z comes back at the true slice. Immutable and thread-safe.
 */
public final class ZRefinement {

    /** Per pair c (channels c, c + 1): shares t, ascending, and positions u in channel units. */
    private final double[][] shares;
    private final double[][] positions;

    private ZRefinement(final double[][] shares, final double[][] positions) {
        this.shares = shares;
        this.positions = positions;
    }

    /** @return the number of channels this refinement is for */
    public int channels() {
        return shares.length + 1;
    }

    /**
     * Calibrates the refinement.
     *
     * @param binned the preprocessed binned POI (C channels)
     * @param full the full-resolution POI preprocessed with the same lateral ratios (K slices, same h × w)
     * @param factor slices per channel that made {@code binned} from {@code full}
     * @return the refinement
     */
    public static ZRefinement calibrate(final Poi binned, final Poi full, final int factor) {
        Objects.requireNonNull(binned, "binned POI");
        Objects.requireNonNull(full, "full POI");
        final int c = binned.channels();
        final int k = full.channels();
        if (binned.height() != full.height() || binned.width() != full.width() || c < 2
            || c != ZChannels.channelCount(k, factor)) {
            throw new IllegalArgumentException("z refinement needs the binned POI (" + binned + ") and the full POI ("
                + full + ") of the same size, with " + ZChannels.channelCount(k, factor) + " channels");
        }
        final int plane = binned.height() * binned.width();
        final float[] b = binned.values();
        final float[] f = full.values();
        final double[][] t = new double[c - 1][];
        final double[][] u = new double[c - 1][];
        final double first = ZChannels.centreSlice(k, factor, 0);
        for (int p = 0; p < c - 1; p++) {
            final double lo = ZChannels.centreSlice(k, factor, p);
            final double hi = ZChannels.centreSlice(k, factor, p + 1);
            final List<double[]> points = new ArrayList<>();
            double g11 = 0;
            double g12 = 0;
            double g22 = 0;
            for (int i = 0; i < plane; i++) {
                final double x1 = b[p * plane + i];
                final double x2 = b[(p + 1) * plane + i];
                g11 += x1 * x1;
                g12 += x1 * x2;
                g22 += x2 * x2;
            }
            for (int s = (int)Math.ceil(lo - 1e-9); s <= Math.floor(hi + 1e-9); s++) {
                double r1 = 0;
                double r2 = 0;
                for (int i = 0; i < plane; i++) {
                    final double y = f[s * plane + i];
                    r1 += y * b[p * plane + i];
                    r2 += y * b[(p + 1) * plane + i];
                }
                final double[] ab = nnls2(g11, g12, g22, r1, r2);
                final double sum = ab[0] + ab[1];
                if (sum > 0) {
                    points.add(new double[] {ab[1] / sum, (s - first) / factor});
                }
            }
            points.sort((x, y) -> Double.compare(x[1], y[1]));
            // keep the table monotone: t never decreases with u
            final double[] tt = new double[points.size() + 2];
            final double[] uu = new double[points.size() + 2];
            tt[0] = 0;
            uu[0] = p;
            double last = 0;
            for (int i = 0; i < points.size(); i++) {
                last = Math.max(last, Math.min(1, points.get(i)[0]));
                tt[i + 1] = last;
                uu[i + 1] = points.get(i)[1];
            }
            tt[tt.length - 1] = 1;
            uu[uu.length - 1] = p + 1;
            t[p] = tt;
            u[p] = uu;
        }
        return new ZRefinement(t, u);
    }

    /** Non-negative least squares with two unknowns from the normal equations. */
    private static double[] nnls2(final double g11, final double g12, final double g22, final double r1,
        final double r2) {
        final double det = g11 * g22 - g12 * g12;
        if (det > 1e-12 * g11 * g22) {
            final double a = (r1 * g22 - r2 * g12) / det;
            final double b = (r2 * g11 - r1 * g12) / det;
            if (a >= 0 && b >= 0) {
                return new double[] {a, b};
            }
        }
        final double a = g11 > 0 ? Math.max(0, r1 / g11) : 0;
        final double b = g22 > 0 ? Math.max(0, r2 / g22) : 0;
        // the better of the two one-channel fits
        final double ea = a * a * g11 - 2 * a * r1;
        final double eb = b * b * g22 - 2 * b * r2;
        return ea <= eb ? new double[] {a, 0} : new double[] {0, b};
    }

    /**
     * @param sums a detection's amplitude summed per channel, length {@link #channels()}
     * @return z as a fractional channel index (0-based)
     */
    public double refine(final double[] sums) {
        final int c = channels();
        if (sums.length != c) {
            throw new IllegalArgumentException("expected " + c + " channel sums, got " + sums.length);
        }
        int best = 0;
        for (int i = 1; i < c; i++) {
            if (sums[i] > sums[best]) {
                best = i;
            }
        }
        if (!(sums[best] > 0)) {
            return (c - 1) / 2.0;
        }
        final double left = best > 0 ? Math.max(0, sums[best - 1]) : -1;
        final double right = best < c - 1 ? Math.max(0, sums[best + 1]) : -1;
        final int pair = right >= left ? best : best - 1;
        final double share = Math.max(0, sums[pair + 1]) / (Math.max(0, sums[pair]) + Math.max(0, sums[pair + 1]));
        return interpolate(shares[pair], positions[pair], share);
    }

    private static double interpolate(final double[] t, final double[] u, final double x) {
        if (x <= t[0]) {
            return u[0];
        }
        for (int i = 1; i < t.length; i++) {
            if (x <= t[i]) {
                final double span = t[i] - t[i - 1];
                return span > 0 ? u[i - 1] + (u[i] - u[i - 1]) * (x - t[i - 1]) / span : u[i];
            }
        }
        return u[u.length - 1];
    }

    /** @return a one-line text form for model files, read back by {@link #parse} */
    public String encode() {
        final StringBuilder sb = new StringBuilder();
        for (int p = 0; p < shares.length; p++) {
            if (p > 0) {
                sb.append(';');
            }
            for (int i = 0; i < shares[p].length; i++) {
                if (i > 0) {
                    sb.append(' ');
                }
                sb.append(String.format(Locale.ROOT, "%.6g:%.6g", shares[p][i], positions[p][i]));
            }
        }
        return sb.toString();
    }

    /**
     * @param text what {@link #encode()} wrote
     * @param channels the model's channels
     * @return the refinement
     * @throws IllegalArgumentException if the text is damaged or not for that many channels
     */
    public static ZRefinement parse(final String text, final int channels) {
        final String[] pairs = text.split(";");
        if (pairs.length != channels - 1) {
            throw new IllegalArgumentException("z refinement table has " + pairs.length + " channel pairs, the model "
                + (channels - 1));
        }
        final double[][] t = new double[pairs.length][];
        final double[][] u = new double[pairs.length][];
        for (int p = 0; p < pairs.length; p++) {
            final String[] pts = pairs[p].trim().split(" ");
            t[p] = new double[pts.length];
            u[p] = new double[pts.length];
            for (int i = 0; i < pts.length; i++) {
                final String[] tu = pts[i].split(":");
                if (tu.length != 2) {
                    throw new IllegalArgumentException("damaged z refinement table entry '" + pts[i] + "'");
                }
                t[p][i] = Double.parseDouble(tu[0]);
                u[p][i] = Double.parseDouble(tu[1]);
                if (!Double.isFinite(t[p][i]) || !Double.isFinite(u[p][i]) || i > 0 && t[p][i] < t[p][i - 1]
                    || u[p][i] < p - 1e-6 || u[p][i] > p + 1 + 1e-6) {
                    throw new IllegalArgumentException("damaged z refinement table entry '" + pts[i] + "'");
                }
            }
        }
        return new ZRefinement(t, u);
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof ZRefinement z && Arrays.deepEquals(shares, z.shares)
            && Arrays.deepEquals(positions, z.positions);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(shares) * 31 + Arrays.deepHashCode(positions);
    }
}
