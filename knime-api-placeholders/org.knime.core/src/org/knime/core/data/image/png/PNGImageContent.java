package org.knime.core.data.image.png;

import org.knime.core.data.DataType;
import org.knime.core.data.image.ImageContent;

/** Compile-only placeholder of KNIME's {@code org.knime.core.data.image.png.PNGImageContent} (see README.md). */
public class PNGImageContent implements ImageContent {

    public static final DataType TYPE = null;

    public PNGImageContent(final byte[] imageBytes) {
        throw new UnsupportedOperationException();
    }
}
