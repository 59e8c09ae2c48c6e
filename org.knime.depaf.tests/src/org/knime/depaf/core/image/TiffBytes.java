package org.knime.depaf.core.image;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A minimal TIFF writer for tests: classic TIFF or BigTIFF, strips or tiles, either byte order, grey samples of
 * 8/16/32 bits (unsigned, signed or float). It produces the layouts the production writer never makes, to test
 * the readers. Pages are written data first, then their directory.
 */
final class TiffBytes {

    /** Sample format values of the TIFF SampleFormat tag. */
    static final int UINT = 1;
    static final int INT = 2;
    static final int FLOAT = 3;

    private final boolean big;
    private final ByteOrder order;
    private final int bits;
    private final int sampleFormat;
    private int tileWidth;
    private int tileHeight;
    private int rowsPerStrip;
    private String description;

    TiffBytes(final boolean big, final ByteOrder order, final int bits, final int sampleFormat) {
        this.big = big;
        this.order = order;
        this.bits = bits;
        this.sampleFormat = sampleFormat;
    }

    /** Writes tiles of this size (multiples of 16 as TIFF requires) instead of strips. */
    TiffBytes tiles(final int width, final int height) {
        this.tileWidth = width;
        this.tileHeight = height;
        return this;
    }

    /** Writes strips of this many rows (default: one strip per page). */
    TiffBytes rowsPerStrip(final int rows) {
        this.rowsPerStrip = rows;
        return this;
    }

    /** Writes this ImageDescription into the first page. */
    TiffBytes description(final String text) {
        this.description = text;
        return this;
    }

    byte[] write(final ImageStack s) {
        final Out out = new Out(order);
        out.bytes(order == ByteOrder.LITTLE_ENDIAN ? new byte[]{'I', 'I'} : new byte[]{'M', 'M'});
        long nextPointer;
        if (big) {
            out.u16(43).u16(8).u16(0);
            nextPointer = out.size();
            out.u64(0);
        } else {
            out.u16(42);
            nextPointer = out.size();
            out.u32(0);
        }
        for (int f = 0; f < s.frames(); f++) {
            final long[][] chunks = tileWidth > 0 ? writeTiles(out, s, f) : writeStrips(out, s, f);
            long descriptionOffset = 0;
            byte[] descriptionBytes = null;
            if (f == 0 && description != null) {
                descriptionBytes = (description + "\0").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                descriptionOffset = out.size();
                out.bytes(descriptionBytes);
            }
            final long offsetsAt = array(out, chunks[0]);
            final long countsAt = array(out, chunks[1]);
            if (out.size() % 2 == 1) {
                out.bytes(new byte[1]);
            }
            final long ifd = out.size();
            out.patch(nextPointer, ifd, big);
            final int entries = (tileWidth > 0 ? 11 : 10) + (descriptionBytes != null ? 1 : 0);
            if (big) {
                out.u64(entries);
            } else {
                out.u16(entries);
            }
            entry(out, 256, 4, 1, s.width());
            entry(out, 257, 4, 1, s.height());
            entry(out, 258, 3, 1, bits);
            entry(out, 259, 3, 1, 1);
            entry(out, 262, 3, 1, 1);
            if (descriptionBytes != null) {
                entry(out, 270, 2, descriptionBytes.length, descriptionOffset);
            }
            final int offType = big ? 16 : 4;
            if (tileWidth > 0) {
                entry(out, 277, 3, 1, 1);
                entry(out, 322, 3, 1, tileWidth);
                entry(out, 323, 3, 1, tileHeight);
                entry(out, 324, offType, chunks[0].length, inlineOr(chunks[0], offsetsAt));
                entry(out, 325, offType, chunks[1].length, inlineOr(chunks[1], countsAt));
            } else {
                entry(out, 273, offType, chunks[0].length, inlineOr(chunks[0], offsetsAt));
                entry(out, 277, 3, 1, 1);
                entry(out, 278, 4, 1, rows());
                entry(out, 279, offType, chunks[1].length, inlineOr(chunks[1], countsAt));
            }
            entry(out, 339, 3, 1, sampleFormat);
            nextPointer = out.size();
            if (big) {
                out.u64(0);
            } else {
                out.u32(0);
            }
        }
        return out.toByteArray();
    }

    private int rows() {
        return rowsPerStrip > 0 ? rowsPerStrip : Integer.MAX_VALUE / 2;
    }

    private static long inlineOr(final long[] values, final long at) {
        return values.length == 1 ? values[0] : at;
    }

    private long array(final Out out, final long[] values) {
        if (values.length == 1) {
            return 0;
        }
        final long at = out.size();
        for (final long v : values) {
            if (big) {
                out.u64(v);
            } else {
                out.u32(v);
            }
        }
        return at;
    }

    private void entry(final Out out, final int tag, final int type, final long count, final long value) {
        out.u16(tag).u16(type);
        if (big) {
            out.u64(count);
            if (type == 3 && count == 1) {
                out.u16((int)value).u16(0).u32(0);
            } else if (type == 4 && count == 1) {
                out.u32(value).u32(0); // values are left-justified in the 8-byte field
            } else {
                out.u64(value);
            }
        } else {
            out.u32(count);
            if (type == 3 && count == 1) {
                out.u16((int)value).u16(0);
            } else {
                out.u32(value);
            }
        }
    }

    private long[][] writeStrips(final Out out, final ImageStack s, final int f) {
        final int rows = Math.min(rows(), s.height());
        final int strips = (s.height() + rows - 1) / rows;
        final long[] offsets = new long[strips];
        final long[] counts = new long[strips];
        for (int k = 0; k < strips; k++) {
            offsets[k] = out.size();
            final int y0 = k * rows;
            final int y1 = Math.min(s.height(), y0 + rows);
            for (int y = y0; y < y1; y++) {
                for (int x = 0; x < s.width(); x++) {
                    sample(out, s.get(f, y, x));
                }
            }
            counts[k] = out.size() - offsets[k];
        }
        return new long[][]{offsets, counts};
    }

    private long[][] writeTiles(final Out out, final ImageStack s, final int f) {
        final int across = (s.width() + tileWidth - 1) / tileWidth;
        final int down = (s.height() + tileHeight - 1) / tileHeight;
        final long[] offsets = new long[across * down];
        final long[] counts = new long[across * down];
        for (int ty = 0; ty < down; ty++) {
            for (int tx = 0; tx < across; tx++) {
                final int t = ty * across + tx;
                offsets[t] = out.size();
                for (int y = ty * tileHeight; y < (ty + 1) * tileHeight; y++) {
                    for (int x = tx * tileWidth; x < (tx + 1) * tileWidth; x++) {
                        // tiles at the edges are padded; the padding must be ignored by readers
                        sample(out, y < s.height() && x < s.width() ? s.get(f, y, x) : -7);
                    }
                }
                counts[t] = out.size() - offsets[t];
            }
        }
        return new long[][]{offsets, counts};
    }

    private void sample(final Out out, final float v) {
        if (sampleFormat == FLOAT) {
            out.u32(Float.floatToRawIntBits(v) & 0xffff_ffffL);
        } else if (bits == 8) {
            out.bytes(new byte[]{(byte)v});
        } else if (bits == 16) {
            out.u16((int)v & 0xffff);
        } else {
            out.u32((long)v & 0xffff_ffffL);
        }
    }

    /** A growable byte sink with the file's byte order. */
    private static final class Out {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final ByteBuffer scratch;

        Out(final ByteOrder order) {
            scratch = ByteBuffer.allocate(8).order(order);
        }

        long size() {
            return bytes.size();
        }

        Out bytes(final byte[] b) {
            bytes.write(b, 0, b.length);
            return this;
        }

        Out u16(final int v) {
            scratch.clear();
            scratch.putShort((short)v);
            bytes.write(scratch.array(), 0, 2);
            return this;
        }

        Out u32(final long v) {
            scratch.clear();
            scratch.putInt((int)v);
            bytes.write(scratch.array(), 0, 4);
            return this;
        }

        Out u64(final long v) {
            scratch.clear();
            scratch.putLong(v);
            bytes.write(scratch.array(), 0, 8);
            return this;
        }

        /** Overwrites a next-IFD pointer written earlier (applied in {@link #toByteArray()}). */
        void patch(final long at, final long value, final boolean big) {
            final byte[] all = toByteArray();
            final ByteBuffer b = ByteBuffer.wrap(all).order(scratch.order());
            if (big) {
                b.putLong((int)at, value);
            } else {
                b.putInt((int)at, (int)value);
            }
            bytes.reset();
            bytes.write(all, 0, all.length);
        }

        byte[] toByteArray() {
            return bytes.toByteArray();
        }
    }
}
