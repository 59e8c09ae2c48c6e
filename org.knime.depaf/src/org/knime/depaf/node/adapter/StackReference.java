package org.knime.depaf.node.adapter;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.knime.depaf.core.image.FrameSource;
import org.knime.depaf.core.image.FrameSourceView;
import org.knime.depaf.core.image.StackFiles;

/**
 * What the Image Stack port carries instead of pixels: a stack file, a frame range in it and the pixel size, plus
 * the stack's size as far as it is known. Stacks are never copied into a workflow; a stack read from the user's
 * disk is referenced by its path, a stack a node computed lives in a file of the node (a KNIME file store), whose
 * path the port supplies when it opens the stack.
 *
 * @param file the stack file (TIFF or MAT) as given; for stacks in a file store only the file name matters
 * @param inFileStore whether the file lies in the port's file store (a computed stack) rather than at {@code file}
 * @param firstFrame first frame of the range, 0-based
 * @param frames frames in the range, or 0 for "to the end" (only while the file's length is not yet known)
 * @param height frame height in pixels, or 0 when not yet known
 * @param width frame width in pixels, or 0 when not yet known
 * @param pixelSizeNm camera pixel size in nm, NaN when unknown
 * @param description what the stack is, for a person (file name and frame range, or "background of …")
 */
public record StackReference(String file, boolean inFileStore, int firstFrame, int frames, int height, int width,
    double pixelSizeNm, String description) {

    private static final String WHAT = "Image stack reference";

    /** Checks the fields. */
    public StackReference {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(description, "description");
        if (firstFrame < 0 || frames < 0 || height < 0 || width < 0) {
            throw new IllegalArgumentException("Image stack reference needs a first frame, frame count and frame size "
                + "≥ 0, got " + firstFrame + ", " + frames + ", " + height + " × " + width);
        }
        if (!(Double.isNaN(pixelSizeNm) || pixelSizeNm > 0 && Double.isFinite(pixelSizeNm))) {
            throw new IllegalArgumentException("Pixel size must be a positive number of nm or unknown, got "
                + pixelSizeNm);
        }
    }

    /** @return whether the frame count and size are known (after the node that makes the stack ran) */
    public boolean isSizeKnown() {
        return frames > 0 && height > 0 && width > 0;
    }

    /**
     * Opens the referenced frames.
     *
     * @param location where the file is: {@code Path.of(file)} for a user's file, the file store's file otherwise
     * @return the frame range as a source with this reference's pixel size (close it when done)
     * @throws IOException if the file cannot be opened (the message names it) or no longer holds the frame range
     */
    public FrameSource open(final Path location) throws IOException {
        final FrameSource source = StackFiles.open(location);
        try {
            final int count = frames == 0 ? source.frames() - firstFrame : frames;
            return FrameSourceView.of(source, firstFrame, count, pixelSizeNm, description);
        } catch (IllegalArgumentException e) {
            source.close();
            throw new IOException(location + " no longer holds frames " + (firstFrame + 1) + " to "
                + (firstFrame + Math.max(frames, 1)) + " (" + e.getMessage() + "); was the file changed? Re-execute "
                + "the node that read it.", e);
        }
    }

    /** @return this reference with the size of the opened source filled in */
    public StackReference withSize(final FrameSource opened) {
        return new StackReference(file, inFileStore, firstFrame, opened.frames(), opened.height(), opened.width(),
            opened.pixelSizeNm(), description);
    }

    /** @return a short summary, e.g. "2000 frames of 64 × 64 px, 100 nm/px, from /data/x.tif" */
    public String summary() {
        final String size = isSizeKnown() ? frames + " frames of " + height + " × " + width + " px" : "size not yet known";
        final String px = Double.isNaN(pixelSizeNm) ? "pixel size unknown" : pixelSizeNm + " nm/px";
        return size + ", " + px + ", " + description;
    }

    /** @return the reference as text entries (see {@link PropertiesText}) */
    public Map<String, String> toMap() {
        final Map<String, String> m = new LinkedHashMap<>();
        m.put("format", "DEPAF image stack reference 1");
        m.put("file", file);
        m.put("inFileStore", Boolean.toString(inFileStore));
        m.put("firstFrame", Integer.toString(firstFrame));
        m.put("frames", Integer.toString(frames));
        m.put("height", Integer.toString(height));
        m.put("width", Integer.toString(width));
        m.put("pixelSizeNm", Double.toString(pixelSizeNm));
        m.put("description", description);
        return m;
    }

    /**
     * @return the reference from {@link #toMap()}'s entries
     * @throws IOException if an entry is missing or malformed
     */
    public static StackReference fromMap(final Map<String, String> m) throws IOException {
        try {
            return new StackReference(PropertiesText.required(m, "file", WHAT),
                Boolean.parseBoolean(PropertiesText.required(m, "inFileStore", WHAT)),
                PropertiesText.integer(m, "firstFrame", WHAT), PropertiesText.integer(m, "frames", WHAT),
                PropertiesText.integer(m, "height", WHAT), PropertiesText.integer(m, "width", WHAT),
                PropertiesText.number(m, "pixelSizeNm", WHAT), PropertiesText.required(m, "description", WHAT));
        } catch (IllegalArgumentException e) {
            throw new IOException(WHAT + " is damaged: " + e.getMessage(), e);
        }
    }
}
