package org.knime.depaf.core.image;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Opens TIFF files: checks the file's structure, then chooses the reader.
 *
 * <p>Before any library sees the file, the chain of page directories (IFDs) is walked: a directory that lies
 * beyond the end of the file, a loop in the chain or a file that ends inside a directory is reported as a
 * truncated or corrupt file, naming the file, instead of being read as a shorter stack. Classic TIFF with strips
 * goes to {@link ImageJTiffSource} (ImageJ's decoder; frames read by offset, lazily); BigTIFF, tiled TIFF and
 * whatever ImageJ cannot decode go to {@link ImageIoTiffSource} (TwelveMonkeys).
 */
final class TiffReader {

    private static final int TILE_WIDTH = 322;
    private static final int TILE_OFFSETS = 324;

    private TiffReader() {
    }

    /** What the directory walk found. */
    static final class Structure {
        final boolean bigTiff;
        final boolean tiled;
        final int pages;

        Structure(final boolean bigTiff, final boolean tiled, final int pages) {
            this.bigTiff = bigTiff;
            this.tiled = tiled;
            this.pages = pages;
        }
    }

    static FrameSource open(final Path file) throws IOException {
        final Structure s = walk(file);
        if (s.bigTiff || s.tiled) {
            return ImageIoTiffSource.open(file);
        }
        IOException imageJFailure;
        try {
            return ImageJTiffSource.open(file, s.pages);
        } catch (UnsupportedByImageJException e) {
            imageJFailure = e;
        }
        try {
            return ImageIoTiffSource.open(file);
        } catch (IOException | RuntimeException e) {
            final IOException failure = new IOException(file + ": cannot read this TIFF file: "
                + imageJFailure.getMessage() + "; the fallback reader failed too: " + e.getMessage(), e);
            failure.addSuppressed(imageJFailure);
            throw failure;
        }
    }

    /** Thrown when ImageJ's decoder refuses a file another reader may read (tiles, unusual compression). */
    static final class UnsupportedByImageJException extends IOException {
        private static final long serialVersionUID = 1L;

        UnsupportedByImageJException(final String message, final Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Walks the directory chain.
     *
     * @throws IOException naming the file if it is not a TIFF or its directories are truncated or corrupt
     */
    static Structure walk(final Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            final long size = ch.size();
            final ByteBuffer head = read(ch, 0, (int)Math.min(16, size), file);
            if (head.limit() < 8) {
                throw corrupt(file, "the file is only " + size + " bytes long, shorter than a TIFF header");
            }
            final byte b0 = head.get(0);
            final byte b1 = head.get(1);
            if (b0 == 'I' && b1 == 'I') {
                head.order(ByteOrder.LITTLE_ENDIAN);
            } else if (b0 == 'M' && b1 == 'M') {
                head.order(ByteOrder.BIG_ENDIAN);
            } else {
                throw new IOException(file + ": not a TIFF file (it does not start with \"II\" or \"MM\")");
            }
            final int magic = head.getShort(2) & 0xffff;
            final boolean big;
            if (magic == 42) {
                big = false;
            } else if (magic == 43) {
                big = true;
                if (head.limit() < 16) {
                    throw corrupt(file, "the file ends inside the BigTIFF header");
                }
            } else {
                throw new IOException(file + ": not a TIFF file (version number " + magic + ", expected 42, or 43 "
                    + "for BigTIFF)");
            }
            final ByteOrder order = head.order();
            long offset = big ? head.getLong(8) : head.getInt(4) & 0xffff_ffffL;
            final int countBytes = big ? 8 : 2;
            final int entryBytes = big ? 20 : 12;
            final int nextBytes = big ? 8 : 4;
            int pages = 0;
            boolean tiled = false;
            long maxSeen = -1;
            long[] visited = new long[64];
            while (offset != 0) {
                final String page = "page " + (pages + 1) + "'s directory";
                if (offset < 8 || offset + countBytes > size) {
                    throw corrupt(file, page + " would be at byte " + offset + ", beyond the end of the file ("
                        + size + " bytes)");
                }
                if (offset <= maxSeen && contains(visited, pages, offset)) {
                    throw corrupt(file, page + " points back to an earlier directory (a loop)");
                }
                if (pages == visited.length) {
                    visited = java.util.Arrays.copyOf(visited, pages * 2);
                }
                visited[pages] = offset;
                maxSeen = Math.max(maxSeen, offset);
                final ByteBuffer cnt = read(ch, offset, countBytes, file).order(order);
                final long entries = big ? cnt.getLong(0) : cnt.getShort(0) & 0xffff;
                final long end = offset + countBytes + entries * entryBytes + nextBytes;
                if (entries < 1 || entries > 100_000) {
                    throw corrupt(file, page + " at byte " + offset + " has " + entries + " entries");
                }
                if (end > size) {
                    throw corrupt(file, page + " at byte " + offset + " ends beyond the end of the file (" + size
                        + " bytes)");
                }
                if (pages == 0) {
                    final ByteBuffer e = read(ch, offset + countBytes, (int)(entries * entryBytes), file).order(order);
                    for (int i = 0; i < entries; i++) {
                        final int tag = e.getShort(i * entryBytes) & 0xffff;
                        tiled |= tag == TILE_WIDTH || tag == TILE_OFFSETS;
                    }
                }
                final ByteBuffer next = read(ch, end - nextBytes, nextBytes, file).order(order);
                offset = big ? next.getLong(0) : next.getInt(0) & 0xffff_ffffL;
                pages++;
            }
            if (pages == 0) {
                throw corrupt(file, "it has no pages");
            }
            return new Structure(big, tiled, pages);
        }
    }

    private static boolean contains(final long[] a, final int n, final long v) {
        for (int i = 0; i < n; i++) {
            if (a[i] == v) {
                return true;
            }
        }
        return false;
    }

    static IOException corrupt(final Path file, final String what) {
        return new IOException(file + ": the TIFF file is truncated or corrupt: " + what);
    }

    /** Reads exactly {@code n} bytes at {@code position}. */
    static ByteBuffer read(final FileChannel ch, final long position, final int n, final Path file)
        throws IOException {
        final ByteBuffer b = ByteBuffer.allocate(n);
        readFully(ch, b, position, file);
        b.flip();
        return b;
    }

    /** Fills the buffer's remaining bytes from {@code position}, failing with a "truncated" message at the end. */
    static void readFully(final FileChannel ch, final ByteBuffer b, final long position, final Path file)
        throws IOException {
        long p = position;
        while (b.hasRemaining()) {
            final int r = ch.read(b, p);
            if (r < 0) {
                final EOFException e = new EOFException(file + ": the TIFF file is truncated or corrupt: it ends at "
                    + "byte " + p + " while " + b.remaining() + " more bytes were expected");
                throw e;
            }
            p += r;
        }
    }
}
