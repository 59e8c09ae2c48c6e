package org.knime.depaf.core.image;

import java.io.IOException;

/**
 * A stack on disk (or elsewhere) read in frame ranges, so a 100 000-frame stack is never held in memory whole.
 *
 * <p>Implementations are not required to be thread-safe; open one source per thread.
 */
public interface FrameSource extends AutoCloseable {

    /** @return number of frames, ≥ 1 */
    int frames();

    /** @return frame height (rows) */
    int height();

    /** @return frame width (columns) */
    int width();

    /** @return pixel size in nm from the file's metadata, NaN when the file does not say */
    double pixelSizeNm();

    /** @return the file path or description, for messages and provenance */
    String source();

    /**
     * Reads frames [first, first + count) (0-based) into a new stack.
     *
     * @throws IOException if the file cannot be read; the message names the file
     * @throws IllegalArgumentException if the range is outside the stack
     */
    ImageStack read(int first, int count) throws IOException;

    /**
     * Checks a frame range against a stack's length.
     *
     * @param source the stack's name, for the message
     * @param frames the stack's number of frames
     * @param first first frame (0-based)
     * @param count number of frames, ≥ 1
     * @throws IllegalArgumentException naming the stack and the range when it does not lie inside the stack
     */
    static void requireRange(final String source, final int frames, final int first, final int count) {
        if (first < 0 || count < 1 || (long)first + count > frames) {
            throw new IllegalArgumentException(source + ": frames " + (first + 1) + " to " + ((long)first + count)
                + " (1-based) are outside the stack's " + frames + " frames");
        }
    }

    /** Reads every frame; only for stacks known to be small. */
    default ImageStack readAll() throws IOException {
        return read(0, frames());
    }

    @Override
    void close() throws IOException;
}
