package org.knime.depaf.core.image;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.format.Mat5File;
import us.hebi.matlab.mat.types.Array;
import us.hebi.matlab.mat.types.MatFile;
import us.hebi.matlab.mat.types.MatlabType;
import us.hebi.matlab.mat.types.Matrix;
import us.hebi.matlab.mat.types.Sparse;

/**
 * Reads MATLAB v5/v7 files (the "-v7" default of MATLAB's save, compressed or not) with mfl-core.
 *
 * <p>The format keeps each variable in one (usually compressed) block, so the whole variable is read and converted
 * to float when the file is opened; the returned source then serves frame ranges from memory. Stacks too long for
 * memory must be saved as TIFF or MAT v7.3 (see {@link Mat73Reader}), which are read frame range by frame range.
 */
final class MatReader {

    private MatReader() {
    }

    static FrameSource open(final Path file) throws IOException {
        return new InMemoryFrameSource(read(file));
    }

    static ImageStack read(final Path file) throws IOException {
        final Mat5File mat;
        try {
            mat = Mat5.readFromFile(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new IOException(file + ": not a readable MATLAB v5/v7 file, it may be truncated or corrupt ("
                + e.getMessage() + ")", e);
        }
        try {
            final List<String> names = new ArrayList<>();
            final List<Array> values = new ArrayList<>();
            for (final MatFile.Entry e : mat.getEntries()) {
                if (e.getName() != null && !e.getName().isEmpty()) { // the unnamed entry is MATLAB's subsystem
                    names.add(e.getName());
                    values.add(e.getValue());
                }
            }
            MatShape.requireOneVariable(file, names);
            final String name = names.get(0);
            final Array array = values.get(0);
            if (!(array instanceof Matrix) || array instanceof Sparse) {
                MatShape.requireNumeric(file, name, array instanceof Sparse ? "sparse" : array.getType().toString());
                throw new IOException(file + ": variable '" + name + "' is a " + array.getType() + " array; expected a "
                    + "full numeric array");
            }
            final Matrix m = (Matrix)array;
            if (m.isComplex()) {
                throw new IOException(file + ": variable '" + name + "' is complex; expected a real numeric array");
            }
            final MatShape shape = MatShape.of(file, name, MatShape.toLong(m.getDimensions()));
            final long total = (long)shape.frameSize() * shape.frames;
            if (total > Integer.MAX_VALUE - 8) {
                throw new IOException(file + ": variable '" + name + "' (" + MatShape.format(MatShape.toLong(
                    m.getDimensions())) + ") is too large to read into memory; save long stacks as TIFF");
            }
            return new ImageStack(convert(m, shape), shape.frames, shape.height, shape.width, Double.NaN,
                file.toString());
        } finally {
            mat.close();
        }
    }

    /** Column-major MATLAB data to frame-major, row-major floats. */
    private static float[] convert(final Matrix m, final MatShape s) {
        final int h = s.height;
        final int w = s.width;
        final float[] out = new float[s.frameSize() * s.frames];
        final boolean unsigned64 = m.getType() == MatlabType.UInt64;
        final boolean asFloat = m.getType() == MatlabType.Single;
        int src = 0;
        for (int k = 0; k < s.frames; k++) {
            final int frame = k * h * w;
            for (int j = 0; j < w; j++) {
                for (int i = 0; i < h; i++, src++) {
                    final float v;
                    if (asFloat) {
                        v = m.getFloat(src);
                    } else if (unsigned64) {
                        v = unsignedToFloat(m.getLong(src));
                    } else {
                        v = (float)m.getDouble(src); // mfl converts uint8/16/32 and logical correctly
                    }
                    out[frame + i * w + j] = v;
                }
            }
        }
        return out;
    }

    static float unsignedToFloat(final long v) {
        return v >= 0 ? v : (float)((v >>> 1) * 2.0 + (v & 1));
    }
}
