package org.knime.depaf.core.image;

import java.util.Objects;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;

/**
 * An in-memory stack of 2-D frames: frames × height × width, 32-bit float values.
 *
 * <p>Pixels live in one {@code float[]}, frame after frame, each frame row after row (index
 * {@code (f * height + y) * width + x}); rows are the image height (y), columns the width (x). The same
 * array backs the imglib2 view {@link #asImg()} (dimensions x, y, frame), so hot loops use
 * {@link #pixels()} directly and library code can use imglib2. 1-D traces are stacks with width 1.
 *
 * <p>The pixel array is shared, not copied: a stack is treated as read-only once built. Long stacks are read
 * through a {@link FrameSource} in frame ranges, never whole.
 */
public final class ImageStack {

    private final float[] pixels;
    private final int frames;
    private final int height;
    private final int width;
    private final double pixelSizeNm;
    private final String source;

    /**
     * @param pixels frame-major, row-major pixels, length frames·height·width (not copied)
     * @param frames number of frames, ≥ 1
     * @param height frame height in pixels (rows), ≥ 1
     * @param width frame width in pixels (columns), ≥ 1
     * @param pixelSizeNm camera pixel size in nm, or NaN when unknown
     * @param source where the pixels came from (a file path or a description), for messages and provenance
     */
    public ImageStack(final float[] pixels, final int frames, final int height, final int width,
        final double pixelSizeNm, final String source) {
        this.source = source == null ? "image stack" : source;
        if (frames < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException(this.source + ": a stack needs at least one frame of at least 1 × 1 "
                + "pixels, got " + frames + " frames of " + height + " × " + width);
        }
        Objects.requireNonNull(pixels, "pixels");
        if ((long)frames * height * width != pixels.length) {
            throw new IllegalArgumentException(this.source + ": expected " + ((long)frames * height * width)
                + " pixels for " + frames + " × " + height + " × " + width + ", got " + pixels.length);
        }
        if (!(Double.isNaN(pixelSizeNm) || pixelSizeNm > 0 && Double.isFinite(pixelSizeNm))) {
            throw new IllegalArgumentException(this.source + ": pixel size must be a positive number of nm, got "
                + pixelSizeNm);
        }
        this.pixels = pixels;
        this.frames = frames;
        this.height = height;
        this.width = width;
        this.pixelSizeNm = pixelSizeNm;
    }

    /** @return a zero-filled stack of the given size, pixel size unknown */
    public static ImageStack zeros(final int frames, final int height, final int width) {
        return new ImageStack(new float[Math.multiplyExact(Math.multiplyExact(frames, height), width)], frames,
            height, width, Double.NaN, "new stack");
    }

    /** @return the backing pixel array (frame-major, row-major), not a copy */
    public float[] pixels() {
        return pixels;
    }

    public int frames() {
        return frames;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    /** @return pixels per frame, height·width */
    public int frameSize() {
        return height * width;
    }

    /** @return camera pixel size in nm, NaN when unknown */
    public double pixelSizeNm() {
        return pixelSizeNm;
    }

    /** @return where the pixels came from, for messages and provenance */
    public String source() {
        return source;
    }

    /** @return offset of frame {@code f} (0-based) in {@link #pixels()} */
    public int frameOffset(final int f) {
        Objects.checkIndex(f, frames);
        return f * height * width;
    }

    /** @return a copy of frame {@code f} (0-based), row-major */
    public float[] frame(final int f) {
        final int off = frameOffset(f);
        final float[] out = new float[height * width];
        System.arraycopy(pixels, off, out, 0, out.length);
        return out;
    }

    /** @return pixel value at frame f, row y, column x (all 0-based) */
    public float get(final int f, final int y, final int x) {
        return pixels[(f * height + y) * width + x];
    }

    /** @return this stack with another pixel size (pixels shared) */
    public ImageStack withPixelSize(final double nm) {
        return new ImageStack(pixels, frames, height, width, nm, source);
    }

    /** @return a view of frames [first, first+count) as a new stack, copying only those frames */
    public ImageStack subStack(final int first, final int count) {
        FrameSource.requireRange(source, frames, first, count);
        final float[] out = new float[count * frameSize()];
        System.arraycopy(pixels, first * frameSize(), out, 0, out.length);
        return new ImageStack(out, count, height, width, pixelSizeNm, source);
    }

    /**
     * @return the same pixels as an imglib2 image with dimensions (x = width, y = height, frame)
     */
    public ArrayImg<FloatType, FloatArray> asImg() {
        return ArrayImgs.floats(pixels, width, height, frames);
    }

    /**
     * Checks that every pixel is a finite number.
     *
     * @throws IllegalArgumentException naming the source, the first bad frame and pixel
     */
    public ImageStack requireFinite() {
        for (int i = 0; i < pixels.length; i++) {
            if (!Float.isFinite(pixels[i])) {
                final int f = i / frameSize();
                final int y = i % frameSize() / width;
                final int x = i % width;
                throw new IllegalArgumentException(source + ": pixel (x=" + x + ", y=" + y + ") of frame " + (f + 1)
                    + " is " + pixels[i] + "; every pixel must be a finite number");
            }
        }
        return this;
    }

    @Override
    public String toString() {
        return source + " [" + frames + " × " + height + " × " + width + "]";
    }
}
