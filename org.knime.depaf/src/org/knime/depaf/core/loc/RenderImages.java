package org.knime.depaf.core.loc;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

import javax.imageio.ImageIO;

import org.knime.depaf.core.image.ImageStack;
import org.knime.depaf.core.image.StackFiles;
import org.knime.depaf.core.image.TiffBitDepth;
import org.knime.depaf.core.util.AtomicFiles;

/**
 * Files of rendered images: PNG with percentile-based contrast and a colour map, and 32-bit float TIFF (exact
 * values, with the render pixel size). Files are replaced atomically. Stateless, thread-safe.
 */
public final class RenderImages {

    private RenderImages() {
    }

    /**
     * The display range of an image: {@code low} = the {@code lowPercentile} of all pixels; {@code high} = the
     * {@code highPercentile} of the pixels above {@code low} (rendered localisations leave most pixels empty, so
     * a percentile of all pixels would often be 0), or the maximum when no pixel is above {@code low}.
     * Percentiles use the nearest rank; NaN pixels are ignored.
     *
     * @return {low, high}
     */
    public static double[] displayRange(final float[] pixels, final double lowPercentile,
        final double highPercentile) {
        if (!(lowPercentile >= 0 && lowPercentile <= highPercentile && highPercentile <= 100)) {
            throw new IllegalArgumentException("Percentiles must satisfy 0 ≤ low ≤ high ≤ 100, got " + lowPercentile
                + " and " + highPercentile);
        }
        float[] v = new float[pixels.length];
        int n = 0;
        for (final float p : pixels) {
            if (!Float.isNaN(p)) {
                v[n++] = p;
            }
        }
        v = Arrays.copyOf(v, n);
        Arrays.sort(v);
        if (v.length == 0) {
            return new double[] {0, 1};
        }
        final double low = v[rank(v.length, lowPercentile)];
        int first = Arrays.binarySearch(v, Math.nextUp((float)low));
        first = first < 0 ? -first - 1 : first;
        while (first > 0 && v[first - 1] > low) {
            first--;
        }
        final double high = first >= v.length ? v[v.length - 1]
            : v[first + rank(v.length - first, highPercentile)];
        return new double[] {low, high > low ? high : low + 1};
    }

    private static int rank(final int n, final double pct) {
        return Math.max(0, Math.min(n - 1, (int)Math.ceil(pct / 100 * n) - 1));
    }

    /**
     * @return frame 0 of the stack as an RGB image, values mapped linearly from [low, high] to [0, 1] and coloured
     */
    public static BufferedImage toImage(final ImageStack image, final ColorMap map, final double low,
        final double high) {
        final int w = image.width();
        final int h = image.height();
        final float[] p = image.pixels();
        final BufferedImage out = new BufferedImage(w, h,
            map == ColorMap.GREY ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        final double scale = high > low ? 1 / (high - low) : 1;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                final int rgb = map.rgb((p[y * w + x] - low) * scale);
                if (map == ColorMap.GREY) {
                    // raster access: setRGB on a grey image would apply a colour-space conversion
                    out.getRaster().setSample(x, y, 0, rgb & 255);
                } else {
                    out.setRGB(x, y, rgb);
                }
            }
        }
        return out;
    }

    /**
     * Writes frame 0 as a PNG (8-bit grey for {@link ColorMap#GREY}, RGB otherwise), contrast from
     * {@link #displayRange} with the given percentiles (e.g. 0 and 99.5).
     *
     * @throws IOException naming the file if it cannot be written
     */
    public static void writePng(final Path file, final ImageStack image, final ColorMap map,
        final double lowPercentile, final double highPercentile) throws IOException {
        final float[] frame = image.frame(0);
        final double[] range = displayRange(frame, lowPercentile, highPercentile);
        final BufferedImage img = toImage(image, map, range[0], range[1]);
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(img, "png", out)) {
                throw new IOException(file + ": no PNG writer available in this Java runtime");
            }
        });
    }

    /**
     * Writes the image as a 32-bit float TIFF with its (render) pixel size, values exact.
     *
     * @throws IOException naming the file if it cannot be written
     */
    public static void writeTiff(final Path file, final ImageStack image) throws IOException {
        StackFiles.write(file, image, TiffBitDepth.FLOAT32);
    }
}
