package org.knime.core.node.port;

/** Compile-only placeholder of KNIME's {@code org.knime.core.node.port.AbstractSimplePortObjectSpec} (see README.md). */
public abstract class AbstractSimplePortObjectSpec implements PortObjectSpec {

    public AbstractSimplePortObjectSpec() {
        throw new UnsupportedOperationException();
    }
}
