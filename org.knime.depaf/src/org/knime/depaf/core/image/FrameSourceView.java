package org.knime.depaf.core.image;

import java.io.IOException;
import java.util.Objects;


/**
 * A view of frames [first, first + count) of another {@link FrameSource}, optionally with another pixel size. Frame 0
 * of the view is frame {@code first} of the source. Closing the view closes the source. Not thread-safe (as the
 * source).
 */
public final class FrameSourceView implements FrameSource {

    private final FrameSource source;
    private final int first;
    private final int count;
    private final double pixelSizeNm;
    private final String description;

    private FrameSourceView(final FrameSource source, final int first, final int count, final double pixelSizeNm,
        final String description) {
        this.source = source;
        this.first = first;
        this.count = count;
        this.pixelSizeNm = pixelSizeNm;
        this.description = description;
    }

    /**
     * @param source the whole stack (owned by the view from now on)
     * @param first first frame, 0-based
     * @param count number of frames, ≥ 1
     * @param pixelSizeNm pixel size in nm, or NaN to keep the source's
     * @param description the view's description, or null to keep the source's
     * @return the view
     * @throws IllegalArgumentException naming the stack when the range lies outside it
     */
    public static FrameSourceView of(final FrameSource source, final int first, final int count,
        final double pixelSizeNm, final String description) {
        Objects.requireNonNull(source, "source");
        if (first < 0 || count < 1 || (long)first + count > source.frames()) {
            throw new IllegalArgumentException(source.source() + " has " + source.frames() + " frames; frames "
                + (first + 1) + " to " + ((long)first + count) + " are not all in it");
        }
        return new FrameSourceView(source, first, count, pixelSizeNm, description);
    }

    /**
     * @param source the stack (owned by the view from now on)
     * @param pixelSizeNm the pixel size in nm that replaces the file's (e.g. given by the user), &gt; 0
     * @return all frames of the source with that pixel size
     */
    public static FrameSourceView withPixelSize(final FrameSource source, final double pixelSizeNm) {
        if (!(pixelSizeNm > 0) || Double.isInfinite(pixelSizeNm)) {
            throw new IllegalArgumentException("pixel size must be a positive number of nm, got " + pixelSizeNm);
        }
        return of(source, 0, source.frames(), pixelSizeNm, null);
    }

    @Override
    public int frames() {
        return count;
    }

    @Override
    public int height() {
        return source.height();
    }

    @Override
    public int width() {
        return source.width();
    }

    @Override
    public double pixelSizeNm() {
        return Double.isNaN(pixelSizeNm) ? source.pixelSizeNm() : pixelSizeNm;
    }

    @Override
    public String source() {
        return description == null ? source.source() : description;
    }

    @Override
    public ImageStack read(final int firstFrame, final int frames) throws IOException {
        FrameSource.requireRange(source(), count, firstFrame, frames);
        final ImageStack s = source.read(first + firstFrame, frames);
        return new ImageStack(s.pixels(), s.frames(), s.height(), s.width(), pixelSizeNm(), source());
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
