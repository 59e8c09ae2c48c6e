package org.knime.depaf.core.loc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knime.depaf.core.image.ImageStack;
import org.knime.depaf.core.image.StackFiles;

class SuperResolutionRendererTest {

    @TempDir
    Path dir;

    private static LocalisationTable random(final int n, final double extent, final long seed) {
        final SplittableRandom rng = new SplittableRandom(seed);
        final LocalisationTable.Builder b = LocalisationTable.builder(100);
        for (int i = 0; i < n; i++) {
            b.add(1 + i % 5, rng.nextDouble() * extent - 200, rng.nextDouble() * extent - 200)
                .uncertainty(10 + rng.nextDouble() * 20);
        }
        return b.build();
    }

    @Test
    void histogramCountsSumToTheLocalisationsInsideTheField() {
        final LocalisationTable t = random(5000, 6800, 1);
        final SuperResolutionRenderer r = SuperResolutionRenderer.forCamera(64, 64, 100, 10);
        final ImageStack img = r.histogram(t);
        assertEquals(640, img.width());
        assertEquals(10, img.pixelSizeNm(), 1e-12);
        long inside = 0;
        for (int i = 0; i < t.size(); i++) {
            inside += t.x(i) >= 0 && t.x(i) < 6400 && t.y(i) >= 0 && t.y(i) < 6400 ? 1 : 0;
        }
        double sum = 0;
        for (final float v : img.pixels()) {
            sum += v;
        }
        assertTrue(inside < t.size());
        assertEquals(inside, sum);
    }

    @Test
    void histogramPutsALocalisationInTheRenderPixelThatContainsIt() {
        final LocalisationTable t = LocalisationTable.builder(100).add(1, 25, 5).add(1, 29.999, 0).add(1, 30, 0)
            .add(1, 99.99, 49.99).add(1, 100, 10).build();
        final ImageStack img = new SuperResolutionRenderer(100, 50, 10).histogram(t);
        assertEquals(2, img.get(0, 0, 2));
        assertEquals(1, img.get(0, 0, 3));
        assertEquals(1, img.get(0, 4, 9));
        double sum = 0;
        for (final float v : img.pixels()) {
            sum += v;
        }
        assertEquals(4, sum, "x = 100 nm is outside the 100 nm field");
    }

    @Test
    void gaussianRenderingIntegratesToTheCount() {
        final LocalisationTable t = random(300, 4000, 2).filter(i -> true);
        // keep the spots well inside so no tail is cut: shift by 1000 nm
        final double[] x = t.column(LocalisationTable.Column.X);
        final double[] y = t.column(LocalisationTable.Column.Y);
        for (int i = 0; i < x.length; i++) {
            x[i] += 1200;
            y[i] += 1200;
        }
        final LocalisationTable inner = LocalisationTable.of(100, t.frames(), x, y)
            .withColumn(LocalisationTable.Column.UNCERTAINTY, t.column(LocalisationTable.Column.UNCERTAINTY));
        final SuperResolutionRenderer r = new SuperResolutionRenderer(6400, 6400, 10);
        for (final double sigma : new double[] {Double.NaN, 25, 3}) {
            double sum = 0;
            for (final float v : r.gaussian(inner, sigma).pixels()) {
                sum += v;
            }
            assertEquals(300, sum, 300 * 1e-4, "σ " + sigma);
        }
    }

    @Test
    void gaussianSpotIsCentredOnTheLocalisation() {
        final LocalisationTable t = LocalisationTable.builder(100).add(1, 333, 517).build();
        final ImageStack img = new SuperResolutionRenderer(1000, 1000, 10).gaussian(t, 30);
        double s = 0;
        double cx = 0;
        double cy = 0;
        for (int yy = 0; yy < 100; yy++) {
            for (int xx = 0; xx < 100; xx++) {
                final double v = img.get(0, yy, xx);
                s += v;
                cx += v * (xx + 0.5) * 10;
                cy += v * (yy + 0.5) * 10;
            }
        }
        assertEquals(333, cx / s, 0.01);
        assertEquals(517, cy / s, 0.01);
    }

    @Test
    void gaussianWithoutUncertaintyAsksForASigma() {
        final LocalisationTable t = LocalisationTable.builder(100).add(1, 5, 5).build();
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> new SuperResolutionRenderer(100, 100, 10).gaussian(t, Double.NaN));
        assertTrue(e.getMessage().contains("uncertainty"), e.getMessage());
    }

    @Test
    void aRowWithoutUncertaintyIsDrawnWithTheMedianOfTheOthers() {
        // a failed fit keeps DEPAF's position without an uncertainty; it must render like its neighbours
        final LocalisationTable t = LocalisationTable.builder(100).add(1, 200, 200).uncertainty(20)
            .add(1, 500, 500).uncertainty(20).add(1, 800, 800).uncertainty(40).add(1, 500, 200).build();
        final SuperResolutionRenderer r = new SuperResolutionRenderer(1000, 1000, 10);
        final ImageStack withMissing = r.gaussian(t, Double.NaN);
        final ImageStack alone = r.gaussian(LocalisationTable.builder(100).add(1, 500, 200).uncertainty(20).build(),
            Double.NaN);
        // the row without uncertainty (at 500, 200) looks exactly like one with σ = 20 nm, the median
        assertEquals(alone.get(0, 20, 50), withMissing.get(0, 20, 50), 1e-6);
        assertEquals(alone.get(0, 22, 52), withMissing.get(0, 22, 52), 1e-6);
    }

    @Test
    void writesPngAndFloatTiff() throws IOException {
        final ImageStack img = SuperResolutionRenderer.forCamera(16, 12, 100, 4).gaussian(random(100, 1600, 4), 20);
        for (final ColorMap m : ColorMap.values()) {
            final Path png = dir.resolve("render-" + m + ".png");
            RenderImages.writePng(png, img, m, 0, 99.5);
            final BufferedImage back = ImageIO.read(png.toFile());
            assertEquals(64, back.getWidth());
            assertEquals(48, back.getHeight());
        }
        final Path tif = dir.resolve("render.tif");
        RenderImages.writeTiff(tif, img);
        final ImageStack back = StackFiles.read(tif);
        assertArrayEquals(img.pixels(), back.pixels());
        assertEquals(25, back.pixelSizeNm(), 1e-6);
    }

    @Test
    void displayRangeIgnoresEmptyPixels() {
        final float[] p = new float[1000];
        for (int i = 0; i < 100; i++) {
            p[i] = i + 1;
        }
        final double[] r = RenderImages.displayRange(p, 0, 90);
        assertEquals(0, r[0]);
        assertEquals(90, r[1]);
        assertArrayEquals(new double[] {0, 1}, RenderImages.displayRange(new float[10], 0, 99));
    }

    @Test
    void colourMapsRunFromDarkToBright() {
        for (final ColorMap m : ColorMap.values()) {
            assertTrue(luma(m.rgb(0)) < 10 && luma(m.rgb(1)) > 200, m.name());
            double last = -1;
            for (double t = 0; t <= 1; t += 0.05) {
                final double l = luma(m.rgb(t));
                assertTrue(l >= last - 3, m + " brightness increases at " + t);
                last = l;
            }
        }
        assertEquals(ColorMap.GREY, ColorMap.parse("Gray"));
        assertThrows(IllegalArgumentException.class, () -> ColorMap.parse("jet"));
    }

    private static double luma(final int rgb) {
        return 0.299 * (rgb >> 16 & 255) + 0.587 * (rgb >> 8 & 255) + 0.114 * (rgb & 255);
    }
}
