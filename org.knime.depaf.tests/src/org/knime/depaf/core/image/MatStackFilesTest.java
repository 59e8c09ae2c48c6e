package org.knime.depaf.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.knime.depaf.core.image.TiffStackFilesTest.assertSamePixels;
import static org.knime.depaf.core.image.TiffStackFilesTest.positions;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableDataset;
import io.jhdf.checksum.ChecksumUtils;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.types.MatFile;
import us.hebi.matlab.mat.types.MatlabType;
import us.hebi.matlab.mat.types.Matrix;
import us.hebi.matlab.mat.types.Sink;
import us.hebi.matlab.mat.types.Sinks;

class MatStackFilesTest {

    @TempDir
    Path dir;

    /** Values that every class can hold exactly, including its extremes. */
    private static float[] valuesFor(final MatlabType type, final boolean logical, final int n, final long seed) {
        final SplittableRandom r = new SplittableRandom(seed);
        final double[] range;
        switch (type) {
            case Int8:
                range = new double[]{-128, 127};
                break;
            case UInt8:
                range = logical ? new double[]{0, 1} : new double[]{0, 255};
                break;
            case Int16:
                range = new double[]{-32768, 32767};
                break;
            case UInt16:
                range = new double[]{0, 65535};
                break;
            case Int32:
                range = new double[]{-2_000_000_000, 2_000_000_000};
                break;
            case UInt32:
                range = new double[]{0, 4_000_000_000.0};
                break;
            case Int64:
                range = new double[]{-1e15, 1e15};
                break;
            case UInt64:
                range = new double[]{0, 1.8e19};
                break;
            default:
                range = new double[]{-1e6, 1e6};
        }
        final float[] p = new float[n];
        for (int i = 0; i < n; i++) {
            final double v = range[0] + r.nextDouble() * (range[1] - range[0]);
            p[i] = type == MatlabType.Double || type == MatlabType.Single ? (float)v : (float)Math.rint(v);
        }
        p[0] = (float)range[0];
        p[1] = (float)range[1];
        return p;
    }

    /** Writes a stack with mfl in MATLAB's own column-major layout, as MATLAB's save would. */
    private static void writeMat(final Path file, final ImageStack s, final MatlabType type, final boolean logical,
        final boolean compressed) throws IOException {
        final int h = s.height();
        final int w = s.width();
        final int[] dims = s.frames() == 1 ? new int[]{h, w} : new int[]{h, w, s.frames()};
        final Matrix m = logical ? Mat5.newLogical(dims) : Mat5.newMatrix(dims, type);
        for (int k = 0; k < s.frames(); k++) {
            for (int j = 0; j < w; j++) {
                for (int i = 0; i < h; i++) {
                    final int idx = i + j * h + k * h * w;
                    final float v = s.get(k, i, j);
                    if (logical) {
                        m.setBoolean(idx, v != 0);
                    } else if (type == MatlabType.UInt64) {
                        m.setLong(idx, new java.math.BigDecimal(v).toBigInteger().longValue());
                    } else if (type == MatlabType.Int64 || type == MatlabType.UInt32 || type == MatlabType.Int32) {
                        m.setLong(idx, (long)v);
                    } else {
                        m.setDouble(idx, v);
                    }
                }
            }
        }
        write(file, Mat5.newMatFile().addArray("stack", m), compressed);
    }

    private static void write(final Path file, final MatFile mat, final boolean compressed) throws IOException {
        try (Sink sink = Sinks.newStreamingFile(file.toFile())) {
            Mat5.newWriter(sink).setDeflateLevel(compressed ? 6 : 0).writeMat(mat);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"Double", "Single", "Int8", "UInt8", "Int16", "UInt16", "Int32", "UInt32", "Int64",
        "UInt64", "logical"})
    void readsEveryNumericClassExactly(final String typeName) throws IOException {
        final boolean logical = typeName.equals("logical");
        final MatlabType type = logical ? MatlabType.UInt8 : MatlabType.valueOf(typeName);
        final float[] p = valuesFor(type, logical, 3 * 5 * 7, typeName.hashCode());
        final ImageStack stack = new ImageStack(p, 3, 5, 7, Double.NaN, "values");
        for (final boolean compressed : new boolean[]{false, true}) {
            final Path file = dir.resolve(typeName + compressed + ".mat");
            writeMat(file, stack, type, logical, compressed);
            final ImageStack read = StackFiles.read(file);
            assertSamePixels(stack, read);
            assertTrue(Double.isNaN(read.pixelSizeNm()));
        }
    }

    @Test
    void columnMajorMatlabArraysBecomeRowMajorFrames() throws IOException {
        final ImageStack stack = positions(3, 5, 7);
        final Path file = dir.resolve("positions.mat");
        writeMat(file, stack, MatlabType.Double, false, true);
        final ImageStack read = StackFiles.read(file);
        assertEquals(3, read.frames());
        assertEquals(5, read.height());
        assertEquals(7, read.width());
        assertEquals(246f, read.get(2, 4, 6));
        assertEquals(213f, read.get(2, 1, 3));
        assertEquals(6f, read.get(0, 0, 6));
        assertEquals(40f, read.get(0, 4, 0));
    }

    @Test
    void twoDimensionalArrayIsOneFrameAndTracesAreOneColumnWide() throws IOException {
        final Path frame = dir.resolve("frame.mat");
        writeMat(frame, positions(1, 4, 6), MatlabType.Single, false, false);
        final ImageStack one = StackFiles.read(frame);
        assertEquals(1, one.frames());
        assertEquals(4, one.height());
        assertEquals(6, one.width());
        assertEquals(35f, one.get(0, 3, 5));
        final Path traces = dir.resolve("traces.mat");
        writeMat(traces, positions(4, 9, 1), MatlabType.Single, false, true);
        final ImageStack t = StackFiles.read(traces);
        assertEquals(4, t.frames());
        assertEquals(9, t.height());
        assertEquals(1, t.width());
        assertEquals(380f, t.get(3, 8, 0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"FLOAT32", "UINT16", "UINT8"})
    void writtenMatFilesReadBackExactly(final String depthName) throws IOException {
        final TiffBitDepth depth = TiffBitDepth.valueOf(depthName);
        final ImageStack stack = TiffStackFilesTest.random(depth, 3, 5, 7, 17);
        final Path file = dir.resolve("written.mat");
        StackFiles.write(file, stack, depth);
        assertSamePixels(stack, StackFiles.read(file));
        final Path plain = dir.resolve("plain.mat");
        MatWriter.write(plain, stack, "frames", depth, false);
        assertSamePixels(stack, StackFiles.read(plain));
        try (MatFile mat = Mat5.readFromFile(plain.toFile())) {
            final Matrix m = mat.getMatrix("frames");
            assertEquals(Arrays.toString(new int[]{5, 7, 3}), Arrays.toString(m.getDimensions()));
            // MATLAB's stack(2, 4, 3) (1-based) is our frame 2, row 1, column 3 (0-based)
            assertEquals(stack.get(2, 1, 3), m.getFloat(new int[]{1, 3, 2}));
        }
    }

    @Test
    void fileWithSeveralVariablesIsRefusedListingThem() throws IOException {
        final Path file = dir.resolve("several.mat");
        write(file, Mat5.newMatFile().addArray("movie", Mat5.newMatrix(4, 4)).addArray("psf", Mat5.newMatrix(3, 3))
            .addArray("meta", Mat5.newScalar(1)), true);
        final IOException e = assertThrows(IOException.class, () -> StackFiles.read(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("3 variables (movie, psf, meta)"), e.getMessage());
        assertTrue(e.getMessage().contains("exactly one"), e.getMessage());
    }

    @Test
    void nonNumericVariablesAreRefusedNamingTheirClass() throws IOException {
        for (final String kind : new String[]{"struct", "cell", "char"}) {
            final Path file = dir.resolve(kind + ".mat");
            final MatFile mat = Mat5.newMatFile();
            switch (kind) {
                case "struct":
                    mat.addArray("settings", Mat5.newStruct());
                    break;
                case "cell":
                    mat.addArray("settings", Mat5.newCell(2, 2));
                    break;
                default:
                    mat.addArray("settings", Mat5.newString("hello"));
            }
            write(file, mat, true);
            final IOException e = assertThrows(IOException.class, () -> StackFiles.read(file));
            assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
            assertTrue(e.getMessage().contains("'settings' is of class " + kind), e.getMessage());
        }
    }

    @Test
    void fourDimensionalEmptyAndComplexArraysAreRefused() throws IOException {
        final Path four = dir.resolve("four.mat");
        write(four, Mat5.newMatFile().addArray("x", Mat5.newMatrix(new int[]{2, 3, 4, 5})), false);
        final IOException e4 = assertThrows(IOException.class, () -> StackFiles.read(four));
        assertTrue(e4.getMessage().contains("4 dimensions (2 × 3 × 4 × 5)"), e4.getMessage());
        final Path empty = dir.resolve("empty.mat");
        write(empty, Mat5.newMatFile().addArray("x", Mat5.newMatrix(0, 0)), false);
        final IOException e0 = assertThrows(IOException.class, () -> StackFiles.read(empty));
        assertTrue(e0.getMessage().contains("'x' is empty"), e0.getMessage());
        final Path complex = dir.resolve("complex.mat");
        write(complex, Mat5.newMatFile().addArray("z", Mat5.newComplex(2, 2)), false);
        final IOException ec = assertThrows(IOException.class, () -> StackFiles.read(complex));
        assertTrue(ec.getMessage().contains("'z' is complex"), ec.getMessage());
    }

    @Test
    void truncatedMatFileIsReportedNamingTheFile() throws IOException {
        final Path file = dir.resolve("cut.mat");
        StackFiles.write(file, TiffStackFilesTest.random(TiffBitDepth.FLOAT32, 4, 16, 16, 3));
        final byte[] all = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(all, all.length / 2));
        final IOException e = assertThrows(IOException.class, () -> StackFiles.read(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("truncated or corrupt"), e.getMessage());
    }

    /**
     * Writes a MATLAB v7.3 file: an HDF5 file written by jhdf, behind MATLAB's 512-byte user block. The superblock's
     * base address must then say 512, and its checksum must be recomputed.
     */
    static void writeMat73(final Path file, final String[] names, final Object[] data, final String[] classes)
        throws IOException {
        final Path h5 = file.resolveSibling(file.getFileName() + ".h5");
        try (WritableHdfFile w = HdfFile.write(h5)) {
            for (int v = 0; v < names.length; v++) {
                final WritableDataset ds = w.putDataset(names[v], data[v]);
                ds.putAttribute("MATLAB_class", classes[v]);
            }
        }
        final byte[] hdf = Files.readAllBytes(h5);
        Files.delete(h5);
        final byte[] out = new byte[512 + hdf.length];
        final byte[] header = String.format("%-116s", "MATLAB 7.3 MAT-file, Platform: GLNXA64, Created on: Mon Jan 1 "
            + "00:00:00 2024 HDF5 schema 1.00 .").getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(header, 0, out, 0, header.length);
        out[125] = 2;
        out[126] = 'I';
        out[127] = 'M';
        System.arraycopy(hdf, 0, out, 512, hdf.length);
        assertEquals(2, out[512 + 8], "jhdf writes superblock version 2");
        final ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(512 + 12, 512);
        b.putInt(512 + 44, ChecksumUtils.checksum(Arrays.copyOfRange(out, 512, 512 + 44)));
        Files.write(file, out);
    }

    /** MATLAB's HDF5 layout of an H × W × N stack: [N][W][H]. */
    private static float[][][] hdfOrder(final ImageStack s) {
        final float[][][] d = new float[s.frames()][s.width()][s.height()];
        for (int k = 0; k < s.frames(); k++) {
            for (int j = 0; j < s.width(); j++) {
                for (int i = 0; i < s.height(); i++) {
                    d[k][j][i] = s.get(k, i, j);
                }
            }
        }
        return d;
    }

    @Test
    void readsMatlab73FilesFrameRangeByFrameRange() throws IOException {
        final ImageStack stack = positions(6, 5, 7);
        final Path file = dir.resolve("v73.mat");
        writeMat73(file, new String[]{"movie"}, new Object[]{hdfOrder(stack)}, new String[]{"single"});
        try (FrameSource source = StackFiles.open(file)) {
            assertEquals(6, source.frames());
            assertEquals(5, source.height());
            assertEquals(7, source.width());
            final ImageStack all = source.readAll();
            assertSamePixels(stack, all);
            assertEquals(246f, all.get(2, 4, 6));
            assertSamePixels(stack.subStack(2, 3), source.read(2, 3));
            assertSamePixels(stack.subStack(5, 1), source.read(5, 1));
            assertThrows(IllegalArgumentException.class, () -> source.read(5, 2));
        }
    }

    @Test
    void readsMatlab73IntegerClassesAndSingleFrames() throws IOException {
        final short[][][] u16 = {{{-1, 2}, {3, 4}}};
        final Path file = dir.resolve("u16.mat");
        writeMat73(file, new String[]{"x"}, new Object[]{u16}, new String[]{"uint16"});
        // MATLAB element (row i, column j) is HDF5 [j][i]: rows are (65535, 2), (3, 4) read down the columns
        assertSamePixels(new ImageStack(new float[]{65535, 3, 2, 4}, 1, 2, 2, Double.NaN, "u16"),
            StackFiles.read(file));
        final Path widened = dir.resolve("widened.mat");
        writeMat73(widened, new String[]{"x"}, new Object[]{new int[][]{{65535, 1, 2}}}, new String[]{"uint16"});
        assertSamePixels(new ImageStack(new float[]{65535, 1, 2}, 1, 3, 1, Double.NaN, "w"), StackFiles.read(widened));
        final Path doubles = dir.resolve("double.mat");
        writeMat73(doubles, new String[]{"x"}, new Object[]{new double[][]{{1.5, -2}, {3, 4}}},
            new String[]{"double"});
        assertSamePixels(new ImageStack(new float[]{1.5f, 3, -2, 4}, 1, 2, 2, Double.NaN, "d"),
            StackFiles.read(doubles));
    }

    @Test
    void matlab73FilesWithSeveralOrNonNumericVariablesAreRefused() throws IOException {
        final Path several = dir.resolve("several73.mat");
        writeMat73(several, new String[]{"a", "b"}, new Object[]{new float[2][2], new float[2][2]},
            new String[]{"single", "single"});
        final IOException e = assertThrows(IOException.class, () -> StackFiles.read(several));
        assertTrue(e.getMessage().contains(several.toString()) && e.getMessage().contains("2 variables (a, b)"),
            e.getMessage());
        final Path chars = dir.resolve("char73.mat");
        writeMat73(chars, new String[]{"name"}, new Object[]{new short[][]{{104, 105}}}, new String[]{"char"});
        final IOException ec = assertThrows(IOException.class, () -> StackFiles.read(chars));
        assertTrue(ec.getMessage().contains("'name' is of class char"), ec.getMessage());
    }
}
