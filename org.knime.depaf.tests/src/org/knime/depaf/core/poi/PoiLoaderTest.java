package org.knime.depaf.core.poi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knime.depaf.core.image.ImageStack;
import org.knime.depaf.core.image.StackFiles;

class PoiLoaderTest {

    @TempDir
    Path dir;

    private Path write(final String name, final float[] px, final int frames, final int h, final int w)
        throws IOException {
        final Path f = dir.resolve(name);
        StackFiles.write(f, new ImageStack(px, frames, h, w, 100, name));
        return f;
    }

    private static float[] ramp(final int n) {
        final float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (i * 7) % 11;
        }
        return v;
    }

    @Test
    void readsOneFrameAsA2dPattern() throws IOException {
        final Poi p = PoiLoader.load(write("psf.tif", ramp(25), 1, 5, 5), Double.NaN);
        assertEquals(Poi.Kind.PATTERN_2D, p.kind());
        assertEquals(5, p.height());
        assertEquals(100, p.pixelSizeNm(), 1e-6);
        assertEquals(ramp(25)[7], p.get(0, 1, 2), 0);
    }

    @Test
    void readsSeveralFramesAsAnOrderedZStack() throws IOException {
        final Poi p = PoiLoader.load(write("stack.tif", ramp(3 * 25), 3, 5, 5), 10);
        assertEquals(Poi.Kind.Z_STACK, p.kind());
        assertEquals(3, p.channels());
        assertEquals(10, p.zStepNm(), 0);
        assertEquals(ramp(75)[2 * 25 + 7], p.get(2, 1, 2), 0);
    }

    @Test
    void readsColumnsAndRowsAsOneDimensionalPatterns() {
        final Poi col = PoiLoader.fromStack(new ImageStack(ramp(9), 1, 9, 1, Double.NaN, "col.tif"), Double.NaN);
        assertEquals(Poi.Kind.TRACE_1D, col.kind());
        assertEquals(9, col.height());
        final Poi row = PoiLoader.fromStack(new ImageStack(ramp(9), 1, 1, 9, Double.NaN, "row.tif"), Double.NaN);
        assertEquals(Poi.Kind.TRACE_1D, row.kind());
        assertEquals(9, row.height());
        assertEquals(1, row.width());
        assertEquals(ramp(9)[4], row.get(0, 4, 0), 0);
        assertTrue(row.source().contains("row turned into a column"), row.source());
    }

    @Test
    void refusesNonFiniteValuesNamingFileSliceAndPixel() throws IOException {
        final float[] v = ramp(2 * 12);
        v[12 + 5] = Float.NaN;
        final Path f = write("bad.tif", v, 2, 3, 4);
        final IOException e = assertThrows(IOException.class, () -> PoiLoader.load(f, 10));
        assertTrue(e.getMessage().contains("bad.tif") && e.getMessage().contains("slice 2")
            && e.getMessage().contains("x=1, y=1"), e.getMessage());
    }

    @Test
    void refusesAFlatPoi() {
        final ImageStack zero = new ImageStack(new float[16], 1, 4, 4, Double.NaN, "zero.tif");
        final IllegalArgumentException e =
            assertThrows(IllegalArgumentException.class, () -> PoiLoader.fromStack(zero, Double.NaN));
        assertTrue(e.getMessage().contains("the POI is flat") && e.getMessage().contains("zero.tif"),
            e.getMessage());
    }

    @Test
    void checksThatThePoiFitsTheFrame() {
        final Poi p = GaussianPoi.ofSigma(11.5, 71, GaussianPoi.Sampling.POINT_SAMPLED);
        PoiLoader.requireFitsFrame(p, 71, 80);
        final IllegalArgumentException e =
            assertThrows(IllegalArgumentException.class, () -> PoiLoader.requireFitsFrame(p, 64, 64));
        assertTrue(e.getMessage().contains("71 × 71") && e.getMessage().contains("64 × 64"), e.getMessage());
    }

    @Test
    void checksShapeConsistencyBetweenDataAndPoi() {
        final Poi spike = SpikePoi.exponential(3);
        PoiLoader.requireShapeConsistent(spike, 1024, 1);
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> PoiLoader.requireShapeConsistent(spike, 64, 64));
        assertTrue(e.getMessage().contains("64 × 64"), e.getMessage());
        final Poi psf = GaussianPoi.ofSigma(1, 0, GaussianPoi.Sampling.POINT_SAMPLED);
        assertThrows(IllegalArgumentException.class, () -> PoiLoader.requireShapeConsistent(psf, 1024, 1));
        PoiLoader.requireShapeConsistent(psf, 64, 48);
    }
}
