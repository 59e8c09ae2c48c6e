package org.knime.depaf.node.adapter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.knime.depaf.core.image.FrameSource;
import org.knime.depaf.core.image.StackFiles;

/**
 * The Image Stack Reader's options: a TIFF or MAT file, a 1-based frame range and a pixel size (0 = from the
 * file's metadata).
 *
 * @param file the stack file
 * @param firstFrame first frame, 1-based
 * @param frameCount number of frames, 0 for all frames to the end
 * @param pixelSizeNm camera pixel size in nm, 0 to take it from the file
 */
public record StackReaderOptions(String file, int firstFrame, int frameCount, double pixelSizeNm) {

    /** @return the defaults: no file yet, every frame, pixel size from the file */
    public static StackReaderOptions defaults() {
        return new StackReaderOptions("", 1, 0, 0);
    }

    /**
     * Checks the options that do not need the file's content; the file must be given.
     *
     * @throws IllegalArgumentException naming the option and saying what to change
     */
    public void validate() {
        if (file == null || file.isBlank()) {
            throw new IllegalArgumentException("Stack file: enter the path of a TIFF (.tif, .tiff) or MATLAB (.mat) "
                + "file");
        }
        validateSettings();
    }

    /**
     * Checks the settings as KNIME stores them: like {@link #validate()}, but a file not chosen yet (a node just
     * added, a workflow template) is left for {@link #validate()} to report when the node is configured.
     *
     * @throws IllegalArgumentException naming the option and saying what to change
     */
    public void validateSettings() {
        if (file != null && !file.isBlank() && !StackFiles.isSupported(Path.of(file.trim()))) {
            throw new IllegalArgumentException("Stack file: " + file + " is neither a TIFF (.tif, .tiff) nor a MATLAB "
                + "(.mat) file; choose one of these");
        }
        if (firstFrame < 1) {
            throw new IllegalArgumentException("First frame must be ≥ 1 (frames are counted from 1); it is "
                + firstFrame);
        }
        if (frameCount < 0) {
            throw new IllegalArgumentException("Number of frames must be ≥ 1, or 0 for all frames; it is "
                + frameCount);
        }
        if (!(pixelSizeNm >= 0) || !Double.isFinite(pixelSizeNm)) {
            throw new IllegalArgumentException("Pixel size must be a number of nm > 0, or 0 to take it from the file; "
                + "it is " + pixelSizeNm);
        }
    }

    /**
     * Opens the file and makes the port's reference, with the stack's size and pixel size.
     *
     * @return the reference (to a user's file)
     * @throws IOException if the file is missing or unreadable (the message names it)
     * @throws IllegalArgumentException if the frame range lies outside the stack (the message says how many
     *             frames it has)
     */
    public StackReference reference() throws IOException {
        validate();
        final Path path = Path.of(file.trim());
        if (!Files.isRegularFile(path)) {
            throw new IOException("Stack file " + path + " does not exist; check the path");
        }
        try (FrameSource whole = StackFiles.open(path)) {
            final int first = firstFrame - 1;
            if (first >= whole.frames()) {
                throw new IllegalArgumentException("First frame " + firstFrame + " is beyond the " + whole.frames()
                    + " frames of " + path + "; enter a frame between 1 and " + whole.frames());
            }
            final int available = whole.frames() - first;
            if (frameCount > available) {
                throw new IllegalArgumentException("Number of frames " + frameCount + " from frame " + firstFrame
                    + " goes beyond the " + whole.frames() + " frames of " + path + "; enter at most " + available
                    + ", or 0 for all");
            }
            final int count = frameCount == 0 ? available : frameCount;
            final double px = pixelSizeNm > 0 ? pixelSizeNm : whole.pixelSizeNm();
            final String desc = path + (first == 0 && count == whole.frames() ? ""
                : " (frames " + firstFrame + " to " + (first + count) + ")");
            return new StackReference(path.toString(), false, first, count, whole.height(), whole.width(),
                px > 0 ? px : Double.NaN, desc);
        }
    }
}
