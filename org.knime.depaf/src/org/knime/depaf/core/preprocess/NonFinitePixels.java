package org.knime.depaf.core.preprocess;

import java.util.Locale;

/**
 * Non-finite pixels (NaN, +Inf, −Inf) in frames to predict on, and what was done about them.
 *
 * <p>They cannot be passed on: the spline resampling of {@link FramePreparer} spreads one NaN along its row and
 * column and the clamp then turns the frame into zeros, so a single bad pixel would silently erase every detection
 * of its frame. Prediction therefore replaces each by the median of its frame's finite pixels (a neutral value
 * that adds no spot) with {@link #repair}, and reports the count; a frame without any finite pixel has nothing to
 * predict on and is filled with a given value and counted as empty. Training refuses such frames instead
 * ({@link #first}), since replaced pixels would teach the network a pattern that is not in the data.
 *
 * <p>A value records the non-finite pixels of one frame or, {@link #plus merged} in frame order, of a run.
 * Immutable.
 *
 * @param pixels non-finite pixels found (including those of empty frames)
 * @param frames frames with at least one non-finite pixel (including the empty ones)
 * @param emptyPixels the pixels of the empty frames
 * @param emptyFrames frames without any finite pixel, predicted as empty
 * @param firstFrame 1-based frame of the first non-finite pixel in stack order, 0 when there is none
 * @param firstX 0-based column of that pixel, −1 when there is none
 * @param firstY 0-based row of that pixel, −1 when there is none
 */
public record NonFinitePixels(long pixels, int frames, long emptyPixels, int emptyFrames, int firstFrame, int firstX,
    int firstY) {

    /** Nothing found. */
    public static final NonFinitePixels NONE = new NonFinitePixels(0, 0, 0, 0, 0, -1, -1);

    /**
     * @param px pixels
     * @param off offset of the first pixel to look at
     * @param len number of pixels to look at
     * @return the index of the first non-finite pixel, relative to {@code off}, or −1 when all are finite
     */
    public static int first(final float[] px, final int off, final int len) {
        for (int i = 0; i < len; i++) {
            if (!Float.isFinite(px[off + i])) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Replaces, in place, each non-finite pixel of one frame by the median of the frame's finite pixels, or every
     * pixel by {@code whenEmpty} when none is finite.
     *
     * @param px pixels, modified
     * @param off offset of the frame's first pixel
     * @param height frame rows
     * @param width frame columns
     * @param oneBasedFrame the frame's number in the stack, for the record
     * @param whenEmpty the value of a frame without any finite pixel
     * @return what was found in this frame ({@link #NONE} when every pixel is finite; {@link #emptyFrames()} 1 when
     *         no pixel is)
     */
    public static NonFinitePixels repair(final float[] px, final int off, final int height, final int width,
        final int oneBasedFrame, final float whenEmpty) {
        final int len = height * width;
        final int first = first(px, off, len);
        if (first < 0) {
            return NONE;
        }
        final float[] finite = new float[len];
        int n = 0;
        for (int i = 0; i < len; i++) {
            if (Float.isFinite(px[off + i])) {
                finite[n++] = px[off + i];
            }
        }
        final float value = n == 0 ? whenEmpty : (float)Percentiles.prctile(finite, 0, n, 50);
        for (int i = first; i < len; i++) {
            if (!Float.isFinite(px[off + i])) {
                px[off + i] = value;
            }
        }
        return new NonFinitePixels(len - n, 1, n == 0 ? len : 0, n == 0 ? 1 : 0, oneBasedFrame, first % width,
            first / width);
    }

    /**
     * @param later what was found in later frames
     * @return both together; the first pixel is this one's when it has one
     */
    public NonFinitePixels plus(final NonFinitePixels later) {
        if (later.pixels == 0) {
            return this;
        }
        if (pixels == 0) {
            return later;
        }
        return new NonFinitePixels(pixels + later.pixels, frames + later.frames, emptyPixels + later.emptyPixels,
            emptyFrames + later.emptyFrames, firstFrame, firstX, firstY);
    }

    /**
     * The one warning the command line and the nodes show.
     *
     * @return e.g. "7 non-finite pixels (NaN/Inf) in 3 frames were replaced by their frame's median; first: frame
     *         12, x 5, y 9", or null when every pixel was finite
     */
    public String warning() {
        if (pixels == 0) {
            return null;
        }
        final StringBuilder sb = new StringBuilder();
        final long replaced = pixels - emptyPixels;
        final int replacedFrames = frames - emptyFrames;
        if (replaced > 0) {
            sb.append(replaced).append(replaced == 1 ? " non-finite pixel" : " non-finite pixels")
                .append(" (NaN/Inf) in ").append(replacedFrames).append(replacedFrames == 1 ? " frame " : " frames ")
                .append(replaced == 1 ? "was" : "were").append(" replaced by their frame's median; ");
        }
        if (emptyFrames > 0) {
            sb.append(emptyFrames).append(emptyFrames == 1 ? " frame" : " frames")
                .append(" without any finite pixel (NaN/Inf only) ").append(emptyFrames == 1 ? "was" : "were")
                .append(" predicted as empty (no localisations); ");
        }
        return sb.append(String.format(Locale.ROOT, "first: frame %d, x %d, y %d", firstFrame, firstX, firstY))
            .toString();
    }
}
