package org.knime.depaf.core.image;

import java.util.Objects;

/**
 * A {@link FrameSource} over a stack already in memory, for code that takes a source but has the pixels (tests,
 * MAT v5 files, stacks built by the caller). Frame ranges are copied out of the stack. Thread-safe, since the
 * stack is read-only.
 */
public final class InMemoryFrameSource implements FrameSource {

    private final ImageStack stack;

    /** @param stack the frames (not copied) */
    public InMemoryFrameSource(final ImageStack stack) {
        this.stack = Objects.requireNonNull(stack, "stack");
    }

    @Override
    public int frames() {
        return stack.frames();
    }

    @Override
    public int height() {
        return stack.height();
    }

    @Override
    public int width() {
        return stack.width();
    }

    @Override
    public double pixelSizeNm() {
        return stack.pixelSizeNm();
    }

    @Override
    public String source() {
        return stack.source();
    }

    @Override
    public ImageStack read(final int first, final int count) {
        return stack.subStack(first, count);
    }

    /** @return the whole stack itself, not a copy */
    @Override
    public ImageStack readAll() {
        return stack;
    }

    @Override
    public void close() {
        // nothing to release
    }

    @Override
    public String toString() {
        return "in memory " + stack;
    }
}
