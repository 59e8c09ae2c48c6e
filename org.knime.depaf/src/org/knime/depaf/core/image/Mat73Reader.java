package org.knime.depaf.core.image;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;

/**
 * Reads MATLAB v7.3 files (HDF5 after a 512-byte user block) with jhdf, frame range by frame range.
 *
 * <p>MATLAB writes each variable as an HDF5 dataset with the dimensions reversed (an H × W × N array is an HDF5
 * dataset N × W × H, whose last index runs fastest, like MATLAB's first) and its class in the attribute
 * {@code MATLAB_class}; groups named {@code #refs#} and {@code #subsystem#} are MATLAB's bookkeeping and ignored.
 * A frame range is read as one hyperslab, so long stacks are never read whole. Plain HDF5 files holding one
 * numeric dataset are read the same way (class taken from the data type). Not thread-safe.
 */
final class Mat73Reader implements FrameSource {

    private static final String CLASS_ATTRIBUTE = "MATLAB_class";

    private final Path file;
    private final HdfFile hdf;
    private final Dataset dataset;
    private final String variable;
    private final boolean unsigned;
    private final MatShape shape;
    private final int hdfRank;
    private final String source;

    private Mat73Reader(final Path file, final HdfFile hdf, final Dataset dataset, final String variable,
        final boolean unsigned, final MatShape shape, final int hdfRank) {
        this.file = file;
        this.hdf = hdf;
        this.dataset = dataset;
        this.variable = variable;
        this.unsigned = unsigned;
        this.shape = shape;
        this.hdfRank = hdfRank;
        this.source = file.toString();
    }

    static FrameSource open(final Path file) throws IOException {
        final HdfFile hdf;
        try {
            hdf = new HdfFile(file);
        } catch (RuntimeException e) {
            throw new IOException(file + ": not a readable MATLAB v7.3 (HDF5) file, it may be truncated or corrupt ("
                + e.getMessage() + ")", e);
        }
        try {
            final List<String> names = new ArrayList<>();
            final List<Node> nodes = new ArrayList<>();
            for (final Node n : hdf.getChildren().values()) {
                if (!n.getName().startsWith("#")) {
                    names.add(n.getName());
                    nodes.add(n);
                }
            }
            MatShape.requireOneVariable(file, names);
            final String name = names.get(0);
            final Node node = nodes.get(0);
            final String matlabClass = matlabClass(node);
            if (!(node instanceof Dataset)) {
                MatShape.requireNumeric(file, name, matlabClass == null ? "struct" : matlabClass);
                throw new IOException(file + ": variable '" + name + "' is not an array; expected a numeric array");
            }
            final Dataset ds = (Dataset)node;
            if (matlabClass != null) {
                MatShape.requireNumeric(file, name, matlabClass);
            }
            if (ds.isCompound()) {
                throw new IOException(file + ": variable '" + name + "' is complex (or a compound type); expected a "
                    + "real numeric array");
            }
            if (isAttributeTrue(node, "MATLAB_empty")) {
                throw new IOException(file + ": variable '" + name + "' is empty; expected at least one frame of at "
                    + "least 1 × 1 pixels");
            }
            final Class<?> type = ds.getJavaType();
            if (!type.isPrimitive() && type != BigInteger.class) {
                throw new IOException(file + ": variable '" + name + "' holds " + type.getSimpleName()
                    + " values; expected a numeric array");
            }
            final long[] hdfDims = ds.getDimensionsAsLong();
            final long[] dims = new long[hdfDims.length];
            for (int i = 0; i < dims.length; i++) {
                dims[i] = hdfDims[dims.length - 1 - i];
            }
            final MatShape shape = MatShape.of(file, name, dims);
            final boolean unsigned = matlabClass != null && matlabClass.startsWith("uint");
            return new Mat73Reader(file, hdf, ds, name, unsigned, shape, hdfDims.length);
        } catch (IOException | RuntimeException e) {
            hdf.close();
            if (e instanceof IOException) {
                throw e;
            }
            throw new IOException(file + ": cannot read the MATLAB v7.3 file (" + e.getMessage() + ")", e);
        }
    }

    private static String matlabClass(final Node node) {
        final Attribute a = node.getAttributes().get(CLASS_ATTRIBUTE);
        if (a == null) {
            return null;
        }
        final Object data = a.getData();
        return data == null ? null : data.toString().trim();
    }

    private static boolean isAttributeTrue(final Node node, final String name) {
        return node.getAttributes().containsKey(name);
    }

    @Override
    public int frames() {
        return shape.frames;
    }

    @Override
    public int height() {
        return shape.height;
    }

    @Override
    public int width() {
        return shape.width;
    }

    @Override
    public double pixelSizeNm() {
        return Double.NaN;
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public ImageStack read(final int first, final int count) throws IOException {
        FrameSource.requireRange(source, shape.frames, first, count);
        final int h = shape.height;
        final int w = shape.width;
        final float[] out = new float[Math.multiplyExact(count, h * w)];
        final Object data;
        try {
            final long[] offset = new long[hdfRank];
            final int[] size = new int[hdfRank];
            // HDF5 order is reversed MATLAB order: (..., frame, column, row); leading padding dimensions are 1
            for (int d = 0; d < hdfRank; d++) {
                size[d] = 1;
            }
            size[hdfRank - 1] = h;
            if (hdfRank >= 2) {
                size[hdfRank - 2] = w;
            }
            if (hdfRank >= 3) {
                size[hdfRank - 3] = count;
                offset[hdfRank - 3] = first;
            }
            data = dataset.getData(offset, size);
        } catch (RuntimeException e) {
            throw new IOException(file + ": cannot read frames " + (first + 1) + " to " + (first + count)
                + " of variable '" + variable + "'; the file may be truncated or corrupt (" + e.getMessage() + ")", e);
        }
        // unwrap leading dimensions of size 1 beyond (frame, column, row)
        Object rest = data;
        for (int d = 0; d < hdfRank - 3; d++) {
            rest = ((Object[])rest)[0];
        }
        if (hdfRank == 1) {
            copyColumn(rest, out, 0, w);
        } else if (hdfRank == 2) {
            copyFrame((Object[])rest, out, 0);
        } else {
            final Object[] frames = (Object[])rest;
            for (int k = 0; k < count; k++) {
                copyFrame((Object[])frames[k], out, k * h * w);
            }
        }
        return new ImageStack(out, count, h, w, Double.NaN, source);
    }

    /** Copies one frame given as HDF5 [column][row] arrays. */
    private void copyFrame(final Object[] columns, final float[] out, final int frameOffset) {
        for (int j = 0; j < shape.width; j++) {
            copyColumn(columns[j], out, frameOffset + j, shape.width);
        }
    }

    /** Copies one MATLAB column (length H) into row-major position {@code start + i·stride}. */
    private void copyColumn(final Object column, final float[] out, final int start, final int stride) {
        final int h = shape.height;
        if (column instanceof float[]) {
            final float[] a = (float[])column;
            for (int i = 0; i < h; i++) {
                out[start + i * stride] = a[i];
            }
        } else if (column instanceof double[]) {
            final double[] a = (double[])column;
            for (int i = 0; i < h; i++) {
                out[start + i * stride] = (float)a[i];
            }
        } else if (column instanceof byte[]) {
            final byte[] a = (byte[])column;
            final int mask = unsigned ? 0xff : -1;
            for (int i = 0; i < h; i++) {
                out[start + i * stride] = a[i] & mask;
            }
        } else if (column instanceof short[]) {
            final short[] a = (short[])column;
            final int mask = unsigned ? 0xffff : -1;
            for (int i = 0; i < h; i++) {
                out[start + i * stride] = a[i] & mask;
            }
        } else if (column instanceof int[]) {
            final int[] a = (int[])column;
            final long mask = unsigned ? 0xffff_ffffL : -1L;
            for (int i = 0; i < h; i++) {
                out[start + i * stride] = a[i] & mask;
            }
        } else if (column instanceof long[]) {
            final long[] a = (long[])column;
            for (int i = 0; i < h; i++) {
                out[start + i * stride] = unsigned ? MatReader.unsignedToFloat(a[i]) : a[i];
            }
        } else if (column instanceof boolean[]) {
            final boolean[] a = (boolean[])column;
            for (int i = 0; i < h; i++) {
                out[start + i * stride] = a[i] ? 1 : 0;
            }
        } else if (column instanceof BigInteger[]) {
            final BigInteger[] a = (BigInteger[])column;
            for (int i = 0; i < h; i++) {
                out[start + i * stride] = a[i].floatValue();
            }
        } else {
            throw new IllegalStateException(source + ": unexpected HDF5 data type " + column.getClass());
        }
    }

    @Override
    public void close() {
        hdf.close();
    }

    @Override
    public String toString() {
        return "MAT v7.3 " + source + " '" + variable + "' [" + shape.frames + " × " + shape.height + " × "
            + shape.width + "]";
    }
}
