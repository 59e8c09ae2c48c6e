package org.knime.depaf.core.fit;

import java.util.Objects;

import org.knime.depaf.core.poi.Poi;
import org.knime.depaf.core.resample.UpsamplingRatios;

/**
 * The point-spread function a fit uses: the model's own 2-D POI, which lives on DEPAF's upsampled grid (r_y, r_x
 * samples per camera pixel, centres aligned as in {@link org.knime.depaf.core.detect.CoordinateMapping}), made
 * continuous by cubic convolution (Keys, a = −½: interpolating, continuously differentiable) and evaluated at camera
 * pixels, scaled so that it sums to one over camera pixels: the photons of a spot are its fitted total. Whatever
 * pattern DEPAF detected with (a Gaussian, a measured PSF) is the pattern the fit places, and the fit's positions
 * refer to the POI's centre exactly as DEPAF's do.
 *
 * <p>The interpolation is separable (rows, then columns), so a window is rendered with two passes of four weights
 * per pixel. A pattern that is itself separable (a row profile times a column profile, as every Gaussian POI is) is
 * rendered as the product of its two interpolated profiles, which gives the same values several times faster.
 * Immutable and thread-safe (renders write into caller-provided arrays).
 */
public final class PoiPsfModel {

    private static final double A = -0.5;

    /** The fraction of a spot's photons its fit window holds. */
    private static final double SUPPORT = 0.995;

    private final double[] psf;
    private final int height;
    private final int width;
    private final double centreY;
    private final double centreX;
    private final double peak;
    private final int halfSize;
    private final double ry;
    private final double rx;
    private final double width2d;
    /** The pattern's row profile (its values down a column) when the pattern is separable, else null. */
    private final double[] rowProfile;
    /** The pattern's column profile when the pattern is separable, else null. */
    private final double[] colProfile;

    /** How closely a rank-one product must equal the pattern (relative Frobenius norm) to be rendered as one. */
    private static final double SEPARABLE = 1e-6;

    /**
     * @param values a 2-D pattern, row-major, {@code height × width}, centred on its middle pixel
     * @param height rows
     * @param width columns
     * @param ry pattern samples per camera pixel along rows (DEPAF's upsampling ratio r_y; 1 for a camera-pixel POI)
     * @param rx pattern samples per camera pixel along columns
     * @throws IllegalArgumentException if the pattern has no positive mass
     */
    public PoiPsfModel(final float[] values, final int height, final int width, final double ry, final double rx) {
        Objects.requireNonNull(values, "values");
        if (values.length != height * width || height < 1 || width < 1) {
            throw new IllegalArgumentException("PSF of " + values.length + " values is not " + height + " × " + width);
        }
        if (!(ry >= 1 && rx >= 1) || !Double.isFinite(ry) || !Double.isFinite(rx)) {
            throw new IllegalArgumentException("upsampling ratios must be ≥ 1, got " + ry + ", " + rx);
        }
        double sum = 0;
        for (final float v : values) {
            sum += Math.max(0, v);
        }
        if (!(sum > 0) || !Double.isFinite(sum)) {
            throw new IllegalArgumentException("The POI has no positive values; a fit needs a pattern with mass");
        }
        // a camera pixel holds r_y·r_x pattern samples: scaled so the spot sums to one over camera pixels
        psf = new double[values.length];
        double max = 0;
        for (int i = 0; i < values.length; i++) {
            psf[i] = Math.max(0, values[i]) / sum * ry * rx;
            max = Math.max(max, psf[i]);
        }
        this.height = height;
        this.width = width;
        this.ry = ry;
        this.rx = rx;
        centreY = (height - 1) / 2.0;
        centreX = (width - 1) / 2.0;
        peak = max;
        halfSize = (int)Math.ceil(support(psf, height, width) / Math.min(ry, rx) - 1e-9);
        double m2 = 0;
        double mass = 0;
        for (int i = 0; i < height; i++) {
            for (int j = 0; j < width; j++) {
                final double dy = (i - centreY) / ry;
                final double dx = (j - centreX) / rx;
                m2 += psf[i * width + j] * (dx * dx + dy * dy);
                mass += psf[i * width + j];
            }
        }
        width2d = Math.sqrt(m2 / mass / 2);
        final double[][] profiles = rankOne(psf, height, width);
        rowProfile = profiles == null ? null : profiles[0];
        colProfile = profiles == null ? null : profiles[1];
    }

    /**
     * The best product {@code p[i][j] ≈ u[i]·v[j]} (power iteration for the leading singular pair), when it equals the
     * pattern within {@link #SEPARABLE}.
     *
     * @return {u, v}, or null when the pattern is not separable
     */
    private static double[][] rankOne(final double[] p, final int h, final int w) {
        final double[] u = new double[h];
        final double[] v = new double[w];
        for (int i = 0; i < h; i++) {
            for (int j = 0; j < w; j++) {
                v[j] += p[i * w + j];
            }
        }
        for (int iter = 0; iter < 50; iter++) {
            double vv = 0;
            for (final double x : v) {
                vv += x * x;
            }
            for (int i = 0; i < h; i++) {
                double s = 0;
                for (int j = 0; j < w; j++) {
                    s += p[i * w + j] * v[j];
                }
                u[i] = s / vv;
            }
            double uu = 0;
            for (final double x : u) {
                uu += x * x;
            }
            for (int j = 0; j < w; j++) {
                double s = 0;
                for (int i = 0; i < h; i++) {
                    s += p[i * w + j] * u[i];
                }
                v[j] = s / uu;
            }
        }
        double err = 0;
        double norm = 0;
        for (int i = 0; i < h; i++) {
            for (int j = 0; j < w; j++) {
                final double d = p[i * w + j] - u[i] * v[j];
                err += d * d;
                norm += p[i * w + j] * p[i * w + j];
            }
        }
        return err <= SEPARABLE * SEPARABLE * norm ? new double[][] {u, v} : null;
    }

    /**
     * The half-size of the smallest centred square holding {@value #SUPPORT} of the pattern's mass: POIs are often
     * padded (a network needs room around them), and a fit window as large as the padding would hold neighbours'
     * light and more noise than signal.
     */
    private static int support(final double[] p, final int h, final int w) {
        double ratioMass = 0;
        for (final double v : p) {
            ratioMass += v;
        }
        final int cy = (h - 1) / 2;
        final int cx = (w - 1) / 2;
        for (int r = 1; r <= Math.max(cy, cx); r++) {
            double mass = 0;
            for (int i = Math.max(0, cy - r); i <= Math.min(h - 1, cy + r); i++) {
                for (int j = Math.max(0, cx - r); j <= Math.min(w - 1, cx + r); j++) {
                    mass += p[i * w + j];
                }
            }
            if (mass >= SUPPORT * ratioMass) {
                return r;
            }
        }
        return Math.max(cy, cx);
    }

    /**
     * @param poi a model's 2-D POI on its upsampled grid (a z-stack's middle slice otherwise)
     * @param ratios the model's upsampling ratios
     * @return its fit model on camera pixels
     */
    public static PoiPsfModel of(final Poi poi, final UpsamplingRatios ratios) {
        return new PoiPsfModel(poi.slice(poi.channels() / 2), poi.height(), poi.width(), ratios.y(), ratios.x());
    }

    /** @return the half-size (camera pixels) of a fit window: it holds {@value #SUPPORT} of a spot's photons */
    public int halfSize() {
        return Math.max(2, halfSize);
    }

    /**
     * @return the pattern's width in camera pixels: the root-mean-square distance of its light from the centre per
     *         axis (σ for a Gaussian)
     */
    public double sigma() {
        return width2d;
    }

    /** @return the largest value of the normalised pattern (the peak fraction of a spot's photons) */
    public double peakFraction() {
        return peak;
    }

    /**
     * Renders a unit spot at (x, y) into a window and its derivatives by x and y.
     *
     * @param x spot centre, camera pixels (pixel centres at integers)
     * @param y spot centre, camera pixels
     * @param x0 first column of the window
     * @param y0 first row of the window
     * @param w window width
     * @param h window height
     * @param value out: the fraction of the spot's photons in each window pixel (row-major)
     * @param dx out: ∂value/∂x, or null
     * @param dy out: ∂value/∂y, or null
     * @param scratch at least {@link #scratchSize(int, int) scratchSize(w, h)} doubles
     */
    public void render(final double x, final double y, final int x0, final int y0, final int w, final int h,
        final double[] value, final double[] dx, final double[] dy, final double[] scratch) {
        if (rowProfile != null) {
            renderSeparable(x, y, x0, y0, w, h, value, dx, dy, scratch);
            return;
        }
        // horizontal pass: every pattern row sampled at the window's columns (value and ∂/∂u)
        final int rows = height;
        final double[] hv = scratch;
        final int off = rows * w;
        final double[] wk = new double[4];
        final double[] dk = new double[4];
        for (int j = 0; j < w; j++) {
            final double u = centreX + (x0 + j - x) * rx; // pattern column of window column j
            final int base = (int)Math.floor(u);
            weights(u - base, wk, dk);
            final int m0 = base - 1;
            final int kLo = Math.max(0, -m0);
            final int kHi = Math.min(3, width - 1 - m0);
            for (int n = 0; n < rows; n++) {
                final int rowOff = n * width + m0;
                double s = 0;
                double d = 0;
                for (int k = kLo; k <= kHi; k++) {
                    final double p = psf[rowOff + k];
                    s += wk[k] * p;
                    d += dk[k] * p;
                }
                hv[n * w + j] = s;
                hv[off + n * w + j] = d;
            }
        }
        // vertical pass at the window's rows
        for (int i = 0; i < h; i++) {
            final double v = centreY + (y0 + i - y) * ry;
            final int vbase = (int)Math.floor(v);
            weights(v - vbase, wk, dk);
            final int n0 = vbase - 1;
            final int kLo = Math.max(0, -n0);
            final int kHi = Math.min(3, rows - 1 - n0);
            for (int j = 0; j < w; j++) {
                double s = 0;
                double sx = 0;
                double sy = 0;
                for (int k = kLo; k <= kHi; k++) {
                    final int n = n0 + k;
                    final double a = hv[n * w + j];
                    s += wk[k] * a;
                    sx += wk[k] * hv[off + n * w + j];
                    sy += dk[k] * a;
                }
                final int p = i * w + j;
                value[p] = s;
                // the pattern coordinate falls as the spot moves: ∂u/∂x = −r_x
                if (dx != null) {
                    dx[p] = -sx * rx;
                }
                if (dy != null) {
                    dy[p] = -sy * ry;
                }
            }
        }
    }

    /** {@link #render} of a separable pattern: the interpolated row and column profiles, multiplied. */
    private void renderSeparable(final double x, final double y, final int x0, final int y0, final int w,
        final int h, final double[] value, final double[] dx, final double[] dy, final double[] scratch) {
        // scratch: column profile and its derivative at the window's columns, then the same for the rows
        final double[] wk = new double[4];
        final double[] dk = new double[4];
        for (int j = 0; j < w; j++) {
            final double u = centreX + (x0 + j - x) * rx;
            sample(colProfile, u, wk, dk, scratch, j, w + j);
        }
        final int off = 2 * w;
        for (int i = 0; i < h; i++) {
            final double v = centreY + (y0 + i - y) * ry;
            sample(rowProfile, v, wk, dk, scratch, off + i, off + h + i);
        }
        for (int i = 0; i < h; i++) {
            final double r = scratch[off + i];
            final double dr = -ry * scratch[off + h + i];
            final int row = i * w;
            for (int j = 0; j < w; j++) {
                final double cv = scratch[j];
                value[row + j] = r * cv;
                if (dx != null) {
                    dx[row + j] = -rx * r * scratch[w + j];
                }
                if (dy != null) {
                    dy[row + j] = dr * cv;
                }
            }
        }
    }

    /** Interpolates a profile at coordinate t: the value into out[at], the derivative by t into out[dAt]. */
    private static void sample(final double[] profile, final double t, final double[] wk, final double[] dk,
        final double[] out, final int at, final int dAt) {
        final int base = (int)Math.floor(t);
        weights(t - base, wk, dk);
        double s = 0;
        double d = 0;
        for (int k = 0; k < 4; k++) {
            final int m = base - 1 + k;
            if (m >= 0 && m < profile.length) {
                s += wk[k] * profile[m];
                d += dk[k] * profile[m];
            }
        }
        out[at] = s;
        out[dAt] = d;
    }

    /** @return the scratch size {@link #render} needs for windows of {@code w × h} pixels */
    public int scratchSize(final int w, final int h) {
        // the general path's two passes, or the separable path's two profiles and their derivatives
        return Math.max(2 * height * w, 2 * (w + h));
    }

    /**
     * Keys' cubic convolution weights of the four samples around a point at fraction t ∈ [0, 1) past sample 1, and
     * their derivatives by the point's coordinate.
     */
    private static void weights(final double t, final double[] w, final double[] d) {
        for (int k = 0; k < 4; k++) {
            final double s = t + 1 - k; // distance from sample k (samples at −1, 0, 1, 2 relative to the base)
            w[k] = kernel(s);
            d[k] = derivative(s);
        }
    }

    private static double kernel(final double s) {
        final double a = Math.abs(s);
        if (a <= 1) {
            return ((A + 2) * a - (A + 3)) * a * a + 1;
        }
        if (a < 2) {
            return ((A * a - 5 * A) * a + 8 * A) * a - 4 * A;
        }
        return 0;
    }

    private static double derivative(final double s) {
        final double a = Math.abs(s);
        final double sign = Math.signum(s);
        if (a <= 1) {
            return sign * (3 * (A + 2) * a - 2 * (A + 3)) * a;
        }
        if (a < 2) {
            return sign * ((3 * A * a - 10 * A) * a + 8 * A);
        }
        return 0;
    }
}
