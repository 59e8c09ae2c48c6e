package org.knime.core.node.port;

/** Compile-only placeholder of KNIME's {@code org.knime.core.node.port.PortType} (see README.md). */
public final class PortType {

    private PortType() {
        throw new UnsupportedOperationException();
    }
}
