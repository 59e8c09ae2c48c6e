package org.knime.core.node.port;

/** Compile-only placeholder of KNIME's {@code org.knime.core.node.port.AbstractPortObject} (see README.md). */
public abstract class AbstractPortObject implements PortObject {

    public AbstractPortObject() {
        throw new UnsupportedOperationException();
    }
}
