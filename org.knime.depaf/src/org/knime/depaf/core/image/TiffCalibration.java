package org.knime.depaf.core.image;

import java.util.Locale;

/**
 * Pixel size of a TIFF page in nm from its resolution tags and ImageJ description.
 *
 * <p>ImageJ writes the length unit into its description ({@code unit=micron}) and the resolution as pixels per
 * that unit with ResolutionUnit "none"; other writers use ResolutionUnit centimetre. Inch resolutions are ignored:
 * they are nearly always the 72 or 96 dpi default of programs that know nothing of the camera. The X resolution is
 * used (DEPAF assumes square pixels).
 */
final class TiffCalibration {

    /** TIFF ResolutionUnit values. */
    static final int UNIT_ABSENT = 0;
    static final int UNIT_NONE = 1;
    static final int UNIT_INCH = 2;
    static final int UNIT_CM = 3;

    private TiffCalibration() {
    }

    /**
     * @param description the first page's ImageDescription, or null
     * @param resolutionUnit the TIFF ResolutionUnit (1 none, 2 inch, 3 cm) or {@link #UNIT_ABSENT}
     * @param pixelsPerUnit the X resolution (pixels per unit), NaN or ≤ 0 when absent
     * @return pixel size in nm, NaN when the file does not say or says something unusable
     */
    static double pixelSizeNm(final String description, final int resolutionUnit, final double pixelsPerUnit) {
        if (!(pixelsPerUnit > 0) || !Double.isFinite(pixelsPerUnit)) {
            return Double.NaN;
        }
        final String imageJUnit = imageJValue(description, "unit");
        double nmPerUnit = Double.NaN;
        if (imageJUnit != null) {
            nmPerUnit = nmPerUnit(imageJUnit);
        } else if (resolutionUnit == UNIT_CM) {
            nmPerUnit = 1e7;
        }
        final double nm = nmPerUnit / pixelsPerUnit;
        return nm > 0 && Double.isFinite(nm) ? tidy(nm) : Double.NaN;
    }

    /** @return the value of {@code key=} in an ImageJ description ("ImageJ=..." first line), or null */
    static String imageJValue(final String description, final String key) {
        if (description == null || !description.startsWith("ImageJ=")) {
            return null;
        }
        for (final String line : description.split("\n")) {
            final int eq = line.indexOf('=');
            if (eq > 0 && line.substring(0, eq).trim().equals(key)) {
                return line.substring(eq + 1).trim();
            }
        }
        return null;
    }

    /** @return nm per unit for a length unit name (nm, µm and its spellings, mm, cm, m), NaN when unknown */
    static double nmPerUnit(final String unit) {
        final String u = unit.trim().toLowerCase(Locale.ROOT);
        switch (u) {
            case "nm":
            case "nanometer":
            case "nanometers":
            case "nanometre":
            case "nanometres":
                return 1;
            case "um":
            case "\u00b5m": // micro sign
            case "\u03bcm": // Greek mu
            case "micron":
            case "microns":
            case "micrometer":
            case "micrometers":
            case "micrometre":
            case "micrometres":
                return 1e3;
            case "mm":
            case "millimeter":
            case "millimetre":
                return 1e6;
            case "cm":
            case "centimeter":
            case "centimetre":
                return 1e7;
            case "m":
            case "meter":
            case "metre":
                return 1e9;
            default:
                return Double.NaN;
        }
    }

    /**
     * Rounds away the floating-point noise of 1 / (num / den) so that a size written as an exact rational reads
     * back exactly (107.5 rather than 107.50000000000001): 12 significant digits are kept.
     */
    static double tidy(final double nm) {
        final double scale = Math.pow(10, 11 - Math.floor(Math.log10(nm)));
        final double r = Math.round(nm * scale) / scale;
        return Double.isFinite(r) && r > 0 ? r : nm;
    }
}
