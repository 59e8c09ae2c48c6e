package org.knime.depaf.node.adapter;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import javax.imageio.ImageIO;

import org.knime.depaf.core.image.ImageStack;
import org.knime.depaf.core.loc.ColorMap;
import org.knime.depaf.core.loc.LocalisationTable;
import org.knime.depaf.core.loc.RenderImages;
import org.knime.depaf.core.loc.SuperResolutionRenderer;

/**
 * The Localization Renderer's options and the rendering: a histogram (localisations per render pixel) or a sum of
 * Gaussians (σ given, or each localisation's uncertainty), as a 32-bit image and as a PNG with percentile contrast.
 *
 * @param method histogram or Gaussian
 * @param renderPixelNm render pixel size in nm
 * @param sigmaNm Gaussian σ in nm, or 0 to use each localisation's 'uncertainty [nm]'
 * @param fieldWidthNm rendered field width in nm, or 0 for the localisations' extent
 * @param fieldHeightNm rendered field height in nm, or 0 for the localisations' extent
 * @param colorMap colour map of the PNG
 * @param saturationPercentile percentile of the non-empty pixels shown at full brightness (e.g. 99.5)
 */
public record RenderOptions(Method method, double renderPixelNm, double sigmaNm, double fieldWidthNm,
    double fieldHeightNm, ColorMap colorMap, double saturationPercentile) {

    /** Rendering methods. */
    public enum Method {
        /** Number of localisations per render pixel. */
        HISTOGRAM,
        /** Each localisation a normalised Gaussian. */
        GAUSSIAN
    }

    /** @return the defaults: Gaussian, 10 nm pixels, σ 20 nm, field from the data, hot colours, 99.5 % */
    public static RenderOptions defaults() {
        return new RenderOptions(Method.GAUSSIAN, 10, 20, 0, 0, ColorMap.HOT, 99.5);
    }

    /** @throws IllegalArgumentException naming the option and saying what to change */
    public void validate() {
        if (method == null || colorMap == null) {
            throw new IllegalArgumentException("Choose a rendering method and a colour map");
        }
        if (!(renderPixelNm > 0) || !Double.isFinite(renderPixelNm)) {
            throw new IllegalArgumentException("Render pixel size must be a number of nm > 0 (e.g. 10); it is "
                + renderPixelNm);
        }
        if (!(sigmaNm >= 0) || !Double.isFinite(sigmaNm)) {
            throw new IllegalArgumentException("Gaussian σ must be a number of nm > 0, or 0 to use each "
                + "localisation's uncertainty; it is " + sigmaNm);
        }
        if (!(fieldWidthNm >= 0) || !(fieldHeightNm >= 0) || !Double.isFinite(fieldWidthNm)
            || !Double.isFinite(fieldHeightNm)) {
            throw new IllegalArgumentException("Field width and height must be numbers of nm > 0, or 0 for the "
                + "extent of the localisations; they are " + fieldWidthNm + " and " + fieldHeightNm);
        }
        if (!(saturationPercentile > 0 && saturationPercentile <= 100)) {
            throw new IllegalArgumentException("Saturation percentile must be between 0 (exclusive) and 100; it is "
                + saturationPercentile);
        }
    }

    /**
     * @param table the localisations
     * @return the rendered image, one frame, its pixel size the render pixel size
     * @throws IllegalArgumentException as {@link #validate()}, for an empty field, or when σ is 0 and a row has
     *             no uncertainty
     */
    public ImageStack render(final LocalisationTable table) {
        validate();
        double w = fieldWidthNm;
        double h = fieldHeightNm;
        if (w == 0 || h == 0) {
            double maxX = 0;
            double maxY = 0;
            for (int i = 0; i < table.size(); i++) {
                maxX = Math.max(maxX, table.x(i));
                maxY = Math.max(maxY, table.y(i));
            }
            // Up to the next whole render pixel beyond the farthest localisation, so that it is inside.
            w = w == 0 ? (Math.floor(maxX / renderPixelNm) + 1) * renderPixelNm : w;
            h = h == 0 ? (Math.floor(maxY / renderPixelNm) + 1) * renderPixelNm : h;
        }
        final SuperResolutionRenderer r = new SuperResolutionRenderer(w, h, renderPixelNm);
        return method == Method.HISTOGRAM ? r.histogram(table) : r.gaussian(table, sigmaNm > 0 ? sigmaNm : Double.NaN);
    }

    /**
     * @param image a rendered image
     * @return PNG bytes of its first frame with this colour map and contrast (0th to saturation percentile)
     */
    public byte[] png(final ImageStack image) {
        final double[] range = RenderImages.displayRange(image.frame(0), 0, saturationPercentile);
        final BufferedImage img = RenderImages.toImage(image, colorMap, range[0], range[1]);
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(img, "png", out)) {
                throw new IllegalStateException("This Java runtime has no PNG writer");
            }
        } catch (IOException e) {
            throw new IllegalStateException(e); // a ByteArrayOutputStream does not fail
        }
        return out.toByteArray();
    }
}
