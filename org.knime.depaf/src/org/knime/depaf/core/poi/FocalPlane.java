package org.knime.depaf.core.poi;

import java.util.Locale;
import java.util.Objects;

/**
 * Finds the focal plane (z = 0) of a PSF z-stack (issue 11).
 *
 * <ul>
 * <li><b>Astigmatism</b>: the slice where the spot is round, σx = σy. Each slice gets an axis-aligned elliptical
 * Gaussian fit; among the slices whose fitted peak is at least a fifth of the highest, the sign change of σx − σy
 * nearest to the brightest slice is interpolated linearly.</li>
 * <li><b>Double helix</b> (two lobes that rotate with z, elongation ≥ 1.6 on most slices and a rotation of more than
 * 90° through the stack): the slice where the lobes' angle (from the second moments) is halfway through its
 * range.</li>
 * <li>Otherwise: the slice with the highest fitted peak.</li>
 * </ul>
 * Stateless and thread-safe.
 *
 * @param slice the focal plane as a fractional 0-based slice index
 * @param method how it was found, in words
 */
public record FocalPlane(double slice, String method) {

    private static final double VALID_PEAK = 0.2;

    /**
     * @param poi a z-stack (at least 3 slices)
     * @return the focal plane
     */
    public static FocalPlane find(final Poi poi) {
        Objects.requireNonNull(poi, "POI");
        final int k = poi.channels();
        if (k < 3) {
            return new FocalPlane((k - 1) / 2.0, "centre slice (fewer than 3 slices)");
        }
        final int h = poi.height();
        final int w = poi.width();
        final double[] peak = new double[k];
        final double[] d = new double[k];
        final double[] angle = new double[k];
        final double[] elongation = new double[k];
        int brightest = 0;
        for (int s = 0; s < k; s++) {
            final float[] img = poi.slice(s);
            float min = Float.POSITIVE_INFINITY;
            for (final float v : img) {
                min = Math.min(min, v);
            }
            for (int i = 0; i < img.length; i++) {
                img[i] -= min;
            }
            final GaussianFit2D fit = GaussianFit2D.fit(img, h, w);
            peak[s] = Double.isFinite(fit.amplitude()) ? fit.amplitude() : 0;
            d[s] = fit.sigmaX() - fit.sigmaY();
            moments(img, h, w, s, angle, elongation);
            if (peak[s] > peak[brightest]) {
                brightest = s;
            }
        }
        final boolean[] valid = new boolean[k];
        int validCount = 0;
        int elongated = 0;
        for (int s = 0; s < k; s++) {
            valid[s] = peak[s] >= VALID_PEAK * peak[brightest] && Double.isFinite(d[s]);
            if (valid[s]) {
                validCount++;
                if (elongation[s] >= 1.6) {
                    elongated++;
                }
            }
        }
        if (elongated >= 0.6 * validCount) {
            final FocalPlane dh = doubleHelix(valid, angle);
            if (dh != null) {
                return dh;
            }
        }
        double best = Double.NaN;
        for (int s = 0; s + 1 < k; s++) {
            if (valid[s] && valid[s + 1] && (d[s] == 0 || d[s] * d[s + 1] < 0)) {
                final double z = d[s] == 0 ? s : s + d[s] / (d[s] - d[s + 1]);
                if (Double.isNaN(best) || Math.abs(z - brightest) < Math.abs(best - brightest)) {
                    best = z;
                }
            }
        }
        if (!Double.isNaN(best)) {
            return new FocalPlane(best, "astigmatism: σx = σy");
        }
        return new FocalPlane(brightest, "the brightest slice");
    }

    /** The lobes' angle halfway through its (unwrapped) range over the valid slices, or null if it hardly turns. */
    private static FocalPlane doubleHelix(final boolean[] valid, final double[] angle) {
        final int k = valid.length;
        final double[] unwrapped = new double[k];
        int first = -1;
        int last = -1;
        double prev = Double.NaN;
        for (int s = 0; s < k; s++) {
            if (!valid[s]) {
                continue;
            }
            double a = angle[s];
            if (!Double.isNaN(prev)) {
                while (a - prev > Math.PI / 2) {
                    a -= Math.PI;
                }
                while (a - prev < -Math.PI / 2) {
                    a += Math.PI;
                }
            } else {
                first = s;
            }
            unwrapped[s] = a;
            prev = a;
            last = s;
        }
        if (first < 0 || Math.abs(unwrapped[last] - unwrapped[first]) < Math.PI / 2) {
            return null;
        }
        final double mid = (unwrapped[first] + unwrapped[last]) / 2;
        int previous = first;
        for (int s = first + 1; s <= last; s++) {
            if (!valid[s]) {
                continue;
            }
            final double a = unwrapped[previous] - mid;
            final double b = unwrapped[s] - mid;
            if (a == 0 || a * b < 0) {
                final double z = a == 0 ? previous : previous + (s - previous) * a / (a - b);
                return new FocalPlane(z, String.format(Locale.ROOT, "double helix: lobe angle halfway through its "
                    + "%.0f° rotation", Math.toDegrees(Math.abs(unwrapped[last] - unwrapped[first]))));
            }
            previous = s;
        }
        return null;
    }

    /** Orientation and elongation from the second moments of the positive image. */
    private static void moments(final float[] img, final int h, final int w, final int s, final double[] angle,
        final double[] elongation) {
        double m = 0;
        double my = 0;
        double mx = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                final double v = img[y * w + x];
                m += v;
                my += v * y;
                mx += v * x;
            }
        }
        if (!(m > 0)) {
            angle[s] = 0;
            elongation[s] = 1;
            return;
        }
        final double cy = my / m;
        final double cx = mx / m;
        double syy = 0;
        double sxx = 0;
        double sxy = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                final double v = img[y * w + x];
                syy += v * (y - cy) * (y - cy);
                sxx += v * (x - cx) * (x - cx);
                sxy += v * (y - cy) * (x - cx);
            }
        }
        syy /= m;
        sxx /= m;
        sxy /= m;
        angle[s] = 0.5 * Math.atan2(2 * sxy, sxx - syy);
        final double tr = sxx + syy;
        final double disc = Math.sqrt(Math.max(0, (sxx - syy) * (sxx - syy) / 4 + sxy * sxy));
        final double l1 = tr / 2 + disc;
        final double l2 = Math.max(1e-12, tr / 2 - disc);
        elongation[s] = Math.sqrt(l1 / l2);
    }

    /**
     * Crops a z-stack symmetrically around its focal plane, so that its centre slice is the focal plane (z = 0).
     *
     * @param poi the z-stack
     * @param focus the focal slice, 0-based (rounded to the nearest slice)
     * @return the stack of slices focus − n … focus + n, n as large as the stack allows (the POI itself when the
     *         focus is the centre slice already)
     */
    public static Poi centreOn(final Poi poi, final double focus) {
        final int f = (int)Math.round(focus);
        final int k = poi.channels();
        if (f < 0 || f >= k) {
            throw new IllegalArgumentException("focal slice " + (f + 1) + " is outside the " + k + " slices of " + poi);
        }
        final int n = Math.min(f, k - 1 - f);
        if (2 * n + 1 == k) {
            return poi;
        }
        final int plane = poi.height() * poi.width();
        final float[] v = poi.values();
        final float[] out = new float[(2 * n + 1) * plane];
        System.arraycopy(v, (f - n) * plane, out, 0, out.length);
        return new Poi(out, 2 * n + 1, poi.height(), poi.width(), poi.kind(), poi.pixelSizeNm(), poi.zStepNm(),
            poi.source() + " (slices " + (f - n + 1) + "–" + (f + n + 1) + ", centred on the focal plane)");
    }
}
