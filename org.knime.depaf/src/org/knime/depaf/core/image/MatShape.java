package org.knime.depaf.core.image;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The checks every MAT reader shares: one variable, numeric, of shape H × W × N or H × W, and how a MATLAB
 * (column-major) array maps onto an {@link ImageStack} (row-major).
 *
 * <p>MATLAB element (row i, column j, frame k), 0-based, is at linear index {@code i + j·H + k·H·W}; in the stack
 * it is at {@code (k·H + i)·W + j}.
 */
final class MatShape {

    /** MATLAB class names this package converts to float. */
    static final List<String> NUMERIC_CLASSES = List.of("double", "single", "int8", "uint8", "int16", "uint16",
        "int32", "uint32", "int64", "uint64", "logical");

    final int height;
    final int width;
    final int frames;

    private MatShape(final int height, final int width, final int frames) {
        this.height = height;
        this.width = width;
        this.frames = frames;
    }

    /** @throws IOException unless there is exactly one variable */
    static void requireOneVariable(final Path file, final List<String> names) throws IOException {
        if (names.isEmpty()) {
            throw new IOException(file + ": the MATLAB file contains no variable; expected exactly one numeric "
                + "variable of shape H × W × N (frames along the third dimension)");
        }
        if (names.size() > 1) {
            throw new IOException(file + ": the MATLAB file contains " + names.size() + " variables ("
                + String.join(", ", names) + "); expected exactly one numeric variable of shape H × W × N. Save "
                + "only the image stack, e.g. save('" + file.getFileName() + "', '" + names.get(0) + "')");
        }
    }

    /** @throws IOException unless the class is numeric */
    static void requireNumeric(final Path file, final String variable, final String matlabClass)
        throws IOException {
        if (!NUMERIC_CLASSES.contains(matlabClass.toLowerCase(Locale.ROOT))) {
            throw new IOException(file + ": variable '" + variable + "' is of class " + matlabClass
                + "; expected a numeric array (double, single, an integer class or logical) of shape H × W × N");
        }
    }

    /**
     * @param dims MATLAB dimensions (rows, columns, frames, ...)
     * @return the shape
     * @throws IOException for empty arrays and arrays with more than three non-singleton-padded dimensions
     */
    static MatShape of(final Path file, final String variable, final long[] dims) throws IOException {
        int n = dims.length;
        while (n > 3 && dims[n - 1] == 1) {
            n--; // trailing singleton dimensions are no dimensions in MATLAB
        }
        if (n > 3) {
            throw new IOException(file + ": variable '" + variable + "' has " + n + " dimensions ("
                + format(dims) + "); expected H × W × N (at most 3 dimensions; a 1-D trace set is L × 1 × N)");
        }
        final long h = dims.length > 0 ? dims[0] : 1;
        final long w = dims.length > 1 ? dims[1] : 1;
        final long f = n > 2 ? dims[2] : 1;
        if (h < 1 || w < 1 || f < 1) {
            throw new IOException(file + ": variable '" + variable + "' is empty (" + format(dims)
                + "); expected at least one frame of at least 1 × 1 pixels");
        }
        if (h * w > Integer.MAX_VALUE) {
            throw new IOException(file + ": variable '" + variable + "' frames of " + h + " × " + w
                + " pixels are too large");
        }
        if (f > Integer.MAX_VALUE) {
            throw new IOException(file + ": variable '" + variable + "' has too many frames (" + f + ")");
        }
        return new MatShape((int)h, (int)w, (int)f);
    }

    static String format(final long[] dims) {
        final StringBuilder s = new StringBuilder();
        for (int i = 0; i < dims.length; i++) {
            s.append(i == 0 ? "" : " × ").append(dims[i]);
        }
        return dims.length == 0 ? "no dimensions" : s.toString();
    }

    static long[] toLong(final int[] dims) {
        return Arrays.stream(dims).asLongStream().toArray();
    }

    int frameSize() {
        return height * width;
    }
}
