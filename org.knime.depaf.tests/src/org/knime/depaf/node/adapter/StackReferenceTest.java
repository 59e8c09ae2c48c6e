package org.knime.depaf.node.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knime.depaf.core.image.FrameSource;
import org.knime.depaf.core.image.ImageStack;
import org.knime.depaf.core.image.StackFiles;

class StackReferenceTest {

    @TempDir
    Path dir;

    /** A 10-frame 4 × 5 stack whose pixel (f, y, x) is 100 f + 10 y + x. */
    private Path writeStack(final double pixelSizeNm) throws IOException {
        final float[] px = new float[10 * 4 * 5];
        for (int f = 0; f < 10; f++) {
            for (int y = 0; y < 4; y++) {
                for (int x = 0; x < 5; x++) {
                    px[(f * 4 + y) * 5 + x] = 100 * f + 10 * y + x;
                }
            }
        }
        final Path file = dir.resolve("stack.tif");
        StackFiles.write(file, new ImageStack(px, 10, 4, 5, pixelSizeNm, "test"));
        return file;
    }

    @Test
    void roundTripsThroughTextEntries() throws IOException {
        final StackReference r = new StackReference("/data/a b.tif", false, 3, 20, 64, 48, 107.5, "a b (frames 4 to 23)");
        assertEquals(r, StackReference.fromMap(PropertiesText.read(PropertiesText.write(r.toMap()))));
        final StackReference unknown = new StackReference("bg.tif", true, 0, 0, 0, 0, Double.NaN, "background");
        assertEquals(unknown, StackReference.fromMap(unknown.toMap()));
        assertFalse(unknown.isSizeKnown());
    }

    @Test
    void readerOptionsReferenceAFrameRangeWithTheFilesPixelSize() throws IOException {
        final Path file = writeStack(160);
        final StackReference r = new StackReaderOptions(file.toString(), 3, 4, 0).reference();
        assertEquals(2, r.firstFrame());
        assertEquals(4, r.frames());
        assertEquals(4, r.height());
        assertEquals(5, r.width());
        assertEquals(160, r.pixelSizeNm(), 1e-9);
        try (FrameSource s = r.open(Path.of(r.file()))) {
            assertEquals(4, s.frames());
            final ImageStack first = s.read(0, 1);
            assertEquals(200 + 10 + 3, first.get(0, 1, 3));
            assertEquals(160, first.pixelSizeNm(), 1e-9);
            assertThrows(IllegalArgumentException.class, () -> s.read(3, 2));
        }
    }

    @Test
    void aSetPixelSizeOverridesTheFiles() throws IOException {
        final Path file = writeStack(160);
        final StackReference r = new StackReaderOptions(file.toString(), 1, 0, 100).reference();
        assertEquals(10, r.frames());
        try (FrameSource s = r.open(file)) {
            assertEquals(100, s.pixelSizeNm());
            assertEquals(100, s.read(9, 1).pixelSizeNm());
        }
    }

    @Test
    void refusesAFirstFrameBeyondTheStackSayingHowManyFramesItHas() throws IOException {
        final Path file = writeStack(Double.NaN);
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> new StackReaderOptions(file.toString(), 11, 0, 0).reference());
        assertEquals("First frame 11 is beyond the 10 frames of " + file + "; enter a frame between 1 and 10",
            e.getMessage());
    }

    @Test
    void refusesTooManyFrames() throws IOException {
        final Path file = writeStack(Double.NaN);
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> new StackReaderOptions(file.toString(), 5, 7, 0).reference());
        assertEquals("Number of frames 7 from frame 5 goes beyond the 10 frames of " + file + "; enter at most 6, or 0 "
            + "for all", e.getMessage());
    }

    @Test
    void validatesReaderOptionsWithMessagesThatSayWhatToChange() {
        assertEquals("Stack file: enter the path of a TIFF (.tif, .tiff) or MATLAB (.mat) file",
            assertThrows(IllegalArgumentException.class, () -> StackReaderOptions.defaults().validate()).getMessage());
        assertEquals("Stack file: x.png is neither a TIFF (.tif, .tiff) nor a MATLAB (.mat) file; choose one of these",
            assertThrows(IllegalArgumentException.class, () -> new StackReaderOptions("x.png", 1, 0, 0).validate())
                .getMessage());
        assertEquals("First frame must be ≥ 1 (frames are counted from 1); it is 0",
            assertThrows(IllegalArgumentException.class, () -> new StackReaderOptions("x.tif", 0, 0, 0).validate())
                .getMessage());
    }

    @Test
    void reportsAMissingFileByName() {
        final Path missing = dir.resolve("missing.tif");
        final IOException e =
            assertThrows(IOException.class, () -> new StackReaderOptions(missing.toString(), 1, 0, 0).reference());
        assertTrue(e.getMessage().contains(missing.toString()));
    }
}
