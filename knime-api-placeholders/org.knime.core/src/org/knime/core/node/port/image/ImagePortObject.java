package org.knime.core.node.port.image;

import javax.swing.JComponent;
import org.knime.core.data.image.ImageContent;
import org.knime.core.node.port.AbstractPortObject;
import org.knime.core.node.port.PortType;

/** Compile-only placeholder of KNIME's {@code org.knime.core.node.port.image.ImagePortObject} (see README.md). */
public class ImagePortObject extends AbstractPortObject {

    public static final PortType TYPE = null;

    public ImagePortObject(final ImageContent content, final ImagePortObjectSpec spec) {
        throw new UnsupportedOperationException();
    }

    @Override
    public String getSummary() {
        throw new UnsupportedOperationException();
    }

    @Override
    public ImagePortObjectSpec getSpec() {
        throw new UnsupportedOperationException();
    }

    @Override
    public JComponent[] getViews() {
        throw new UnsupportedOperationException();
    }
}
