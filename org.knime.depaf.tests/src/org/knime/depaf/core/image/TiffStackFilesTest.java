package org.knime.depaf.core.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.imageio.IIOImage;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.twelvemonkeys.imageio.plugins.tiff.BigTIFFImageWriterSpi;
import com.twelvemonkeys.imageio.plugins.tiff.TIFFImageWriterSpi;

import ij.ImagePlus;
import ij.io.FileSaver;
import ij.io.Opener;
import ij.measure.Calibration;
import ij.process.FloatProcessor;

class TiffStackFilesTest {

    @TempDir
    Path dir;

    /** 3 frames × 5 rows × 7 columns, value f·100 + y·10 + x, so every position is recognisable. */
    static ImageStack positions(final int frames, final int height, final int width) {
        final float[] p = new float[frames * height * width];
        for (int f = 0; f < frames; f++) {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    p[(f * height + y) * width + x] = f * 100 + y * 10 + x;
                }
            }
        }
        return new ImageStack(p, frames, height, width, Double.NaN, "positions");
    }

    /** Random values exactly representable at the given depth (floats include negatives, NaN and infinities). */
    static ImageStack random(final TiffBitDepth depth, final int frames, final int height, final int width,
        final long seed) {
        final SplittableRandom r = new SplittableRandom(seed);
        final float[] p = new float[frames * height * width];
        for (int i = 0; i < p.length; i++) {
            switch (depth) {
                case UINT8:
                    p[i] = r.nextInt(256);
                    break;
                case UINT16:
                    p[i] = r.nextInt(65536);
                    break;
                default:
                    p[i] = (float)((r.nextDouble() - 0.3) * Math.pow(10, r.nextInt(-6, 7)));
            }
        }
        if (depth == TiffBitDepth.UINT16) {
            p[0] = 65535;
            p[1] = 0;
        }
        if (depth == TiffBitDepth.FLOAT32) {
            p[0] = Float.NaN;
            p[1] = Float.POSITIVE_INFINITY;
            p[2] = -0f;
            p[3] = Float.MIN_VALUE;
        }
        return new ImageStack(p, frames, height, width, Double.NaN, "random");
    }

    static void assertSamePixels(final ImageStack expected, final ImageStack actual) {
        assertEquals(expected.frames(), actual.frames(), "frames");
        assertEquals(expected.height(), actual.height(), "height");
        assertEquals(expected.width(), actual.width(), "width");
        final float[] e = expected.pixels();
        final float[] a = actual.pixels();
        for (int i = 0; i < e.length; i++) {
            if (Float.floatToIntBits(e[i]) != Float.floatToIntBits(a[i])) {
                final int f = i / expected.frameSize();
                throw new AssertionError("pixel " + i + " (frame " + f + ", y " + i % expected.frameSize()
                    / expected.width() + ", x " + i % expected.width() + "): expected " + e[i] + ", got " + a[i]);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TiffBitDepth.class)
    void roundTripsEveryPixelExactly(final TiffBitDepth depth) throws IOException {
        final ImageStack stack = random(depth, 4, 9, 13, 42);
        final Path file = dir.resolve("stack.tif");
        StackFiles.write(file, stack, depth);
        assertSamePixels(stack, StackFiles.read(file));
    }

    @ParameterizedTest
    @EnumSource(TiffBitDepth.class)
    void rowsAreTheImageHeightForNonSquareFrames(final TiffBitDepth depth) throws IOException {
        final ImageStack stack = positions(3, 5, 7);
        final Path file = dir.resolve("nonsquare.tif");
        StackFiles.write(file, stack, depth);
        try (FrameSource source = StackFiles.open(file)) {
            assertEquals(3, source.frames());
            assertEquals(5, source.height());
            assertEquals(7, source.width());
            final ImageStack read = source.readAll();
            assertEquals(5, read.height());
            assertEquals(7, read.width());
            assertEquals(0f, read.get(0, 0, 0));
            assertEquals(6f, read.get(0, 0, 6));
            assertEquals(40f, read.get(0, 4, 0));
            assertEquals(246f, read.get(2, 4, 6));
            assertEquals(213f, read.get(2, 1, 3));
        }
        final ImagePlus imp = new Opener().openImage(file.toString());
        assertEquals(7, imp.getWidth());
        assertEquals(5, imp.getHeight());
    }

    @Test
    void integerDepthsRoundAndClampValues() throws IOException {
        final float[] p = {-3f, 0.4f, 0.5f, 1.5f, 254.6f, 65535.4f, 70000f, Float.NaN, Float.NEGATIVE_INFINITY};
        final ImageStack stack = new ImageStack(p, 1, 1, p.length, Double.NaN, "values");
        final Path file16 = dir.resolve("u16.tif");
        StackFiles.write(file16, stack, TiffBitDepth.UINT16);
        assertArrayEquals(new float[]{0, 0, 1, 2, 255, 65535, 65535, 0, 0}, StackFiles.read(file16).pixels());
        final Path file8 = dir.resolve("u8.tif");
        StackFiles.write(file8, stack, TiffBitDepth.UINT8);
        assertArrayEquals(new float[]{0, 0, 1, 2, 255, 255, 255, 0, 0}, StackFiles.read(file8).pixels());
    }

    @ParameterizedTest
    @ValueSource(strings = {"imagej", "plain", "strips", "bigtiff", "tiled"})
    void frameRangesEqualTheFramesOfTheFullRead(final String layout) throws IOException {
        final ImageStack stack = random(TiffBitDepth.UINT16, 20, 11, 19, 7);
        final Path file = dir.resolve(layout + ".tif");
        switch (layout) {
            case "imagej":
                StackFiles.write(file, stack, TiffBitDepth.UINT16);
                break;
            case "plain":
                Files.write(file, new TiffBytes(false, ByteOrder.BIG_ENDIAN, 16, TiffBytes.UINT).write(stack));
                break;
            case "strips":
                Files.write(file, new TiffBytes(false, ByteOrder.LITTLE_ENDIAN, 16, TiffBytes.UINT).rowsPerStrip(3)
                    .write(stack));
                break;
            case "bigtiff":
                Files.write(file, new TiffBytes(true, ByteOrder.LITTLE_ENDIAN, 16, TiffBytes.UINT).write(stack));
                break;
            default:
                Files.write(file, new TiffBytes(false, ByteOrder.LITTLE_ENDIAN, 16, TiffBytes.UINT).tiles(16, 16)
                    .write(stack));
        }
        try (FrameSource source = StackFiles.open(file)) {
            final ImageStack all = source.readAll();
            assertSamePixels(stack, all);
            for (final int[] range : new int[][]{{0, 1}, {19, 1}, {3, 5}, {0, 20}, {10, 10}}) {
                assertSamePixels(all.subStack(range[0], range[1]), source.read(range[0], range[1]));
            }
            assertThrows(IllegalArgumentException.class, () -> source.read(18, 3));
            assertThrows(IllegalArgumentException.class, () -> source.read(-1, 1));
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {100, 107.5, 65.3, 160.123456})
    void pixelSizeRoundTrips(final double nm) throws IOException {
        final Path file = dir.resolve("calibrated.tif");
        StackFiles.write(file, positions(2, 4, 6).withPixelSize(nm), TiffBitDepth.FLOAT32);
        assertEquals(nm, StackFiles.read(file).pixelSizeNm(), 0);
        try (FrameSource source = StackFiles.open(file)) {
            assertEquals(nm, source.pixelSizeNm(), 0);
        }
    }

    @Test
    void unknownPixelSizeStaysUnknown() throws IOException {
        final Path file = dir.resolve("plain.tif");
        StackFiles.write(file, positions(2, 4, 6), TiffBitDepth.UINT16);
        assertTrue(Double.isNaN(StackFiles.read(file).pixelSizeNm()));
        final Path other = dir.resolve("other.tif");
        Files.write(other, new TiffBytes(false, ByteOrder.LITTLE_ENDIAN, 16, TiffBytes.UINT).write(positions(2, 4,
            6)));
        assertTrue(Double.isNaN(StackFiles.read(other).pixelSizeNm()));
    }

    @ParameterizedTest
    @EnumSource(TiffBitDepth.class)
    void imageJReadsWrittenStacksWithTheirPixelSize(final TiffBitDepth depth) throws IOException {
        final ImageStack stack = random(depth, 4, 6, 9, 3).withPixelSize(107.5);
        final Path file = dir.resolve("forImageJ.tif");
        StackFiles.write(file, stack, depth);
        final ImagePlus imp = new Opener().openImage(file.toString());
        assertEquals(4, imp.getStackSize());
        assertEquals(depth.bits(), imp.getBitDepth());
        final Calibration cal = imp.getCalibration();
        assertEquals(0.1075, cal.pixelWidth, 1e-12);
        assertEquals(0.1075, cal.pixelHeight, 1e-12);
        assertTrue(List.of("micron", "\u00b5m").contains(cal.getUnit()), cal.getUnit());
        for (int f = 0; f < 4; f++) {
            final float[] frame = (float[])imp.getStack().getProcessor(f + 1).convertToFloatProcessor().getPixels();
            final float[] expected = stack.frame(f);
            for (int i = 0; i < expected.length; i++) {
                assertEquals(Float.floatToIntBits(expected[i]), Float.floatToIntBits(frame[i]), "frame " + f + " i "
                    + i);
            }
        }
    }

    @Test
    void readsStacksSavedByImageJWithTheirCalibration() throws IOException {
        final ij.ImageStack ijStack = new ij.ImageStack(7, 5);
        final ImageStack expected = positions(3, 5, 7);
        for (int f = 0; f < 3; f++) {
            ijStack.addSlice(new FloatProcessor(7, 5, expected.frame(f)));
        }
        final ImagePlus imp = new ImagePlus("saved", ijStack);
        final Calibration cal = imp.getCalibration();
        cal.setUnit("nm");
        cal.pixelWidth = 160;
        cal.pixelHeight = 160;
        final Path file = dir.resolve("byImageJ.tif");
        assertTrue(new FileSaver(imp).saveAsTiffStack(file.toString()));
        final ImageStack read = StackFiles.read(file);
        assertSamePixels(expected, read);
        assertEquals(160, read.pixelSizeNm(), 1e-6);
    }

    @Test
    void readsSignedAndThirtyTwoBitIntegerPages() throws IOException {
        final float[] p = {-32768, -1, 0, 1, 32767, 12, -5, 7};
        final ImageStack stack = new ImageStack(p, 2, 2, 2, Double.NaN, "signed");
        final Path s16 = dir.resolve("s16.tif");
        Files.write(s16, new TiffBytes(false, ByteOrder.BIG_ENDIAN, 16, TiffBytes.INT).write(stack));
        assertSamePixels(stack, StackFiles.read(s16));
        final float[] q = {-2_000_000, -1, 0, 16_777_216, 5, 6, 7, 8};
        final ImageStack ints = new ImageStack(q, 2, 2, 2, Double.NaN, "int32");
        final Path s32 = dir.resolve("s32.tif");
        Files.write(s32, new TiffBytes(false, ByteOrder.LITTLE_ENDIAN, 32, TiffBytes.INT).write(ints));
        assertSamePixels(ints, StackFiles.read(s32));
        final Path u8 = dir.resolve("u8.tif");
        final ImageStack bytes = new ImageStack(new float[]{0, 255, 128, 7}, 1, 2, 2, Double.NaN, "u8");
        Files.write(u8, new TiffBytes(false, ByteOrder.LITTLE_ENDIAN, 8, TiffBytes.UINT).write(bytes));
        assertSamePixels(bytes, StackFiles.read(u8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bigtiff-uint16", "bigtiff-float", "tiled-uint16", "tiled-float", "tiled-bigtiff-float",
        "bigtiff-bigendian-strips"})
    void readsBigTiffAndTiledTiff(final String kind) throws IOException {
        final boolean isFloat = kind.contains("float");
        final ImageStack stack = random(isFloat ? TiffBitDepth.FLOAT32 : TiffBitDepth.UINT16, 3, 21, 37, 11);
        TiffBytes bytes = new TiffBytes(kind.contains("bigtiff"), kind.contains("bigendian") ? ByteOrder.BIG_ENDIAN
            : ByteOrder.LITTLE_ENDIAN, isFloat ? 32 : 16, isFloat ? TiffBytes.FLOAT : TiffBytes.UINT);
        if (kind.contains("tiled")) {
            bytes = bytes.tiles(16, 16);
        }
        if (kind.contains("strips")) {
            bytes = bytes.rowsPerStrip(4);
        }
        final Path file = dir.resolve(kind + ".tif");
        Files.write(file, bytes.write(stack));
        assertSamePixels(stack, StackFiles.read(file));
    }

    @Test
    void readsBigTiffWrittenByTwelveMonkeys() throws IOException {
        final ImageStack stack = random(TiffBitDepth.UINT16, 3, 5, 7, 5);
        final Path file = dir.resolve("tm-big.tif");
        final ImageWriter writer = new BigTIFFImageWriterSpi().createWriterInstance();
        writeWithImageIo(writer, file, stack);
        final byte[] head = Files.readAllBytes(file);
        assertEquals(43, head[2] + head[3], "BigTIFF version number");
        assertSamePixels(stack, StackFiles.read(file));
    }

    @Test
    void readsPlainMultiPageTiffWrittenByTwelveMonkeys() throws IOException {
        final ImageStack stack = random(TiffBitDepth.UINT16, 4, 5, 7, 6);
        final Path file = dir.resolve("tm.tif");
        writeWithImageIo(new TIFFImageWriterSpi().createWriterInstance(), file, stack);
        assertSamePixels(stack, StackFiles.read(file));
    }

    @ParameterizedTest
    @ValueSource(strings = {"LZW", "Deflate", "PackBits"})
    void readsCompressedMultiPageTiff(final String compression) throws IOException {
        final ImageStack stack = positions(4, 9, 13);
        final Path file = dir.resolve(compression + ".tif");
        writeWithImageIo(new TIFFImageWriterSpi().createWriterInstance(), file, stack, compression);
        try (FrameSource source = StackFiles.open(file)) {
            assertSamePixels(stack, source.readAll());
            assertSamePixels(stack.subStack(2, 2), source.read(2, 2));
        }
    }

    /**
     * 1-bit pages take other decoders than 8/16/32-bit ones (ImageJ's reader when uncompressed, the fallback reader
     * when compressed); later pages lie at later offsets, so a reader that skips to a page twice reads past it.
     */
    @ParameterizedTest
    @ValueSource(strings = {"none", "PackBits", "LZW", "Deflate"})
    void readsOneBitMultiPageTiffAsZerosAndOnes(final String compression) throws IOException {
        final int frames = 5;
        final int width = 21;
        final ImageWriter writer = new TIFFImageWriterSpi().createWriterInstance();
        final ImageWriteParam param = writer.getDefaultWriteParam();
        if (!"none".equals(compression)) {
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionType(compression);
        }
        final Path file = dir.resolve("bits-" + compression + ".tif");
        try (ImageOutputStream out = javax.imageio.ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            for (int f = 0; f < frames; f++) {
                final BufferedImage img = new BufferedImage(width, frames, BufferedImage.TYPE_BYTE_BINARY);
                for (int x = f; x < width; x += 2) {
                    img.getRaster().setSample(x, f, 0, 1); // frame f: every other pixel of row f, from column f
                }
                writer.writeToSequence(new IIOImage(img, null, null), param);
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
        final ImageStack read = StackFiles.read(file);
        assertEquals(frames, read.frames());
        for (int f = 0; f < frames; f++) {
            for (int y = 0; y < frames; y++) {
                for (int x = 0; x < width; x++) {
                    final boolean set = y == f && x >= f && (x - f) % 2 == 0;
                    assertEquals(set ? 1f : 0f, read.get(f, y, x), "frame " + f + ", y " + y + ", x " + x);
                }
            }
        }
    }

    private static void writeWithImageIo(final ImageWriter writer, final Path file, final ImageStack stack)
        throws IOException {
        writeWithImageIo(writer, file, stack, null);
    }

    private static void writeWithImageIo(final ImageWriter writer, final Path file, final ImageStack stack,
        final String compression) throws IOException {
        final ImageWriteParam param = writer.getDefaultWriteParam();
        if (compression != null) {
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionType(compression);
        }
        try (ImageOutputStream out = javax.imageio.ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            for (int f = 0; f < stack.frames(); f++) {
                final BufferedImage img =
                    new BufferedImage(stack.width(), stack.height(), BufferedImage.TYPE_USHORT_GRAY);
                for (int y = 0; y < stack.height(); y++) {
                    for (int x = 0; x < stack.width(); x++) {
                        img.getRaster().setSample(x, y, 0, (int)stack.get(f, y, x));
                    }
                }
                writer.writeToSequence(new IIOImage(img, null, null), param);
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
    }

    @Test
    void streamingWriterAppendsBatchesAndPublishesOnlyOnCommit() throws IOException {
        final ImageStack stack = random(TiffBitDepth.FLOAT32, 10, 6, 8, 9).withPixelSize(100);
        final Path file = dir.resolve("streamed.tif");
        try (TiffStackWriter writer = StackFiles.openTiffWriter(file, 6, 8, 100, TiffBitDepth.FLOAT32)) {
            writer.append(stack.subStack(0, 4));
            writer.append(stack.subStack(4, 1));
            writer.append(stack.subStack(5, 5));
            assertFalse(Files.exists(file), "nothing appears under the target name before commit");
            assertEquals(10, writer.frames());
            writer.commit();
        }
        final ImageStack read = StackFiles.read(file);
        assertSamePixels(stack, read);
        assertEquals(100, read.pixelSizeNm(), 0);
        assertEquals(List.of(file), listing());
        assertEquals(10, new Opener().openImage(file.toString()).getStackSize());
    }

    @Test
    void streamingWriterClosedWithoutCommitLeavesNothingAndKeepsTheOldFile() throws IOException {
        final Path file = dir.resolve("old.tif");
        final ImageStack old = positions(2, 3, 4);
        StackFiles.write(file, old, TiffBitDepth.UINT16);
        final byte[] before = Files.readAllBytes(file);
        assertThrows(IllegalStateException.class, () -> {
            try (TiffStackWriter writer = StackFiles.openTiffWriter(file, 3, 4, Double.NaN, TiffBitDepth.UINT16)) {
                writer.append(positions(5, 3, 4));
                throw new IllegalStateException("simulated failure during prediction");
            }
        });
        assertArrayEquals(before, Files.readAllBytes(file));
        assertEquals(List.of(file), listing());
        final Path fresh = dir.resolve("fresh.tif");
        try (TiffStackWriter writer = StackFiles.openTiffWriter(fresh, 3, 4, Double.NaN, TiffBitDepth.UINT16)) {
            writer.append(positions(1, 3, 4));
        }
        assertFalse(Files.exists(fresh));
        assertEquals(List.of(file), listing());
    }

    @Test
    void streamingWriterRejectsFramesOfAnotherSizeAndUseAfterCommit() throws IOException {
        final Path file = dir.resolve("s.tif");
        try (TiffStackWriter writer = StackFiles.openTiffWriter(file, 3, 4, Double.NaN, TiffBitDepth.UINT16)) {
            final IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> writer.append(positions(1, 4, 3)));
            assertTrue(e.getMessage().contains("4 × 3") && e.getMessage().contains("3 × 4"), e.getMessage());
            assertThrows(IllegalStateException.class, writer::commit, "no frames yet");
        }
        try (TiffStackWriter writer = StackFiles.openTiffWriter(file, 3, 4, Double.NaN, TiffBitDepth.UINT16)) {
            writer.append(positions(1, 3, 4));
            writer.commit();
            assertThrows(IllegalStateException.class, () -> writer.append(positions(1, 3, 4)));
        }
        assertEquals(1, StackFiles.read(file).frames());
    }

    @ParameterizedTest
    @ValueSource(strings = {"imagej", "plain", "bigtiff", "tiled"})
    void truncatedTiffIsReportedAsTruncatedNamingTheFile(final String layout) throws IOException {
        final ImageStack stack = random(TiffBitDepth.UINT16, 10, 32, 32, 1);
        final Path file = dir.resolve("cut-" + layout + ".tif");
        switch (layout) {
            case "imagej":
                StackFiles.write(file, stack, TiffBitDepth.UINT16);
                break;
            case "plain":
                Files.write(file, new TiffBytes(false, ByteOrder.LITTLE_ENDIAN, 16, TiffBytes.UINT).write(stack));
                break;
            case "bigtiff":
                Files.write(file, new TiffBytes(true, ByteOrder.LITTLE_ENDIAN, 16, TiffBytes.UINT).write(stack));
                break;
            default:
                Files.write(file, new TiffBytes(false, ByteOrder.LITTLE_ENDIAN, 16, TiffBytes.UINT).tiles(16, 16)
                    .write(stack));
        }
        final byte[] all = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(all, all.length / 2));
        final IOException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
            () -> assertThrows(IOException.class, () -> StackFiles.read(file)));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("truncated or corrupt"), e.getMessage());
    }

    @Test
    void fileThatIsNotATiffIsRefused() throws IOException {
        final Path file = dir.resolve("text.tif");
        Files.writeString(file, "this is not an image, just some text that is long enough");
        final IOException e = assertThrows(IOException.class, () -> StackFiles.open(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("not a TIFF"), e.getMessage());
    }

    @Test
    void colourTiffIsRefusedWithAClearMessage() throws IOException {
        final Path file = dir.resolve("rgb.tif");
        final BufferedImage rgb = new BufferedImage(6, 4, BufferedImage.TYPE_INT_RGB);
        rgb.setRGB(1, 1, 0x336699);
        final ImageWriter writer = new TIFFImageWriterSpi().createWriterInstance();
        try (ImageOutputStream out = javax.imageio.ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            writer.write(rgb);
        } finally {
            writer.dispose();
        }
        final IOException e = assertThrows(IOException.class, () -> StackFiles.read(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("colour"), e.getMessage());
        assertTrue(e.getMessage().contains("grey"), e.getMessage());
    }

    @Test
    void pagesOfDifferentSizesAreRefused() throws IOException {
        final ImageStack a = positions(1, 4, 6);
        final ImageStack b = positions(1, 5, 6);
        final Path file = dir.resolve("mixed.tif");
        final ImageWriter writer = new TIFFImageWriterSpi().createWriterInstance();
        try (ImageOutputStream out = javax.imageio.ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            for (final ImageStack s : new ImageStack[]{a, b}) {
                final BufferedImage img = new BufferedImage(s.width(), s.height(), BufferedImage.TYPE_USHORT_GRAY);
                writer.writeToSequence(new IIOImage(img, null, null), null);
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
        final IOException e = assertThrows(IOException.class, () -> StackFiles.open(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("page 2"), e.getMessage());
        assertTrue(e.getMessage().contains("same size"), e.getMessage());
    }

    @Test
    void nanAndInfinityAreReadButRequireFiniteRejectsThem() throws IOException {
        final Path file = dir.resolve("nan.tif");
        final ImageStack stack = new ImageStack(new float[]{1, Float.NaN, 3, Float.POSITIVE_INFINITY}, 1, 2, 2,
            Double.NaN, "nan");
        StackFiles.write(file, stack, TiffBitDepth.FLOAT32);
        final ImageStack read = StackFiles.read(file);
        assertTrue(Float.isNaN(read.get(0, 0, 1)));
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, read::requireFinite);
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    private List<Path> listing() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().collect(Collectors.toList());
        }
    }
}
