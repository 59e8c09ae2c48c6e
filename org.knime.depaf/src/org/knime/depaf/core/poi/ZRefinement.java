package org.knime.depaf.core.poi;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * Continuous z for a POI whose channels are binned slices ({@link ZChannels}), by fitting the full-resolution
 * z-stack to a detection's channel amplitudes (issue 11).
 *
 * <p>An emitter between channel centres is drawn by the network as amplitudes on the neighbouring channels. The
 * calibration fits every slice k of the full-resolution stack with all binned channels (non-negative least
 * squares), which gives the channel profile {@code R_k} an emitter at that slice produces, and its position u_k in
 * channel units. {@link #refine} compares a detection's channel sums around its strongest channel c with the
 * profiles of the slices within one channel of c (both normalised, over channels c − 2 … c + 2), takes the
 * closest and interpolates between slices with a parabola through the distances. On noise-free data z comes back
 * within a slice of the truth. Immutable and thread-safe.
 */
public final class ZRefinement {

    /** Profile values kept per slice: its nearest channel and {@value #HALF} on either side. */
    private static final int HALF = 3;

    private static final int SWEEPS = 3000;

    private final int channels;
    /** Per slice: its position in channel units. */
    private final double[] positions;
    /** Per slice: the profile over channels nearest − HALF … nearest + HALF (0 outside the POI). */
    private final double[][] profiles;

    private ZRefinement(final int channels, final double[] positions, final double[][] profiles) {
        this.channels = channels;
        this.positions = positions;
        this.profiles = profiles;
    }

    /** @return the number of channels this refinement is for */
    public int channels() {
        return channels;
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
        final double first = ZChannels.centreSlice(k, factor, 0);
        final double[] positions = new double[k];
        final double[][] profiles = new double[k][];
        final Solver solver = new Solver(binned);
        for (int s = 0; s < k; s++) {
            final double[] x = solver.solve(full.slice(s));
            positions[s] = (s - first) / factor;
            final int nearest = (int)Math.round(Math.max(0, Math.min(c - 1, positions[s])));
            final double[] p = new double[2 * HALF + 1];
            for (int i = -HALF; i <= HALF; i++) {
                final int ch = nearest + i;
                p[i + HALF] = ch >= 0 && ch < c ? x[ch] : 0;
            }
            profiles[s] = p;
        }
        return new ZRefinement(c, positions, profiles);
    }

    /**
     * The channel amplitudes that explain an image at the POI's centre best: non-negative least squares over all
     * channels (coordinate descent from zero).
     *
     * @param binned the binned POI
     * @param image one slice-sized image
     * @return the amplitudes, one per channel
     */
    static double[] channelAmplitudes(final Poi binned, final float[] image) {
        return new Solver(binned).solve(image);
    }

    /** Non-negative least squares over the channels of one POI. */
    private static final class Solver {
        private final float[] b;
        private final int plane;
        private final int c;
        private final double[][] g;

        Solver(final Poi binned) {
            b = binned.values();
            c = binned.channels();
            plane = binned.height() * binned.width();
            g = new double[c][c];
            for (int i = 0; i < c; i++) {
                for (int j = i; j < c; j++) {
                    double s = 0;
                    for (int q = 0; q < plane; q++) {
                        s += (double)b[i * plane + q] * b[j * plane + q];
                    }
                    g[i][j] = s;
                    g[j][i] = s;
                }
            }
        }

        double[] solve(final float[] image) {
            final double[] r = new double[c];
            for (int i = 0; i < c; i++) {
                double v = 0;
                for (int q = 0; q < plane; q++) {
                    v += (double)image[q] * b[i * plane + q];
                }
                r[i] = v;
            }
            final double[] x = new double[c];
            for (int sweep = 0; sweep < SWEEPS; sweep++) {
                for (int i = 0; i < c; i++) {
                    if (g[i][i] <= 0) {
                        continue;
                    }
                    double v = r[i];
                    for (int j = 0; j < c; j++) {
                        if (j != i) {
                            v -= g[i][j] * x[j];
                        }
                    }
                    x[i] = Math.max(0, v / g[i][i]);
                }
            }
            return x;
        }
    }

    /**
     * @param sums a detection's amplitude summed per channel, length {@link #channels()}
     * @return z as a fractional channel index (0-based)
     */
    public double refine(final double[] sums) {
        if (sums.length != channels) {
            throw new IllegalArgumentException("expected " + channels + " channel sums, got " + sums.length);
        }
        int best = 0;
        for (int i = 1; i < channels; i++) {
            if (sums[i] > sums[best]) {
                best = i;
            }
        }
        if (!(sums[best] > 0)) {
            return (channels - 1) / 2.0;
        }
        final int lo = Math.max(0, best - 2);
        final int hi = Math.min(channels - 1, best + 2);
        final double[] d = new double[positions.length];
        Arrays.fill(d, Double.NaN);
        int arg = -1;
        for (int s = 0; s < positions.length; s++) {
            if (Math.abs(positions[s] - best) > 1 + 1e-9) {
                continue;
            }
            d[s] = distance(sums, lo, hi, s);
            if (arg < 0 || d[s] < d[arg]) {
                arg = s;
            }
        }
        if (arg < 0) {
            return best;
        }
        double z = positions[arg];
        if (arg > 0 && arg + 1 < positions.length && !Double.isNaN(d[arg - 1]) && !Double.isNaN(d[arg + 1])) {
            final double curvature = d[arg - 1] - 2 * d[arg] + d[arg + 1];
            if (curvature > 0) {
                final double shift = Math.max(-0.5, Math.min(0.5, 0.5 * (d[arg - 1] - d[arg + 1]) / curvature));
                z += shift * (positions[arg + 1] - positions[arg]);
            }
        }
        return z;
    }

    /** Squared distance of the normalised sums and the normalised profile of slice s over channels lo … hi. */
    private double distance(final double[] sums, final int lo, final int hi, final int s) {
        final int nearest = (int)Math.round(Math.max(0, Math.min(channels - 1, positions[s])));
        double ns = 0;
        double np = 0;
        for (int ch = lo; ch <= hi; ch++) {
            final double a = Math.max(0, sums[ch]);
            final double p = profile(s, nearest, ch);
            ns += a * a;
            np += p * p;
        }
        ns = Math.sqrt(ns);
        np = Math.sqrt(np);
        if (!(np > 0) || !(ns > 0)) {
            return 2;
        }
        double dist = 0;
        for (int ch = lo; ch <= hi; ch++) {
            final double e = Math.max(0, sums[ch]) / ns - profile(s, nearest, ch) / np;
            dist += e * e;
        }
        return dist;
    }

    private double profile(final int s, final int nearest, final int ch) {
        final int i = ch - nearest + HALF;
        return i >= 0 && i < profiles[s].length ? profiles[s][i] : 0;
    }

    /** @return a one-line text form for model files, read back by {@link #parse} */
    public String encode() {
        final StringBuilder sb = new StringBuilder();
        for (int s = 0; s < positions.length; s++) {
            if (s > 0) {
                sb.append(';');
            }
            sb.append(String.format(Locale.ROOT, "%.9g:", positions[s]));
            for (int i = 0; i < profiles[s].length; i++) {
                sb.append(i > 0 ? "," : "").append(String.format(Locale.ROOT, "%.6g", profiles[s][i]));
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
        final String[] slices = text.split(";");
        if (slices.length < channels) {
            throw new IllegalArgumentException("z refinement table has " + slices.length + " slices for " + channels
                + " channels");
        }
        final double[] positions = new double[slices.length];
        final double[][] profiles = new double[slices.length][];
        for (int s = 0; s < slices.length; s++) {
            final String[] up = slices[s].split(":");
            if (up.length != 2) {
                throw new IllegalArgumentException("damaged z refinement table entry '" + slices[s] + "'");
            }
            positions[s] = Double.parseDouble(up[0]);
            final String[] v = up[1].split(",");
            if (v.length != 2 * HALF + 1 || !(positions[s] >= -1e-6 && positions[s] <= channels - 1 + 1e-6)
                || s > 0 && positions[s] <= positions[s - 1]) {
                throw new IllegalArgumentException("damaged z refinement table entry '" + slices[s] + "'");
            }
            profiles[s] = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                profiles[s][i] = Double.parseDouble(v[i]);
                if (!(profiles[s][i] >= 0) || Double.isInfinite(profiles[s][i])) {
                    throw new IllegalArgumentException("damaged z refinement table entry '" + slices[s] + "'");
                }
            }
        }
        return new ZRefinement(channels, positions, profiles);
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof ZRefinement z && z.channels == channels && Arrays.equals(positions, z.positions)
            && Arrays.deepEquals(profiles, z.profiles);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(positions) * 31 + Arrays.deepHashCode(profiles);
    }
}
