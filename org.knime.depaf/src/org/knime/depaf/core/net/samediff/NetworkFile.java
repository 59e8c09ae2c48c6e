package org.knime.depaf.core.net.samediff;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.knime.depaf.core.net.ForwardKernels;
import org.knime.depaf.core.net.NetworkConfig;
import org.knime.depaf.core.poi.Poi;

/**
 * The binary network file: everything a {@link SameDiffNetwork} needs to continue exactly where it stopped.
 *
 * <pre>
 * "DEPAFNET" (8 bytes), int version (1), UTF backend name
 * config:  int C, boolean learnBG, int depth, int baseWidth, boolean oneD, double dropout, long seed
 * kernels: int C, int hP, int wP, int hB, int wB, float[C·hP·wP] POI
 * double learning rate, long steps
 * int parameter count; per parameter: UTF name, int rank, long[rank] shape, float[] values, Adam m, Adam v
 * </pre>
 *
 * All numbers big-endian (DataOutput); float arrays in C order.
 */
final class NetworkFile {

    private static final byte[] MAGIC = "DEPAFNET".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;
    private static final int CHUNK = 1 << 14;
    private static final int GROWTH_START = 1 << 20;

    /** One parameter with its optimiser state. */
    record Entry(String name, long[] shape, float[] values, float[] m, float[] v) {
    }

    /** Everything in a file. */
    record Content(String backend, NetworkConfig config, ForwardKernels kernels, double learningRate, long steps,
        List<Entry> entries) {
    }

    private NetworkFile() {
    }

    static void write(final Content c, final OutputStream os) throws IOException {
        final DataOutputStream out = new DataOutputStream(os);
        out.write(MAGIC);
        out.writeInt(VERSION);
        out.writeUTF(c.backend());
        final NetworkConfig n = c.config();
        out.writeInt(n.poiChannels());
        out.writeBoolean(n.learnBackground());
        out.writeInt(n.encoderDepth());
        out.writeInt(n.baseWidth());
        out.writeBoolean(n.oneDimensional());
        out.writeDouble(n.dropout());
        out.writeLong(n.seed());
        final ForwardKernels k = c.kernels();
        out.writeInt(k.channels());
        out.writeInt(k.poiHeight());
        out.writeInt(k.poiWidth());
        out.writeInt(k.boxHeight());
        out.writeInt(k.boxWidth());
        writeFloats(out, k.poi());
        out.writeDouble(c.learningRate());
        out.writeLong(c.steps());
        out.writeInt(c.entries().size());
        for (final Entry e : c.entries()) {
            out.writeUTF(e.name());
            out.writeInt(e.shape().length);
            for (final long s : e.shape()) {
                out.writeLong(s);
            }
            writeFloats(out, e.values());
            writeFloats(out, e.m());
            writeFloats(out, e.v());
        }
        out.flush();
    }

    static Content read(final InputStream is) throws IOException {
        try {
            return readContent(new DataInputStream(is));
        } catch (java.io.EOFException e) {
            throw new IOException("the network file ends too early (truncated?)", e);
        }
    }

    private static Content readContent(final DataInputStream in) throws IOException {
        final byte[] magic = new byte[MAGIC.length];
        in.readFully(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new IOException("not a DEPAF network file (wrong signature)");
        }
        final int version = in.readInt();
        if (version != VERSION) {
            throw new IOException("network file version " + version + " is not supported (expected " + VERSION
                + ")");
        }
        final String backend = in.readUTF();
        final NetworkConfig config;
        final ForwardKernels kernels;
        try {
            final int c = in.readInt();
            final boolean learnBg = in.readBoolean();
            final int depth = in.readInt();
            final int width = in.readInt();
            final boolean oneD = in.readBoolean();
            final double dropout = in.readDouble();
            final long seed = in.readLong();
            config = NetworkConfig.builder(c).learnBackground(learnBg).encoderDepth(depth).baseWidth(width)
                .oneDimensional(oneD).dropout(dropout).seed(seed).build();
            final int kc = in.readInt();
            final int ph = in.readInt();
            final int pw = in.readInt();
            final int bh = in.readInt();
            final int bw = in.readInt();
            // sizes are checked before their values are read: a damaged size must not allocate gigabytes
            if (kc != c || ph < 1 || pw < 1 || (long)kc * ph * pw > Poi.MAX_VALUES) {
                throw new IOException("corrupt network file: a POI of " + kc + " × " + ph + " × " + pw + " for "
                    + c + " channels (at most " + Poi.MAX_VALUES + " values)");
            }
            // the background box is three times the POI's 95 % window (BackgroundKernel), so never larger
            if (bh < 1 || bw < 1 || bh > 3L * ph || bw > 3L * pw) {
                throw new IOException("corrupt network file: a background box of " + bh + " × " + bw + " for a POI "
                    + "of " + ph + " × " + pw);
            }
            kernels = new ForwardKernels(readFloats(in, (long)kc * ph * pw), kc, ph, pw, bh, bw);
        } catch (IllegalArgumentException e) {
            throw new IOException("corrupt network header: " + e.getMessage(), e);
        }
        final double lr = in.readDouble();
        final long steps = in.readLong();
        if (!(lr > 0 && Double.isFinite(lr)) || steps < 0) {
            throw new IOException("corrupt network file: learning rate " + lr + " and " + steps + " steps");
        }
        final int count = in.readInt();
        if (count < 0 || count > 10_000) {
            throw new IOException("corrupt network file: " + count + " parameters");
        }
        final List<Entry> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            final String name = in.readUTF();
            final int rank = in.readInt();
            if (rank < 0 || rank > 8) {
                throw new IOException("corrupt network file: parameter " + name + " has rank " + rank);
            }
            final long[] shape = new long[rank];
            long len = 1;
            for (int d = 0; d < rank; d++) {
                shape[d] = in.readLong();
                if (shape[d] < 0 || shape[d] > Integer.MAX_VALUE || (len *= shape[d]) > Integer.MAX_VALUE) {
                    throw new IOException("corrupt network file: parameter " + name + " has shape "
                        + Arrays.toString(Arrays.copyOf(shape, d + 1)) + "…");
                }
            }
            entries.add(new Entry(name, shape, readFloats(in, len), readFloats(in, len), readFloats(in, len)));
        }
        return new Content(backend, config, kernels, lr, steps, entries);
    }

    private static void writeFloats(final DataOutputStream out, final float[] v) throws IOException {
        out.writeInt(v.length);
        final ByteBuffer buf = ByteBuffer.allocate(4 * CHUNK).order(ByteOrder.BIG_ENDIAN);
        for (int i = 0; i < v.length; i += CHUNK) {
            final int n = Math.min(CHUNK, v.length - i);
            buf.clear();
            buf.asFloatBuffer().put(v, i, n);
            out.write(buf.array(), 0, 4 * n);
        }
    }

    private static float[] readFloats(final DataInputStream in, final long expected) throws IOException {
        final int n = in.readInt();
        if (n != expected) {
            throw new IOException("corrupt network file: array of " + n + " values where " + expected
                + " were expected");
        }
        // grown as the values arrive, so that a damaged length fails at the end of the file, not with an
        // allocation of up to 8 GB
        float[] v = new float[Math.min(n, GROWTH_START)];
        final byte[] bytes = new byte[4 * CHUNK];
        for (int i = 0; i < n; i += CHUNK) {
            final int m = Math.min(CHUNK, n - i);
            if (i + m > v.length) {
                v = Arrays.copyOf(v, (int)Math.min(n, Math.max(i + m, 2L * v.length)));
            }
            in.readFully(bytes, 0, 4 * m);
            ByteBuffer.wrap(bytes, 0, 4 * m).order(ByteOrder.BIG_ENDIAN).asFloatBuffer().get(v, i, m);
        }
        return v;
    }
}
