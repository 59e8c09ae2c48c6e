package org.knime.depaf.core.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The one entry point for image stack files: TIFF ({@code .tif}, {@code .tiff}) and MATLAB ({@code .mat}).
 *
 * <p>Reading: {@link #open(Path)} gives a {@link FrameSource} that reads frame ranges (use it for long stacks);
 * {@link #read(Path)} reads every frame. The format is chosen by the file's first bytes (TIFF "II*"/"MM*",
 * BigTIFF, MAT v5/v7 text header, MAT v7.3 HDF5 user block), so a file whose extension lies is still read; files
 * that are none of these are refused with a message naming the file and the supported formats.
 *
 * <ul>
 * <li>TIFF: every page is one frame, in file order (ImageJ hyperstacks are flattened in ImageJ's order, channel
 * fastest). Grey 8-, 16- and 32-bit integer (signed or unsigned), 32- and 64-bit float, uncompressed or
 * compressed, strips or tiles, classic TIFF or BigTIFF. Colour (RGB, CMYK, several samples per pixel) is refused:
 * convert to grey first. All pages must have the same size. Rows are the image height (ImageLength).
 * <li>MAT: exactly one numeric variable of shape H × W × N or H × W (one frame); 1-D traces are L × 1 × N. Any
 * numeric class (double, single, int8…uint64, logical) is converted to float. v5/v7 files are read whole when
 * opened; v7.3 (HDF5) files are read frame range by frame range.
 * </ul>
 *
 * <p>Pixel size: TIFF resolution with an ImageJ unit (nm, µm/um/micron, mm) or resolution unit centimetre, in nm;
 * NaN when the file does not say (MAT files never say).
 *
 * <p>Writing: {@link #write(Path, ImageStack, TiffBitDepth)}, atomically (a temporary file moved into place). For
 * long stacks written batch by batch use {@link #openTiffWriter}.
 *
 * <p>All methods are thread-safe (they share no state); a {@link FrameSource} itself is not.
 */
public final class StackFiles {

    /** The file name extensions this class reads and writes, lower case with the dot. */
    public static final List<String> EXTENSIONS = List.of(".tif", ".tiff", ".mat");

    /** The kinds of files recognised by their content. */
    enum Format {
        TIFF, MAT5, MAT73, UNKNOWN
    }

    private StackFiles() {
    }

    /**
     * Opens a stack file for reading frame ranges.
     *
     * @param file a .tif/.tiff or .mat file
     * @return an open source; close it when done
     * @throws IOException if the file is missing, empty, of an unsupported kind or corrupt; the message names the
     *             file and what was expected
     */
    public static FrameSource open(final Path file) throws IOException {
        switch (detect(file)) {
            case TIFF:
                return TiffReader.open(file);
            case MAT5:
                return MatReader.open(file);
            case MAT73:
                return Mat73Reader.open(file);
            default:
                if (!isSupported(file)) {
                    throw new IOException(file + ": unsupported file type \"" + extension(file)
                        + "\"; supported are " + supported());
                }
                throw new IOException(file + ": not a TIFF or MATLAB file (unknown content); supported are "
                    + supported());
        }
    }

    /**
     * Reads every frame of a stack file. Only for stacks known to fit in memory; use {@link #open(Path)} otherwise.
     *
     * @param file a .tif/.tiff or .mat file
     * @return all frames
     * @throws IOException as {@link #open(Path)}
     */
    public static ImageStack read(final Path file) throws IOException {
        try (FrameSource source = open(file)) {
            return source.readAll();
        }
    }

    /**
     * Reads frames [first, first + count) of a stack file.
     *
     * @param file a .tif/.tiff or .mat file
     * @param first first frame, 0-based
     * @param count number of frames
     * @return the frames
     * @throws IOException as {@link #open(Path)}
     * @throws IllegalArgumentException if the range is outside the stack
     */
    public static ImageStack read(final Path file, final int first, final int count) throws IOException {
        try (FrameSource source = open(file)) {
            return source.read(first, count);
        }
    }

    /**
     * Writes a stack as 32-bit float TIFF or single-precision MAT (by the extension), exactly, atomically.
     *
     * @param file a .tif/.tiff or .mat path; its folder must exist
     * @param stack the frames
     * @throws IOException if writing fails (the file is then unchanged)
     * @throws IllegalArgumentException for an unsupported extension
     */
    public static void write(final Path file, final ImageStack stack) throws IOException {
        write(file, stack, TiffBitDepth.FLOAT32);
    }

    /**
     * Writes a stack atomically, the format chosen by the extension: TIFF pages of the given sample type (ImageJ
     * compatible, with the pixel size), or a MAT v7 file (compressed) with one variable {@code data} of class
     * uint8, uint16 or single, shape H × W × N.
     *
     * <p>{@link TiffBitDepth#UINT8} and {@link TiffBitDepth#UINT16} round values and clamp them to [0, 255] resp.
     * [0, 65535] (NaN becomes 0); {@link TiffBitDepth#FLOAT32} is exact.
     *
     * @param file a .tif/.tiff or .mat path; its folder must exist
     * @param stack the frames
     * @param depth the sample type
     * @throws IOException if writing fails (the file is then unchanged)
     * @throws IllegalArgumentException for an unsupported extension
     */
    public static void write(final Path file, final ImageStack stack, final TiffBitDepth depth)
        throws IOException {
        Objects.requireNonNull(stack, "stack");
        Objects.requireNonNull(depth, "depth");
        final String ext = extension(file);
        if (ext.equals(".mat")) {
            MatWriter.write(file, stack, MatWriter.DEFAULT_VARIABLE, depth, true);
            return;
        }
        requireTiffExtension(file, ext);
        try (TiffStackWriter writer =
            TiffStackWriter.create(file, stack.height(), stack.width(), stack.pixelSizeNm(), depth)) {
            writer.append(stack);
            writer.commit();
        }
    }

    /**
     * Starts a TIFF stack written batch by batch (see {@link TiffStackWriter}).
     *
     * @param file a .tif/.tiff path; its folder must exist
     * @param height frame height (rows)
     * @param width frame width (columns)
     * @param pixelSizeNm pixel size in nm, NaN when unknown
     * @param depth the sample type
     * @return an open writer; call {@link TiffStackWriter#commit()} and close it
     * @throws IOException if the temporary file cannot be created
     * @throws IllegalArgumentException for a non-TIFF extension or bad sizes
     */
    public static TiffStackWriter openTiffWriter(final Path file, final int height, final int width,
        final double pixelSizeNm, final TiffBitDepth depth) throws IOException {
        requireTiffExtension(file, extension(file));
        return TiffStackWriter.create(file, height, width, pixelSizeNm, depth);
    }

    /** @return whether the file name has a supported extension (case-insensitive) */
    public static boolean isSupported(final Path file) {
        return EXTENSIONS.contains(extension(file));
    }

    private static void requireTiffExtension(final Path file, final String ext) {
        if (!ext.equals(".tif") && !ext.equals(".tiff")) {
            throw new IllegalArgumentException(file + ": unsupported file extension \"" + ext + "\"; supported are "
                + supported());
        }
    }

    private static String supported() {
        return "TIFF (.tif, .tiff) and MATLAB (.mat)";
    }

    /** @return the lower-case extension with its dot, or "" when the name has none */
    static String extension(final Path file) {
        Objects.requireNonNull(file, "file");
        final Path name = file.getFileName();
        if (name == null) {
            return "";
        }
        final String s = name.toString();
        final int dot = s.lastIndexOf('.');
        return dot < 0 ? "" : s.substring(dot).toLowerCase(Locale.ROOT);
    }

    /**
     * Recognises a file by its first bytes, falling back to the extension for files too short to tell.
     *
     * @throws IOException if the file is missing, not a regular file, or empty
     */
    static Format detect(final Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "the file does not exist");
        }
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": not a file (a folder?); expected a TIFF or MATLAB stack file");
        }
        final long size = Files.size(file);
        if (size == 0) {
            throw new IOException(file + ": the file is empty (0 bytes); expected a TIFF or MATLAB stack file");
        }
        final byte[] head = new byte[1024];
        int n = 0;
        try (InputStream in = Files.newInputStream(file)) {
            int r;
            while (n < head.length && (r = in.read(head, n, head.length - n)) > 0) {
                n += r;
            }
        }
        if (n >= 4 && isTiffMagic(head)) {
            return Format.TIFF;
        }
        if (n >= 128 && startsWith(head, "MATLAB 7.3 MAT-file")) {
            return Format.MAT73;
        }
        if (n >= 128 && startsWith(head, "MATLAB")) {
            return Format.MAT5;
        }
        if (n >= 8 && startsWith(head, "\u0089HDF\r\n\u001a\n")) {
            return Format.MAT73; // a plain HDF5 file without the MATLAB user block
        }
        final String ext = extension(file);
        if (ext.equals(".tif") || ext.equals(".tiff")) {
            throw new IOException(file + ": not a TIFF file (it does not start with the TIFF signature \"II*\" or "
                + "\"MM*\"); the file is corrupt or of another kind");
        }
        if (ext.equals(".mat")) {
            throw new IOException(file + ": not a MATLAB file (it does not start with a \"MATLAB\" header); the "
                + "file is corrupt or of another kind");
        }
        return Format.UNKNOWN;
    }

    private static boolean isTiffMagic(final byte[] h) {
        final boolean ii = h[0] == 'I' && h[1] == 'I' && (h[2] == 42 || h[2] == 43) && h[3] == 0;
        final boolean mm = h[0] == 'M' && h[1] == 'M' && h[2] == 0 && (h[3] == 42 || h[3] == 43);
        return ii || mm;
    }

    private static boolean startsWith(final byte[] h, final String prefix) {
        for (int i = 0; i < prefix.length(); i++) {
            if ((h[i] & 0xff) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
