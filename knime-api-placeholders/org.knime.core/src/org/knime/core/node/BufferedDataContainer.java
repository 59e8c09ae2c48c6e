package org.knime.core.node;

import org.knime.core.data.container.DataContainer;

/** Compile-only placeholder of KNIME's {@code org.knime.core.node.BufferedDataContainer} (see README.md). */
public class BufferedDataContainer extends DataContainer {

    private BufferedDataContainer() {
        super(null);
        throw new UnsupportedOperationException();
    }

    @Override
    public BufferedDataTable getTable() {
        throw new UnsupportedOperationException();
    }
}
