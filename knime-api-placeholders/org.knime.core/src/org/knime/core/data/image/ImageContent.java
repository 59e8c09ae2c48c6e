package org.knime.core.data.image;

/** Compile-only placeholder of KNIME's {@code org.knime.core.data.image.ImageContent} (see README.md). */
public interface ImageContent {
}
