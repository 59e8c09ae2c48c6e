package org.knime.depaf.core.image;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Objects;

import org.knime.depaf.core.util.AtomicFiles;

/**
 * Writes a multi-page TIFF stack frame batch by frame batch, then puts it in place atomically.
 *
 * <p>Use: {@link #create}, {@link #append(ImageStack)} as often as needed, {@link #commit()}, and always
 * {@link #close()} (try-with-resources). Until {@link #commit()} succeeds, the frames go to a hidden temporary file
 * in the target's folder; {@link #close()} without a successful commit (an exception, a cancellation) deletes it,
 * so an unfinished stack never appears under the target name and an existing target is left unchanged.
 *
 * <p>The file is an uncompressed little-endian TIFF, one page per frame, one strip per page, frames contiguous on
 * disk, readable as a stack by ImageJ (an ImageJ description with {@code images=N} and, when the pixel size is
 * known, {@code unit=micron} with the X/Y resolution in pixels per µm) and by any TIFF reader. Sample types (see
 * {@link TiffBitDepth}): {@link TiffBitDepth#UINT8} and {@link TiffBitDepth#UINT16} round each value and clamp it
 * to [0, 255] resp. [0, 65535], NaN becoming 0; {@link TiffBitDepth#FLOAT32} stores every value exactly.
 *
 * <p>Classic TIFF addresses at most 4 GiB. Longer stacks are written the way ImageJ writes them: the pixels follow
 * each other and only the first page has a directory (with {@code images=N}); ImageJ and {@link StackFiles} read
 * all frames of such a file, other TIFF readers see only the first.
 *
 * <p>Not thread-safe: one writer per thread.
 */
public final class TiffStackWriter implements AutoCloseable {

    /** Version written into the ImageJ description; ImageJ only needs the "ImageJ=" prefix. */
    private static final String IMAGEJ_VERSION = "1.54p";

    /** Bytes reserved for the ImageJ description (the frame count is only known at the end). */
    private static final int DESCRIPTION_BYTES = 256;

    private static final int HEADER_BYTES = 8;
    private static final int ENTRY_BYTES = 12;
    private static final long MAX_CLASSIC_OFFSET = 0xFFFF_FFFFL;
    private static final int BUFFER_BYTES = 1 << 20;

    // TIFF tags, field types and values used here
    private static final int NEW_SUBFILE_TYPE = 254;
    private static final int IMAGE_WIDTH = 256;
    private static final int IMAGE_LENGTH = 257;
    private static final int BITS_PER_SAMPLE = 258;
    private static final int COMPRESSION = 259;
    private static final int PHOTOMETRIC = 262;
    private static final int IMAGE_DESCRIPTION = 270;
    private static final int STRIP_OFFSETS = 273;
    private static final int SAMPLES_PER_PIXEL = 277;
    private static final int ROWS_PER_STRIP = 278;
    private static final int STRIP_BYTE_COUNTS = 279;
    private static final int X_RESOLUTION = 282;
    private static final int Y_RESOLUTION = 283;
    private static final int RESOLUTION_UNIT = 296;
    private static final int SAMPLE_FORMAT = 339;
    private static final short ASCII = 2;
    private static final short SHORT = 3;
    private static final short LONG = 4;
    private static final short RATIONAL = 5;

    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private final int height;
    private final int width;
    private final double pixelSizeNm;
    private final TiffBitDepth depth;
    private final long frameBytes;
    private final long[] resolution; // numerator, denominator of pixels per µm, or null when unknown
    private final int entries;
    private final long descriptionOffset;
    private final long resolutionOffset;
    private final long dataStart;
    private final ByteBuffer buffer;
    private byte[] bytes;
    private short[] shorts;
    private int frames;
    private boolean committed;
    private boolean closed;

    private TiffStackWriter(final Path target, final Path temp, final FileChannel channel, final int height,
        final int width, final double pixelSizeNm, final TiffBitDepth depth) {
        this.target = target;
        this.temp = temp;
        this.channel = channel;
        this.height = height;
        this.width = width;
        this.pixelSizeNm = pixelSizeNm;
        this.depth = depth;
        this.frameBytes = (long)height * width * depth.bytes();
        this.resolution = resolutionPerMicron(pixelSizeNm);
        this.entries = resolution == null ? 12 : 15;
        final long firstIfdEnd = HEADER_BYTES + ifdBytes(entries);
        this.descriptionOffset = firstIfdEnd;
        this.resolutionOffset = descriptionOffset + DESCRIPTION_BYTES;
        this.dataStart = resolutionOffset + 16;
        final int bufferBytes = (int)Math.max(depth.bytes(), Math.min(BUFFER_BYTES, frameBytes)
            / depth.bytes() * depth.bytes());
        this.buffer = ByteBuffer.allocateDirect(bufferBytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Starts a stack file.
     *
     * @param target the TIFF file to create or replace (on {@link #commit()}); its folder must exist
     * @param height frame height (rows), ≥ 1
     * @param width frame width (columns), ≥ 1
     * @param pixelSizeNm pixel size in nm written as the resolution, or NaN to write none
     * @param depth the sample type
     * @return an open writer with no frames yet
     * @throws IOException if the temporary file cannot be created
     * @throws IllegalArgumentException for a non-positive size or a bad pixel size
     */
    public static TiffStackWriter create(final Path target, final int height, final int width,
        final double pixelSizeNm, final TiffBitDepth depth) throws IOException {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(depth, "depth");
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException(target + ": frame size must be at least 1 × 1 pixels, got " + height
                + " × " + width);
        }
        if ((long)height * width * depth.bytes() > MAX_CLASSIC_OFFSET / 2) {
            throw new IllegalArgumentException(target + ": a frame of " + height + " × " + width + " pixels at "
                + depth.bits() + " bits is too large for a TIFF page (at most 2 GiB)");
        }
        if (!(Double.isNaN(pixelSizeNm) || pixelSizeNm > 0 && Double.isFinite(pixelSizeNm))) {
            throw new IllegalArgumentException(target + ": pixel size must be a positive number of nm or NaN, got "
                + pixelSizeNm);
        }
        final Path temp = AtomicFiles.createTempSibling(target);
        try {
            final FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.READ);
            final TiffStackWriter writer =
                new TiffStackWriter(target, temp, channel, height, width, pixelSizeNm, depth);
            channel.position(writer.dataStart);
            return writer;
        } catch (IOException | RuntimeException e) {
            AtomicFiles.deleteQuietly(temp, e);
            throw e;
        }
    }

    /** @return the file this writer creates */
    public Path target() {
        return target;
    }

    /** @return number of frames appended so far */
    public int frames() {
        return frames;
    }

    /**
     * Appends all frames of a stack (values converted as the bit depth says; the stack's pixel size is ignored,
     * the writer's is written).
     *
     * @param stack frames of this writer's height and width
     * @throws IOException if writing fails
     * @throws IllegalArgumentException if the frame size differs
     * @throws IllegalStateException after {@link #commit()} or {@link #close()}
     */
    public void append(final ImageStack stack) throws IOException {
        Objects.requireNonNull(stack, "stack");
        if (stack.height() != height || stack.width() != width) {
            throw new IllegalArgumentException(target + ": cannot append frames of " + stack.height() + " × "
                + stack.width() + " pixels (from " + stack.source() + ") to a stack of " + height + " × " + width);
        }
        append(stack.pixels(), 0, stack.frames());
    }

    /**
     * Appends frames from a frame-major, row-major array.
     *
     * @param pixels the frames' pixels
     * @param offset index of the first pixel of the first frame to write
     * @param count number of frames to write
     * @throws IOException if writing fails
     * @throws IllegalStateException after {@link #commit()} or {@link #close()}
     */
    public void append(final float[] pixels, final int offset, final int count) throws IOException {
        requireOpen();
        final long n = (long)count * height * width;
        Objects.checkFromIndexSize(offset, (int)Math.min(n, Integer.MAX_VALUE), pixels.length);
        if ((long)frames + count > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(target + ": too many frames");
        }
        final int end = (int)(offset + n);
        int i = offset;
        while (i < end) {
            buffer.clear();
            final int m = Math.min(end - i, buffer.capacity() / depth.bytes());
            switch (depth) {
                case UINT8: {
                    final byte[] s = byteScratch();
                    for (int k = 0; k < m; k++) {
                        s[k] = (byte)depth.clampRound(pixels[i + k]);
                    }
                    buffer.put(s, 0, m);
                    break;
                }
                case UINT16: {
                    final short[] s = shortScratch();
                    for (int k = 0; k < m; k++) {
                        s[k] = (short)depth.clampRound(pixels[i + k]);
                    }
                    buffer.asShortBuffer().put(s, 0, m); // bulk: far faster than one putShort per pixel
                    buffer.position(m * 2);
                    break;
                }
                default:
                    buffer.asFloatBuffer().put(pixels, i, m);
                    buffer.position(m * 4);
                    break;
            }
            buffer.flip();
            writeFully(buffer);
            i += m;
        }
        frames += count;
    }

    /**
     * Finishes the file (writes the page directories) and moves it over the target atomically. After a successful
     * commit, {@link #close()} does nothing more.
     *
     * @throws IOException if writing or the move fails (the temporary file is then deleted)
     * @throws IllegalStateException if no frame was appended, or the writer was committed or closed already
     */
    public void commit() throws IOException {
        requireOpen();
        if (frames == 0) {
            throw new IllegalStateException(target + ": a stack needs at least one frame; nothing was appended");
        }
        try {
            final long dataEnd = dataStart + frames * frameBytes;
            final long restBytes = (long)(frames - 1) * ifdBytes(entries - 1);
            final boolean allPages = dataEnd + restBytes <= MAX_CLASSIC_OFFSET;
            writeHeaderAndFirstIfd(allPages && frames > 1 ? dataEnd : 0);
            if (allPages && frames > 1) {
                writeOtherIfds(dataEnd);
            }
            channel.force(false);
            channel.close();
            AtomicFiles.moveIntoPlace(temp, target);
            committed = true;
        } catch (IOException | RuntimeException | Error e) { // NOSONAR: never leave the temporary file
            closed = true;
            closeQuietly(e);
            AtomicFiles.deleteQuietly(temp, e);
            throw e;
        }
        closed = true;
    }

    /** Closes the writer; without a successful {@link #commit()} the temporary file is deleted, nothing written. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            channel.close();
        } finally {
            if (!committed) {
                java.nio.file.Files.deleteIfExists(temp);
            }
        }
    }

    private byte[] byteScratch() {
        if (bytes == null) {
            bytes = new byte[buffer.capacity()];
        }
        return bytes;
    }

    private short[] shortScratch() {
        if (shorts == null) {
            shorts = new short[buffer.capacity() / 2];
        }
        return shorts;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException(target + ": the writer is already " + (committed ? "committed" : "closed"));
        }
    }

    private void closeQuietly(final Throwable cause) {
        try {
            channel.close();
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }

    private void writeFully(final ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            channel.write(b);
        }
    }

    private void writeFully(final ByteBuffer b, final long position) throws IOException {
        long p = position;
        while (b.hasRemaining()) {
            p += channel.write(b, p);
        }
    }

    private static long ifdBytes(final int entryCount) {
        return 2L + (long)entryCount * ENTRY_BYTES + 4;
    }

    private void writeHeaderAndFirstIfd(final long nextIfd) throws IOException {
        final byte[] description = description();
        final ByteBuffer b = ByteBuffer.allocate((int)dataStart).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte)'I').put((byte)'I').putShort((short)42).putInt(HEADER_BYTES);
        putIfd(b, dataStart, description.length + 1, nextIfd);
        b.position((int)descriptionOffset);
        b.put(description); // the rest of the reserved bytes stay 0, the first of them ends the string
        if (resolution != null) {
            b.position((int)resolutionOffset);
            b.putInt((int)resolution[0]).putInt((int)resolution[1]);
            b.putInt((int)resolution[0]).putInt((int)resolution[1]);
        }
        b.position(0);
        writeFully(b, 0);
    }

    private void writeOtherIfds(final long firstOffset) throws IOException {
        final long size = ifdBytes(entries - 1);
        final int perBuffer = (int)(BUFFER_BYTES / size);
        final ByteBuffer b = ByteBuffer.allocate((int)(perBuffer * size)).order(ByteOrder.LITTLE_ENDIAN);
        long position = firstOffset;
        for (int f = 1; f < frames; f++) {
            final long ifdOffset = firstOffset + (f - 1) * size;
            putIfd(b, dataStart + f * frameBytes, -1, f + 1 < frames ? ifdOffset + size : 0);
            if (!b.hasRemaining() || f + 1 == frames) {
                b.flip();
                writeFully(b, position);
                position += b.limit();
                b.clear();
            }
        }
    }

    /**
     * Puts one page directory.
     *
     * @param descriptionCount the description's byte count with its terminating 0, or -1 for pages without one
     */
    private void putIfd(final ByteBuffer b, final long stripOffset, final int descriptionCount, final long next) {
        final int n = descriptionCount < 0 ? entries - 1 : entries;
        b.putShort((short)n);
        entry(b, NEW_SUBFILE_TYPE, LONG, 1, 0);
        entry(b, IMAGE_WIDTH, LONG, 1, width);
        entry(b, IMAGE_LENGTH, LONG, 1, height);
        entry(b, BITS_PER_SAMPLE, SHORT, 1, depth.bits());
        entry(b, COMPRESSION, SHORT, 1, 1);
        entry(b, PHOTOMETRIC, SHORT, 1, 1); // black is zero
        if (descriptionCount >= 0) {
            entry(b, IMAGE_DESCRIPTION, ASCII, descriptionCount, descriptionOffset);
        }
        entry(b, STRIP_OFFSETS, LONG, 1, stripOffset);
        entry(b, SAMPLES_PER_PIXEL, SHORT, 1, 1);
        entry(b, ROWS_PER_STRIP, LONG, 1, height);
        entry(b, STRIP_BYTE_COUNTS, LONG, 1, frameBytes);
        if (resolution != null) {
            entry(b, X_RESOLUTION, RATIONAL, 1, resolutionOffset);
            entry(b, Y_RESOLUTION, RATIONAL, 1, resolutionOffset + 8);
            entry(b, RESOLUTION_UNIT, SHORT, 1, 1); // no absolute unit: the description says micron, as ImageJ
        }
        entry(b, SAMPLE_FORMAT, SHORT, 1, depth == TiffBitDepth.FLOAT32 ? 3 : 1);
        b.putInt((int)next);
    }

    private static void entry(final ByteBuffer b, final int tag, final short type, final int count,
        final long value) {
        b.putShort((short)tag).putShort(type).putInt(count);
        if (type == SHORT) {
            b.putShort((short)value).putShort((short)0);
        } else {
            b.putInt((int)value);
        }
    }

    private byte[] description() {
        final StringBuilder s = new StringBuilder("ImageJ=").append(IMAGEJ_VERSION).append('\n');
        if (frames > 1) {
            s.append("images=").append(frames).append('\n');
        }
        if (resolution != null) {
            s.append("unit=micron\n");
        }
        s.append("loop=false\n");
        final byte[] bytes = s.toString().getBytes(StandardCharsets.US_ASCII);
        if (bytes.length >= DESCRIPTION_BYTES) {
            throw new IllegalStateException("description too long: " + s); // cannot happen: at most ~60 bytes
        }
        return bytes;
    }

    /**
     * Chooses a rational in pixels per µm (1000 / nm) that both ImageJ and this package read back as the same nm
     * value to about 1e-6 nm: numerator 1000·s, denominator round(nm·s), with s the largest power of ten that keeps
     * both in unsigned 32 bits.
     */
    static long[] resolutionPerMicron(final double nm) {
        if (Double.isNaN(nm)) {
            return null;
        }
        for (long s = 1_000_000; s >= 1; s /= 10) {
            final long den = Math.round(nm * s);
            if (1000 * s <= MAX_CLASSIC_OFFSET && den <= MAX_CLASSIC_OFFSET && den >= 1) {
                return new long[]{1000 * s, den};
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "TiffStackWriter[%s, %d × %d, %s, %d frames]", target, height, width,
            depth, frames);
    }

    /** @return the pixel size this writer records, NaN when none */
    public double pixelSizeNm() {
        return pixelSizeNm;
    }
}
