package org.knime.core.node.port.image;

import javax.swing.JComponent;
import org.knime.core.data.DataType;
import org.knime.core.node.port.AbstractSimplePortObjectSpec;

/** Compile-only placeholder of KNIME's {@code org.knime.core.node.port.image.ImagePortObjectSpec} (see README.md). */
public final class ImagePortObjectSpec extends AbstractSimplePortObjectSpec {

    public ImagePortObjectSpec(final DataType type) {
        throw new UnsupportedOperationException();
    }

    @Override
    public JComponent[] getViews() {
        throw new UnsupportedOperationException();
    }
}
