package org.knime.depaf.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.knime.depaf.core.image.TiffStackFilesTest.assertSamePixels;
import static org.knime.depaf.core.image.TiffStackFilesTest.positions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StackFilesTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"a.tif", "b.TIF", "c.Tiff", "d.tiff", "e.mat", "f.MAT"})
    void extensionsAreCaseInsensitive(final String name) throws IOException {
        final ImageStack stack = positions(2, 3, 4);
        final Path file = dir.resolve(name);
        StackFiles.write(file, stack);
        assertTrue(StackFiles.isSupported(file));
        assertSamePixels(stack, StackFiles.read(file));
    }

    @Test
    void contentDecidesWhenTheExtensionLies() throws IOException {
        final ImageStack stack = positions(2, 3, 4);
        final Path tiff = dir.resolve("real.tif");
        StackFiles.write(tiff, stack);
        final Path lyingMat = dir.resolve("actually-a-tiff.mat");
        Files.move(tiff, lyingMat);
        assertSamePixels(stack, StackFiles.read(lyingMat));
        final Path mat = dir.resolve("real.mat");
        StackFiles.write(mat, stack);
        final Path lyingTif = dir.resolve("actually-a-mat.tif");
        Files.move(mat, lyingTif);
        assertSamePixels(stack, StackFiles.read(lyingTif));
    }

    @Test
    void unknownExtensionIsRefusedListingTheSupportedFormats() throws IOException {
        final Path png = dir.resolve("image.png");
        final IllegalArgumentException w =
            assertThrows(IllegalArgumentException.class, () -> StackFiles.write(png, positions(1, 2, 2)));
        assertTrue(w.getMessage().contains(png.toString()) && w.getMessage().contains(".tif")
            && w.getMessage().contains(".mat"), w.getMessage());
        assertFalse(Files.exists(png));
        Files.write(png, new byte[]{(byte)0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13});
        final IOException r = assertThrows(IOException.class, () -> StackFiles.open(png));
        assertTrue(r.getMessage().contains(png.toString()) && r.getMessage().contains("\".png\"")
            && r.getMessage().contains(".tif") && r.getMessage().contains(".mat"), r.getMessage());
    }

    @Test
    void missingFileIsReportedNamingTheFile() {
        final Path missing = dir.resolve("missing.tif");
        final IOException e = assertThrows(IOException.class, () -> StackFiles.read(missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void emptyFileAndFolderAreReportedNamingThem() throws IOException {
        final Path empty = dir.resolve("empty.mat");
        Files.createFile(empty);
        final IOException e = assertThrows(IOException.class, () -> StackFiles.read(empty));
        assertTrue(e.getMessage().contains(empty.toString()) && e.getMessage().contains("empty"), e.getMessage());
        final Path folder = Files.createDirectory(dir.resolve("folder.tif"));
        final IOException f = assertThrows(IOException.class, () -> StackFiles.read(folder));
        assertTrue(f.getMessage().contains(folder.toString()) && f.getMessage().contains("not a file"),
            f.getMessage());
    }

    @Test
    void matFileWithoutMatlabHeaderIsRefused() throws IOException {
        final Path file = dir.resolve("fake.mat");
        Files.writeString(file, "x = 1\n".repeat(50));
        final IOException e = assertThrows(IOException.class, () -> StackFiles.read(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("not a MATLAB file"),
            e.getMessage());
    }

    @Test
    void readsAFrameRangeDirectly() throws IOException {
        final ImageStack stack = positions(8, 3, 5);
        for (final String name : new String[]{"r.tif", "r.mat"}) {
            final Path file = dir.resolve(name);
            StackFiles.write(file, stack);
            assertSamePixels(stack.subStack(2, 4), StackFiles.read(file, 2, 4));
            assertThrows(IllegalArgumentException.class, () -> StackFiles.read(file, 6, 3));
        }
    }

    @Test
    void inMemorySourceServesFrameRanges() {
        final ImageStack stack = positions(4, 2, 3);
        try (InMemoryFrameSource source = new InMemoryFrameSource(stack)) {
            assertEquals(4, source.frames());
            assertSamePixels(stack.subStack(1, 2), source.read(1, 2));
            assertTrue(stack == source.readAll());
        }
    }
}
