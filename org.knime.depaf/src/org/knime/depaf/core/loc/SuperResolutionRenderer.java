package org.knime.depaf.core.loc;

import org.knime.depaf.core.image.ImageStack;

/**
 * Renders localisations into a super-resolution image of a field.
 *
 * <p>The field is [0, widthNm) × [0, heightNm) in the table's nm coordinates (origin at the top-left corner of
 * the first camera pixel); the image has ceil(width / renderPixel) × ceil(height / renderPixel) pixels of
 * {@code renderPixelNm}, render pixel (i, j) covering [i·p, (i+1)·p) × [j·p, (j+1)·p). Two renderings:
 * <ul>
 * <li>{@link #histogram}: the number of localisations per render pixel (localisations outside the field are
 * left out, so the image sums to the count inside);</li>
 * <li>{@link #gaussian}: each localisation a normalised 2-D Gaussian (σ given, or each row's uncertainty),
 * integrated over the render pixels, so the image integrates to the count except the tails that fall outside.</li>
 * </ul>
 * Returns a 1-frame {@link ImageStack} whose pixel size is the render pixel size. Immutable, thread-safe.
 */
public final class SuperResolutionRenderer {

    private final double widthNm;
    private final double heightNm;
    private final double renderPixelNm;
    private final int width;
    private final int height;

    /**
     * @param widthNm field width in nm, &gt; 0
     * @param heightNm field height in nm, &gt; 0
     * @param renderPixelNm render pixel size in nm, &gt; 0
     */
    public SuperResolutionRenderer(final double widthNm, final double heightNm, final double renderPixelNm) {
        if (!(widthNm > 0) || !(heightNm > 0) || !(renderPixelNm > 0) || Double.isInfinite(widthNm)
            || Double.isInfinite(heightNm) || Double.isInfinite(renderPixelNm)) {
            throw new IllegalArgumentException("Render field and pixel size must be finite numbers of nm > 0, got "
                + widthNm + " × " + heightNm + " nm at " + renderPixelNm + " nm per pixel");
        }
        final double w = Math.ceil(widthNm / renderPixelNm - 1e-9);
        final double h = Math.ceil(heightNm / renderPixelNm - 1e-9);
        if (w * h > 1 << 28) {
            throw new IllegalArgumentException("Render image of " + (long)w + " × " + (long)h + " pixels is too "
                + "large; use a larger render pixel size than " + renderPixelNm + " nm");
        }
        this.widthNm = widthNm;
        this.heightNm = heightNm;
        this.renderPixelNm = renderPixelNm;
        this.width = (int)w;
        this.height = (int)h;
    }

    /**
     * A renderer for the field of a camera stack, {@code magnification} render pixels per camera pixel.
     */
    public static SuperResolutionRenderer forCamera(final int widthPx, final int heightPx, final double pixelSizeNm,
        final double magnification) {
        if (!(magnification > 0)) {
            throw new IllegalArgumentException("Magnification must be > 0, got " + magnification);
        }
        return new SuperResolutionRenderer(widthPx * pixelSizeNm, heightPx * pixelSizeNm,
            pixelSizeNm / magnification);
    }

    /** @return render image width in pixels */
    public int width() {
        return width;
    }

    /** @return render image height in pixels */
    public int height() {
        return height;
    }

    /** @return render pixel size in nm */
    public double renderPixelNm() {
        return renderPixelNm;
    }

    /** @return counts of localisations per render pixel */
    public ImageStack histogram(final LocalisationTable t) {
        final float[] img = new float[width * height];
        for (int i = 0; i < t.size(); i++) {
            final double x = t.x(i);
            final double y = t.y(i);
            if (x >= 0 && x < widthNm && y >= 0 && y < heightNm) {
                final int ix = Math.min(width - 1, (int)(x / renderPixelNm));
                final int iy = Math.min(height - 1, (int)(y / renderPixelNm));
                img[iy * width + ix]++;
            }
        }
        return new ImageStack(img, 1, height, width, renderPixelNm, "histogram of " + t.size() + " localisations");
    }

    /** @return the median of the table's positive finite uncertainties (NaN for an empty table) */
    private static double medianUncertainty(final LocalisationTable t) {
        final double[] u = new double[t.size()];
        int n = 0;
        for (int i = 0; i < t.size(); i++) {
            final double v = t.uncertainty(i);
            if (v > 0 && Double.isFinite(v)) {
                u[n++] = v;
            }
        }
        if (n == 0 && t.size() > 0) {
            throw new IllegalArgumentException("No localisation has an uncertainty (column 'uncertainty [nm]': the "
                + "DEPAF Predictor writes it when it fits the detections); give a render σ in nm instead");
        }
        java.util.Arrays.sort(u, 0, n);
        return n == 0 ? Double.NaN : u[n / 2];
    }

    /**
     * @param sigmaNm the Gaussian's σ in nm, or NaN to use each row's {@link LocalisationTable.Column#UNCERTAINTY}
     *            (a row without one, such as a detection whose fit failed, takes the median of the others)
     * @return the sum of normalised pixel-integrated Gaussians, one per localisation
     * @throws IllegalArgumentException if σ is NaN and no row has a positive finite uncertainty
     */
    public ImageStack gaussian(final LocalisationTable t, final double sigmaNm) {
        if (!Double.isNaN(sigmaNm) && !(sigmaNm > 0 && Double.isFinite(sigmaNm))) {
            throw new IllegalArgumentException("Render σ must be a finite number of nm > 0 or NaN (use each "
                + "localisation's uncertainty), got " + sigmaNm);
        }
        final double fallback = Double.isNaN(sigmaNm) ? medianUncertainty(t) : sigmaNm;
        final float[] img = new float[width * height];
        double[] mx = new double[16];
        double[] my = new double[16];
        for (int i = 0; i < t.size(); i++) {
            final double u = Double.isNaN(sigmaNm) ? t.uncertainty(i) : sigmaNm;
            final double s = u > 0 && Double.isFinite(u) ? u : fallback;
            // in render pixels; render pixel i has its centre at i + 0.5 in nm / p, i.e. at i in these units
            final double cx = t.x(i) / renderPixelNm - 0.5;
            final double cy = t.y(i) / renderPixelNm - 0.5;
            final double sp = s / renderPixelNm;
            final int x0 = Math.max(0, (int)Math.floor(cx - 5 * sp));
            final int x1 = Math.min(width - 1, (int)Math.ceil(cx + 5 * sp));
            final int y0 = Math.max(0, (int)Math.floor(cy - 5 * sp));
            final int y1 = Math.min(height - 1, (int)Math.ceil(cy + 5 * sp));
            if (x0 > x1 || y0 > y1) {
                continue;
            }
            if (mx.length < x1 - x0 + 1) {
                mx = new double[x1 - x0 + 1];
            }
            if (my.length < y1 - y0 + 1) {
                my = new double[y1 - y0 + 1];
            }
            GaussianIntegral.pixelMasses(cx, sp, x0, mx, x1 - x0 + 1);
            GaussianIntegral.pixelMasses(cy, sp, y0, my, y1 - y0 + 1);
            for (int y = y0; y <= y1; y++) {
                final double wy = my[y - y0];
                final int row = y * width;
                for (int x = x0; x <= x1; x++) {
                    img[row + x] += (float)(wy * mx[x - x0]);
                }
            }
        }
        return new ImageStack(img, 1, height, width, renderPixelNm,
            "Gaussian render of " + t.size() + " localisations");
    }
}
