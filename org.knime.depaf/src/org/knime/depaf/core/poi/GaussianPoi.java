package org.knime.depaf.core.poi;

import org.apache.commons.math3.special.Erf;

/**
 * Gaussian patterns of interest: isotropic PSFs by σ or FWHM, the elliptical Gaussian of the MERFISH POI fit
 * (method spec §14.1 step 5), and a renderer used by the other generators and by simulations.
 *
 * <p>Coordinates are 0-based pixel centres. A POI of odd size s has its centre at pixel (s − 1)/2.
 * Two samplings exist: {@link Sampling#PIXEL_INTEGRATED} integrates the unit-mass Gaussian over each pixel
 * (erf differences; the exact expected photon fraction per pixel, so the sum tends to 1 as the window grows);
 * {@link Sampling#POINT_SAMPLED} evaluates the unit-mass density at the pixel centre. DEPAF's POI preprocessing
 * renormalises either, so the choice only changes the shape slightly for small σ.
 */
public final class GaussianPoi {

    /** How a continuous Gaussian becomes pixel values. */
    public enum Sampling {
        /** Integral of the unit-mass Gaussian over each pixel's area. */
        PIXEL_INTEGRATED,
        /** Unit-mass Gaussian density at each pixel centre. */
        POINT_SAMPLED
    }

    private static final double FWHM_PER_SIGMA = 2 * Math.sqrt(2 * Math.log(2));

    /** The largest odd side of a square POI slice within {@link Poi#MAX_VALUES}. */
    public static final int MAX_SIZE = (int)Math.sqrt(Poi.MAX_VALUES) - 1;

    /** The largest whole σ in pixels whose default size, 2·ceil(3σ) + 1, is at most {@link #MAX_SIZE}. */
    public static final double MAX_SIGMA = (MAX_SIZE - 1) / 2 / 3;

    private GaussianPoi() {
    }

    /** @return the default odd size for a Gaussian of standard deviation sigma: 2·ceil(3σ) + 1 */
    public static int defaultSize(final double sigma) {
        return 2 * (int)Math.ceil(3 * sigma) + 1;
    }

    /** @return σ in pixels of a Gaussian with the given FWHM in nm, on pixels of the given size in nm */
    public static double sigmaFromFwhm(final double fwhmNm, final double pixelSizeNm) {
        requirePositive(fwhmNm, "FWHM (nm)");
        requirePositive(pixelSizeNm, "pixel size (nm)");
        return fwhmNm / FWHM_PER_SIGMA / pixelSizeNm;
    }

    /**
     * An isotropic 2-D Gaussian PSF centred in an odd square.
     *
     * @param sigmaPx standard deviation in pixels, &gt; 0
     * @param size side length, odd; 0 for {@link #defaultSize}
     * @param sampling how pixels are evaluated
     * @return a {@link Poi.Kind#PATTERN_2D} POI (pixel size unknown)
     * @throws IllegalArgumentException naming "sigma" or "size"
     */
    public static Poi ofSigma(final double sigmaPx, final int size, final Sampling sampling) {
        return ofSigma(sigmaPx, size, sampling, Double.NaN);
    }

    private static Poi ofSigma(final double sigmaPx, final int size, final Sampling sampling,
        final double pixelSizeNm) {
        requirePositive(sigmaPx, "Gaussian sigma (pixels)");
        final int s = size == 0 ? checkedDefaultSize(sigmaPx, "A Gaussian POI with sigma " + num(sigmaPx) + " px",
            "use a smaller sigma, or set the POI size") : requireOddSize(size);
        return render(sigmaPx, s, sampling, pixelSizeNm);
    }

    private static Poi render(final double sigmaPx, final int s, final Sampling sampling,
        final double pixelSizeNm) {
        final float[] v = new float[s * s];
        final double c = (s - 1) / 2.0;
        render(v, s, s, c, c, sigmaPx, sigmaPx, 1, sampling);
        return new Poi(v, 1, s, s, Poi.Kind.PATTERN_2D, pixelSizeNm, Double.NaN,
            String.format(java.util.Locale.ROOT, "Gaussian PSF (sigma %.4g px, %s)", sigmaPx,
                sampling.name().toLowerCase(java.util.Locale.ROOT)));
    }

    /**
     * An isotropic 2-D Gaussian PSF given by its FWHM: σ = FWHM / (2·sqrt(2 ln 2)) / pixel size.
     *
     * @param fwhmNm full width at half maximum in nm
     * @param pixelSizeNm camera pixel size in nm (stored in the POI)
     * @param size side length, odd; 0 for {@link #defaultSize}
     * @param sampling how pixels are evaluated
     */
    public static Poi ofFwhm(final double fwhmNm, final double pixelSizeNm, final int size,
        final Sampling sampling) {
        final double sigma = sigmaFromFwhm(fwhmNm, pixelSizeNm);
        final int s = size == 0 ? checkedDefaultSize(sigma, "A Gaussian POI with FWHM " + num(fwhmNm) + " nm (sigma "
            + num(sigma) + " px on pixels of " + num(pixelSizeNm) + " nm)", "use a FWHM up to "
                + num(MAX_SIGMA * FWHM_PER_SIGMA * pixelSizeNm) + " nm at this pixel size (or check the pixel size), "
                + "or set the POI size") : requireOddSize(size);
        return render(sigma, s, sampling, pixelSizeNm);
    }

    /**
     * {@link #defaultSize}, refused before anything is allocated when the POI would exceed {@link Poi#MAX_VALUES}.
     *
     * @param what the POI and the setting that makes it, for the message
     * @param advice what to change
     */
    static int checkedDefaultSize(final double sigma, final String what, final String advice) {
        final double s = 2 * Math.ceil(3 * sigma) + 1;
        if (s > MAX_SIZE) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "%s would be %.0f × %.0f px; "
                + "DEPAF accepts POIs of at most %d values (%d × %d px, sigma up to %.0f px): %s", what, s, s,
                Poi.MAX_VALUES, MAX_SIZE, MAX_SIZE, MAX_SIGMA, advice));
        }
        return (int)s;
    }

    /**
     * The elliptical Gaussian POI of the MERFISH pipeline (§14.1 step 5): point-sampled
     * exp(−u²/(2σ_x²) − v²/(2σ_y²)) on a square of side 2·ceil(3·max(σ_y, σ_x)) + 1, where (u, v) are the
     * offsets from the centre rotated by {@code angle} (u along the rotated x axis), then min-max normalised to
     * [0, 1].
     *
     * @param sigmaY standard deviation along the (rotated) y axis, pixels
     * @param sigmaX standard deviation along the (rotated) x axis, pixels
     * @param angleRad rotation of the x axis towards +y, radians (0 for axis-aligned)
     */
    public static Poi elliptical(final double sigmaY, final double sigmaX, final double angleRad) {
        requirePositive(sigmaY, "Gaussian sigma y (pixels)");
        requirePositive(sigmaX, "Gaussian sigma x (pixels)");
        if (!Double.isFinite(angleRad)) {
            throw new IllegalArgumentException("Gaussian rotation angle must be a finite number of radians, got "
                + angleRad);
        }
        final int s = checkedDefaultSize(Math.max(sigmaY, sigmaX), "An elliptical Gaussian POI with sigma y "
            + num(sigmaY) + " px and sigma x " + num(sigmaX) + " px", "use smaller sigmas");
        final double c = (s - 1) / 2.0;
        final double cos = Math.cos(angleRad);
        final double sin = Math.sin(angleRad);
        final double[] d = new double[s * s];
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int y = 0; y < s; y++) {
            for (int x = 0; x < s; x++) {
                final double dx = x - c;
                final double dy = y - c;
                final double u = cos * dx + sin * dy;
                final double w = -sin * dx + cos * dy;
                final double v = Math.exp(-u * u / (2 * sigmaX * sigmaX) - w * w / (2 * sigmaY * sigmaY));
                d[y * s + x] = v;
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        final float[] out = new float[s * s];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float)((d[i] - min) / (max - min));
        }
        return new Poi(out, 1, s, s, Poi.Kind.PATTERN_2D, Double.NaN, Double.NaN,
            String.format(java.util.Locale.ROOT, "elliptical Gaussian (sigma y %.4g px, x %.4g px, angle %.4g rad)",
                sigmaY, sigmaX, angleRad));
    }

    /**
     * Adds an axis-aligned Gaussian spot of total mass {@code amplitude} (over the infinite plane) to an image.
     *
     * @param image row-major image, height·width values, added to
     * @param height rows
     * @param width columns
     * @param cy centre row (0-based, pixel centres at integers)
     * @param cx centre column
     * @param sigmaY standard deviation along y, pixels
     * @param sigmaX standard deviation along x, pixels
     * @param amplitude integral of the spot
     * @param sampling how pixels are evaluated
     */
    public static void render(final float[] image, final int height, final int width, final double cy,
        final double cx, final double sigmaY, final double sigmaX, final double amplitude, final Sampling sampling) {
        final double[] py = profile(height, cy, sigmaY, sampling);
        final double[] px = profile(width, cx, sigmaX, sampling);
        for (int y = 0; y < height; y++) {
            final double a = amplitude * py[y];
            if (a == 0) {
                continue;
            }
            final int o = y * width;
            for (int x = 0; x < width; x++) {
                image[o + x] += (float)(a * px[x]);
            }
        }
    }

    /** 1-D unit-mass Gaussian profile over n pixels. */
    static double[] profile(final int n, final double c, final double sigma, final Sampling sampling) {
        final double[] p = new double[n];
        if (sampling == Sampling.PIXEL_INTEGRATED) {
            final double k = 1 / (Math.sqrt(2) * sigma);
            double prev = Erf.erf((-0.5 - c) * k);
            for (int i = 0; i < n; i++) {
                final double next = Erf.erf((i + 0.5 - c) * k);
                p[i] = 0.5 * (next - prev);
                prev = next;
            }
        } else {
            final double norm = 1 / (Math.sqrt(2 * Math.PI) * sigma);
            for (int i = 0; i < n; i++) {
                final double d = (i - c) / sigma;
                p[i] = norm * Math.exp(-0.5 * d * d);
            }
        }
        return p;
    }

    /** @return v to 4 significant digits without trailing zeros or exponent, for messages: 1000000, 2.5, 4247 */
    static String num(final double v) {
        return new java.math.BigDecimal(String.format(java.util.Locale.ROOT, "%.4g", v)).stripTrailingZeros()
            .toPlainString();
    }

    static double requirePositive(final double v, final String what) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("The " + what + " must be a positive finite number, got " + v);
        }
        return v;
    }

    static int requireOddSize(final int size) {
        if (size < 1 || size % 2 == 0 || size > MAX_SIZE) {
            throw new IllegalArgumentException("The POI size must be an odd number of pixels from 1 to " + MAX_SIZE
                + ", got " + size);
        }
        return size;
    }
}
