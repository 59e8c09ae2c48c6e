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

    /** Reads every frame; only for stacks known to be small. */
    default ImageStack readAll() throws IOException {
        return read(0, frames());
    }

    @Override
    void close() throws IOException;
}
