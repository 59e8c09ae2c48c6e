package org.knime.depaf.core.image;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import ij.io.FileInfo;
import ij.io.ImageReader;
import ij.io.RandomAccessStream;
import ij.io.TiffDecoder;

/**
 * Frames of a classic (non-Big, striped) TIFF read lazily by file offset, with ImageJ's decoder for the page
 * directories.
 *
 * <p>Two layouts: ImageJ stacks whose description says {@code images=N} store frame i at a fixed offset
 * {@code first + i·(frameBytes + gap)} (ImageJ reads only the first directory, which also makes stacks over 4 GiB
 * work); any other multi-page TIFF has one directory per page. Uncompressed pages are read straight from the
 * file channel; compressed 8-, 16- and 32-bit pages (LZW, Deflate, PackBits) and uncompressed unusual bit depths
 * (1, 12, 24 bit) are decoded by ImageJ's {@link ImageReader}, one page at a time from a seekable stream. Compressed
 * pages of other depths, which ImageJ's reader would return undecoded, are refused with
 * {@link TiffReader.UnsupportedByImageJException} (the fallback reader takes them). Every page's data is checked
 * to lie inside the file when the source is opened, because ImageJ's reader would silently fill missing data with
 * zeros.
 *
 * <p>Values are the stored numbers: unsigned and signed integers keep their value (a 1-bit page gives 0 and 1),
 * floats are narrowed to float, a palette (indexed colour) image gives its indices, photometric "white is zero" is
 * not inverted. Colour images are refused. Not thread-safe.
 */
final class ImageJTiffSource implements FrameSource {

    private final Path file;
    private final FileChannel channel;
    private final long fileSize;
    private final FileInfo[] pages; // one per page, or one for the ImageJ "images=N" layout
    private final int frames;
    private final int height;
    private final int width;
    private final int fileType;
    private final long frameBytes;
    private final double pixelSizeNm;
    private final String source;
    private ByteBuffer buffer;
    private short[] shortScratch;
    private RandomAccessStream stream; // for ImageJ's reader, opened on first use

    private ImageJTiffSource(final Path file, final FileChannel channel, final FileInfo[] pages, final int frames,
        final double pixelSizeNm) throws IOException {
        this.file = file;
        this.channel = channel;
        this.fileSize = channel.size();
        this.pages = pages;
        this.frames = frames;
        this.height = pages[0].height;
        this.width = pages[0].width;
        this.fileType = pages[0].fileType;
        this.frameBytes = (long)width * height * pages[0].getBytesPerPixel();
        this.pixelSizeNm = pixelSizeNm;
        this.source = file.toString();
    }

    /**
     * @param file a classic TIFF whose directory chain was checked
     * @param chainPages number of directories in the chain
     * @throws TiffReader.UnsupportedByImageJException if ImageJ cannot decode it but another reader may
     * @throws IOException for corrupt files and colour images
     */
    static ImageJTiffSource open(final Path file, final int chainPages) throws IOException {
        final Path abs = file.toAbsolutePath();
        final String folder = abs.getParent() == null ? "" : abs.getParent().toString() + java.io.File.separator;
        final FileInfo[] info;
        try {
            info = new TiffDecoder(folder, abs.getFileName().toString()).getTiffInfo();
        } catch (IOException e) {
            throw new TiffReader.UnsupportedByImageJException(file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw TiffReader.corrupt(file, "its directories cannot be decoded (" + e + ")");
        }
        if (info == null || info.length == 0) {
            throw TiffReader.corrupt(file, "no readable page");
        }
        final FileInfo first = info[0];
        checkGrey(file, first);
        final boolean imageJLayout = info.length == 1 && first.nImages > 1;
        if (imageJLayout && first.compression > FileInfo.COMPRESSION_NONE) {
            throw new TiffReader.UnsupportedByImageJException(file + ": compressed ImageJ stack", null);
        }
        for (final FileInfo fi : info) {
            if (fi.compression > FileInfo.COMPRESSION_NONE && !imageJDecompresses(fi.fileType)) {
                // ImageJ's reader would return the compressed bytes as if they were pixels
                throw new TiffReader.UnsupportedByImageJException(file + ": compressed pages of ImageJ file type "
                    + fi.fileType, null);
            }
        }
        if (!imageJLayout && info.length != chainPages) {
            throw TiffReader.corrupt(file, "ImageJ decoded " + info.length + " of its " + chainPages + " pages");
        }
        final int frames = imageJLayout ? first.nImages : info.length;
        final FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            final double nm = TiffCalibration.pixelSizeNm(first.description, resolutionUnit(first),
                first.pixelWidth > 0 ? 1.0 / first.pixelWidth : Double.NaN);
            final ImageJTiffSource s = new ImageJTiffSource(file, channel, info, frames, nm);
            s.checkPages();
            return s;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** @return whether ImageJ's reader decompresses pages of this type (it reads others' bytes as raw pixels) */
    private static boolean imageJDecompresses(final int fileType) {
        switch (fileType) {
            case FileInfo.GRAY8:
            case FileInfo.COLOR8:
            case FileInfo.GRAY16_SIGNED:
            case FileInfo.GRAY16_UNSIGNED:
            case FileInfo.GRAY32_INT:
            case FileInfo.GRAY32_UNSIGNED:
            case FileInfo.GRAY32_FLOAT:
                return true;
            default:
                return false;
        }
    }

    private static int resolutionUnit(final FileInfo fi) {
        if (fi.unit == null) {
            return TiffCalibration.UNIT_ABSENT;
        }
        switch (fi.unit) {
            case "inch":
                return TiffCalibration.UNIT_INCH;
            case "cm":
                return TiffCalibration.UNIT_CM;
            default:
                return TiffCalibration.UNIT_NONE;
        }
    }

    private static void checkGrey(final Path file, final FileInfo fi) throws IOException {
        switch (fi.fileType) {
            case FileInfo.GRAY8:
            case FileInfo.COLOR8:
            case FileInfo.BITMAP:
            case FileInfo.GRAY16_SIGNED:
            case FileInfo.GRAY16_UNSIGNED:
            case FileInfo.GRAY12_UNSIGNED:
            case FileInfo.GRAY10_UNSIGNED:
            case FileInfo.GRAY24_UNSIGNED:
            case FileInfo.GRAY32_INT:
            case FileInfo.GRAY32_UNSIGNED:
            case FileInfo.GRAY32_FLOAT:
            case FileInfo.GRAY64_FLOAT:
                return;
            case FileInfo.RGB:
            case FileInfo.RGB_PLANAR:
            case FileInfo.RGB48:
            case FileInfo.RGB48_PLANAR:
            case FileInfo.ARGB:
            case FileInfo.BARG:
            case FileInfo.ABGR:
            case FileInfo.BGR:
            case FileInfo.CMYK:
                throw new IOException(file + ": colour (RGB) TIFF files are not supported; DEPAF needs grey frames. "
                    + "Convert the stack to 8-, 16- or 32-bit grey first (in ImageJ: Image > Type > 32-bit)");
            default:
                throw new IOException(file + ": unsupported TIFF pixel type (ImageJ file type " + fi.fileType
                    + "); expected grey 8-, 16- or 32-bit integer or 32/64-bit float pages");
        }
    }

    /** Checks sizes, types and that every page's data lies in the file. */
    private void checkPages() throws IOException {
        if (width < 1 || height < 1) {
            throw TiffReader.corrupt(file, "page 1 is " + width + " × " + height + " pixels");
        }
        if (pages.length == 1) {
            final FileInfo fi = pages[0];
            if (fi.compression > FileInfo.COMPRESSION_NONE) {
                checkStrips(fi, 1);
            } else {
                final long end = fi.getOffset() + frames * frameBytes + (frames - 1L) * fi.getGap();
                if (end > fileSize) {
                    throw TiffReader.corrupt(file, frames + " frames of " + frameBytes + " bytes need " + end
                        + " bytes but the file has only " + fileSize + " bytes");
                }
            }
            return;
        }
        for (int p = 0; p < pages.length; p++) {
            final FileInfo fi = pages[p];
            if (fi.width != width || fi.height != height) {
                throw new IOException(file + ": page " + (p + 1) + " is " + fi.height + " × " + fi.width
                    + " pixels (rows × columns) but page 1 is " + height + " × " + width + "; all pages of a stack "
                    + "must have the same size");
            }
            if (fi.fileType != fileType) {
                throw new IOException(file + ": page " + (p + 1) + " has another pixel type than page 1 (ImageJ "
                    + "file type " + fi.fileType + " vs " + fileType + "); all pages must have the same type");
            }
            checkStrips(fi, p + 1);
        }
    }

    private void checkStrips(final FileInfo fi, final int page) throws IOException {
        if (fi.stripOffsets == null || fi.stripOffsets.length == 0) {
            if (fi.getOffset() + frameBytes > fileSize || fi.compression > FileInfo.COMPRESSION_NONE) {
                throw TiffReader.corrupt(file, "page " + page + " has no valid strip offsets");
            }
            return;
        }
        long total = 0;
        for (int i = 0; i < fi.stripOffsets.length; i++) {
            final long off = fi.stripOffsets[i] & 0xffff_ffffL;
            final long len = fi.stripLengths != null && i < fi.stripLengths.length
                ? fi.stripLengths[i] & 0xffff_ffffL : -1;
            if (len < 0) {
                throw TiffReader.corrupt(file, "page " + page + " lacks the byte count of strip " + (i + 1));
            }
            if (off + len > fileSize) {
                throw TiffReader.corrupt(file, "page " + page + "'s strip " + (i + 1) + " ends at byte " + (off + len)
                    + ", beyond the end of the file (" + fileSize + " bytes)");
            }
            total += len;
        }
        if (fi.compression <= FileInfo.COMPRESSION_NONE && total < frameBytes && isRaw()) {
            throw TiffReader.corrupt(file, "page " + page + " holds " + total + " bytes of pixels, expected "
                + frameBytes);
        }
    }

    /** @return whether pages are plain sample arrays this class decodes itself (else ImageJ's reader does) */
    private boolean isRaw() {
        switch (fileType) {
            case FileInfo.GRAY8:
            case FileInfo.COLOR8:
            case FileInfo.GRAY16_SIGNED:
            case FileInfo.GRAY16_UNSIGNED:
            case FileInfo.GRAY32_INT:
            case FileInfo.GRAY32_UNSIGNED:
            case FileInfo.GRAY32_FLOAT:
            case FileInfo.GRAY64_FLOAT:
                return true;
            default:
                return false;
        }
    }

    @Override
    public int frames() {
        return frames;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public double pixelSizeNm() {
        return pixelSizeNm;
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public ImageStack read(final int first, final int count) throws IOException {
        FrameSource.requireRange(source, frames, first, count);
        if (!channel.isOpen()) {
            throw new IllegalStateException(source + ": the source is closed");
        }
        final int n = width * height;
        final float[] out = new float[Math.multiplyExact(count, n)];
        for (int k = 0; k < count; k++) {
            readFrame(first + k, out, k * n);
        }
        return new ImageStack(out, count, height, width, pixelSizeNm, source);
    }

    private void readFrame(final int f, final float[] out, final int off) throws IOException {
        final FileInfo fi = pages.length == 1 ? pages[0] : pages[f];
        if (fi.compression <= FileInfo.COMPRESSION_NONE && isRaw()) {
            final ByteBuffer b = buffer();
            if (pages.length == 1) {
                TiffReader.readFully(channel, b, fi.getOffset() + f * (frameBytes + fi.getGap()), file);
            } else {
                readStrips(fi, b);
            }
            b.flip();
            decode(b.order(fi.intelByteOrder ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN), out, off);
        } else {
            decodeWithImageJ(fi, pages.length == 1 ? f : 0, out, off);
        }
    }

    private ByteBuffer buffer() {
        if (buffer == null) {
            buffer = ByteBuffer.allocate((int)frameBytes);
        }
        buffer.clear();
        return buffer;
    }

    /** Reads a page's strips in order into the buffer (strips are usually, but not always, contiguous). */
    private void readStrips(final FileInfo fi, final ByteBuffer b) throws IOException {
        if (fi.stripOffsets == null || fi.stripOffsets.length == 0) {
            TiffReader.readFully(channel, b, fi.getOffset(), file);
            return;
        }
        for (int i = 0; i < fi.stripOffsets.length && b.hasRemaining(); i++) {
            final long len = Math.min(fi.stripLengths[i] & 0xffff_ffffL, b.remaining());
            final int limit = b.limit();
            b.limit((int)(b.position() + len));
            TiffReader.readFully(channel, b, fi.stripOffsets[i] & 0xffff_ffffL, file);
            b.limit(limit);
        }
    }

    private void decode(final ByteBuffer b, final float[] out, final int off) {
        final int n = width * height;
        switch (fileType) {
            case FileInfo.GRAY8:
            case FileInfo.COLOR8:
                for (int i = 0; i < n; i++) {
                    out[off + i] = b.get(i) & 0xff;
                }
                break;
            case FileInfo.GRAY16_UNSIGNED: {
                final short[] s = shorts(b, n);
                for (int i = 0; i < n; i++) {
                    out[off + i] = s[i] & 0xffff;
                }
                break;
            }
            case FileInfo.GRAY16_SIGNED: {
                final short[] s = shorts(b, n);
                for (int i = 0; i < n; i++) {
                    out[off + i] = s[i];
                }
                break;
            }
            case FileInfo.GRAY32_INT:
                for (int i = 0; i < n; i++) {
                    out[off + i] = b.getInt(4 * i);
                }
                break;
            case FileInfo.GRAY32_UNSIGNED:
                for (int i = 0; i < n; i++) {
                    out[off + i] = b.getInt(4 * i) & 0xffff_ffffL;
                }
                break;
            case FileInfo.GRAY32_FLOAT:
                b.asFloatBuffer().get(out, off, n);
                break;
            case FileInfo.GRAY64_FLOAT:
                for (int i = 0; i < n; i++) {
                    out[off + i] = (float)b.getDouble(8 * i);
                }
                break;
            default:
                throw new IllegalStateException("not a raw type: " + fileType);
        }
    }

    /** Bulk-converts the buffer's bytes to shorts (much faster than one getShort per pixel). */
    private short[] shorts(final ByteBuffer b, final int n) {
        if (shortScratch == null || shortScratch.length < n) {
            shortScratch = new short[n];
        }
        b.asShortBuffer().get(shortScratch, 0, n);
        return shortScratch;
    }

    /** Decodes one page with ImageJ's reader, after {@link #checkPages()} proved its data lies in the file. */
    private void decodeWithImageJ(final FileInfo page, final int indexInPage, final float[] out, final int off)
        throws IOException {
        final FileInfo fi = (FileInfo)page.clone();
        fi.nImages = 1;
        final long start = page.getOffset() + indexInPage * (frameBytes + page.getGap());
        // ImageReader(fi) first skips fi.getOffset() bytes from the stream's CURRENT position (it expects a stream
        // at the start of the file). We seek to the frame ourselves, so its skip must be zero: otherwise it would
        // start at twice the offset (garbage, or nothing at all, for uncompressed 1/12/24-bit pages) and, on a
        // RandomAccessStream, read and discard up to the whole file before every frame.
        fi.offset = 0;
        fi.longOffset = 0;
        if (stream == null) {
            // a RandomAccessStream makes ImageJ's reader seek to each compressed strip's absolute offset (with a
            // plain stream it assumes strips follow each other)
            stream = new RandomAccessStream(new RandomAccessFile(file.toFile(), "r"));
        }
        final Object pixels;
        stream.seek(start);
        try {
            pixels = new ImageReader(fi).readPixels(stream);
        } catch (RuntimeException e) {
            throw TiffReader.corrupt(file, "a frame cannot be decoded (" + e + ")");
        }
        if (pixels == null) {
            throw TiffReader.corrupt(file, "a frame could not be decoded (ImageJ's reader gave no pixels)");
        }
        final int n = width * height;
        if (pixels instanceof byte[] && fileType == FileInfo.BITMAP) {
            final byte[] p = (byte[])pixels;
            for (int i = 0; i < n; i++) {
                out[off + i] = p[i] == 0 ? 0 : 1; // ImageJ gives 255 for a set bit; the stored number is 1
            }
        } else if (pixels instanceof byte[]) {
            final byte[] p = (byte[])pixels;
            for (int i = 0; i < n; i++) {
                out[off + i] = p[i] & 0xff;
            }
        } else if (pixels instanceof short[]) {
            final short[] p = (short[])pixels;
            // ImageJ shifts signed 16-bit data by 32768 into the unsigned range; undo it
            final int shift = fileType == FileInfo.GRAY16_SIGNED ? 32768 : 0;
            for (int i = 0; i < n; i++) {
                out[off + i] = (p[i] & 0xffff) - shift;
            }
        } else if (pixels instanceof float[]) {
            System.arraycopy(pixels, 0, out, off, n);
        } else {
            throw new IOException(file + ": unexpected pixel data from ImageJ's reader: " + pixels.getClass());
        }
    }

    @Override
    public void close() throws IOException {
        try {
            channel.close();
        } finally {
            if (stream != null) {
                stream.close();
            }
        }
    }

    @Override
    public String toString() {
        return "TIFF " + source + " [" + frames + " × " + height + " × " + width + "]";
    }
}
