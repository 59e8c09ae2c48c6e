package org.knime.depaf.core.image;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.zip.Deflater;

import org.knime.depaf.core.util.AtomicFiles;

import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.types.MatFile;
import us.hebi.matlab.mat.types.MatlabType;
import us.hebi.matlab.mat.types.Matrix;
import us.hebi.matlab.mat.types.Sink;
import us.hebi.matlab.mat.types.Sinks;

/**
 * Writes a stack as a MATLAB v7 file (v5 format, optionally compressed) with one variable of shape H × W × N
 * (H × W for one frame), atomically. The whole stack is held in memory twice while writing; the format has no way
 * to append frames. MATLAB reads the file with {@code load}; {@link StackFiles} reads it back exactly.
 */
public final class MatWriter {

    /** The variable name used when none is given. */
    public static final String DEFAULT_VARIABLE = "data";

    private MatWriter() {
    }

    /**
     * @param file the .mat file to create or replace; its folder must exist
     * @param stack the frames
     * @param variable the MATLAB variable name (a letter, then letters, digits or underscores)
     * @param depth the class: {@link TiffBitDepth#FLOAT32} writes single (exact), {@link TiffBitDepth#UINT16} and
     *            {@link TiffBitDepth#UINT8} write uint16/uint8 (values rounded and clamped, NaN becomes 0)
     * @param compressed whether to deflate the variable (MATLAB's default "-v7"); false writes plain v5
     * @throws IOException if writing fails (the file is then unchanged)
     * @throws IllegalArgumentException for a bad variable name
     */
    public static void write(final Path file, final ImageStack stack, final String variable,
        final TiffBitDepth depth, final boolean compressed) throws IOException {
        Objects.requireNonNull(stack, "stack");
        Objects.requireNonNull(depth, "depth");
        if (variable == null || !variable.matches("[A-Za-z][A-Za-z0-9_]{0,62}")) {
            throw new IllegalArgumentException(file + ": \"" + variable + "\" is not a valid MATLAB variable name "
                + "(a letter, then up to 62 letters, digits or underscores)");
        }
        final int h = stack.height();
        final int w = stack.width();
        final int n = stack.frames();
        final int[] dims = n == 1 ? new int[]{h, w} : new int[]{h, w, n};
        final MatlabType type = depth == TiffBitDepth.FLOAT32 ? MatlabType.Single
            : depth == TiffBitDepth.UINT16 ? MatlabType.UInt16 : MatlabType.UInt8;
        final Matrix m = Mat5.newMatrix(dims, type);
        final float[] p = stack.pixels();
        int dst = 0;
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < w; j++) {
                for (int i = 0; i < h; i++, dst++) {
                    final float v = p[(k * h + i) * w + j];
                    if (depth == TiffBitDepth.FLOAT32) {
                        m.setFloat(dst, v);
                    } else {
                        m.setInt(dst, depth.clampRound(v));
                    }
                }
            }
        }
        final MatFile mat = Mat5.newMatFile().addArray(variable, m);
        try {
            AtomicFiles.writeVia(file, temp -> {
                try (Sink sink = Sinks.newStreamingFile(temp.toFile())) {
                    Mat5.newWriter(sink)
                        .setDeflateLevel(compressed ? Deflater.DEFAULT_COMPRESSION : Deflater.NO_COMPRESSION)
                        .writeMat(mat);
                }
            });
        } finally {
            mat.close();
        }
    }
}
