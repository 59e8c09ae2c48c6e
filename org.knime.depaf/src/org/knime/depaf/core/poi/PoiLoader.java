package org.knime.depaf.core.poi;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

import org.knime.depaf.core.image.ImageStack;
import org.knime.depaf.core.image.StackFiles;

/**
 * Loads a POI from a TIFF or MAT file (method spec §2.1) and checks it against the data.
 *
 * <p>Interpretation of the frames of the file:
 * <ul>
 * <li>width 1: a 1-D pattern ({@link Poi.Kind#TRACE_1D}), one channel per frame;</li>
 * <li>height 1 and width &gt; 1: a row pattern, turned into a column (DEPAF's 1-D convention is columns: time
 * runs along y), also TRACE_1D; the POI's source says "(row turned into a column)";</li>
 * <li>otherwise one frame: a 2-D pattern ({@link Poi.Kind#PATTERN_2D});</li>
 * <li>otherwise several frames: an ordered z-stack ({@link Poi.Kind#Z_STACK}), frame k at z_k, spaced by the
 * given z step.</li>
 * </ul>
 * Every value must be finite and the POI must not be flat (every slice constant, e.g. all zero). Stateless.
 */
public final class PoiLoader {

    private PoiLoader() {
    }

    /**
     * @param file a .tif/.tiff or .mat file
     * @param zStepNm spacing of the slices of a z-stack in nm (NaN if unknown; ignored for a single frame)
     * @return the POI, its source the file path
     * @throws IOException if the file cannot be read, or its values are not finite, or it is flat; the message
     *             names the file (and the slice and pixel of a bad value)
     */
    public static Poi load(final Path file, final double zStepNm) throws IOException {
        Objects.requireNonNull(file, "POI file");
        final ImageStack stack = StackFiles.read(file);
        try {
            return fromStack(stack, zStepNm);
        } catch (final IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /**
     * Interprets an in-memory stack as a POI, as {@link #load}.
     *
     * @throws IllegalArgumentException if a value is not finite (naming the source, slice and pixel), the POI is
     *             flat, or the z step is not positive
     */
    public static Poi fromStack(final ImageStack stack, final double zStepNm) {
        Objects.requireNonNull(stack, "POI stack");
        final String src = stack.source();
        final float[] px = stack.pixels();
        final int h = stack.height();
        final int w = stack.width();
        final int n = stack.frames();
        for (int i = 0; i < px.length; i++) {
            if (!Float.isFinite(px[i])) {
                final int plane = h * w;
                throw new IllegalArgumentException(src + ": POI slice " + (i / plane + 1) + ", pixel (x=" + (i % w)
                    + ", y=" + (i % plane / w) + ") is " + px[i] + "; every POI value must be a finite number");
            }
        }
        boolean flat = true;
        for (int f = 0; f < n && flat; f++) {
            final float first = px[f * h * w];
            for (int i = f * h * w; i < (f + 1) * h * w; i++) {
                if (px[i] != first) {
                    flat = false;
                    break;
                }
            }
        }
        if (flat) {
            throw new IllegalArgumentException(src + ": the POI is flat (every slice is constant"
                + (px[0] == 0 ? ", all zero" : "") + "); a POI must contain a pattern");
        }
        if (n > 1 && w > 1 && h > 1 && !(Double.isNaN(zStepNm) || zStepNm > 0 && Double.isFinite(zStepNm))) {
            throw new IllegalArgumentException("The POI z step must be a positive number of nm (or unknown), got "
                + zStepNm);
        }
        if (w == 1) {
            return new Poi(px, n, h, 1, Poi.Kind.TRACE_1D, Double.NaN, Double.NaN, src);
        }
        if (h == 1) {
            // a row pattern: the same values, now read as a column of length w
            return new Poi(px, n, w, 1, Poi.Kind.TRACE_1D, Double.NaN, Double.NaN,
                src + " (row turned into a column)");
        }
        if (n == 1) {
            return new Poi(px, 1, h, w, Poi.Kind.PATTERN_2D, stack.pixelSizeNm(), Double.NaN, src);
        }
        return new Poi(px, n, h, w, Poi.Kind.Z_STACK, stack.pixelSizeNm(), zStepNm, src);
    }

    /**
     * Checks that the POI fits inside a frame.
     *
     * @param poi the POI
     * @param frameHeight frame rows (on the same grid as the POI)
     * @param frameWidth frame columns
     * @throws IllegalArgumentException naming both sizes
     */
    public static void requireFitsFrame(final Poi poi, final int frameHeight, final int frameWidth) {
        if (poi.height() > frameHeight || poi.width() > frameWidth) {
            throw new IllegalArgumentException("POI size " + poi.height() + " × " + poi.width()
                + " is larger than the frame " + frameHeight + " × " + frameWidth
                + ": the POI must fit inside a frame");
        }
    }

    /**
     * The shape-consistency rule of §2.1: the data has height 1 exactly when the POI has, and width 1 exactly
     * when the POI has.
     *
     * @throws IllegalArgumentException naming both shapes
     */
    public static void requireShapeConsistent(final Poi poi, final int dataHeight, final int dataWidth) {
        if ((dataHeight == 1) != (poi.height() == 1) || (dataWidth == 1) != (poi.width() == 1)) {
            throw new IllegalArgumentException("POI of " + poi.height() + " × " + poi.width()
                + " does not match data frames of " + dataHeight + " × " + dataWidth
                + ": the data has height (width) 1 exactly when the POI has; 1-D data (L × 1 traces) needs a "
                + "1-D POI (L × 1) and 2-D data a 2-D POI");
        }
    }
}
