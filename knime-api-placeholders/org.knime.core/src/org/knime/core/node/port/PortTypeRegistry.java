package org.knime.core.node.port;

/** Compile-only placeholder of KNIME's {@code org.knime.core.node.port.PortTypeRegistry} (see README.md). */
public final class PortTypeRegistry {

    private PortTypeRegistry() {
        throw new UnsupportedOperationException();
    }

    public static PortTypeRegistry getInstance() {
        throw new UnsupportedOperationException();
    }

    public synchronized PortType getPortType(final Class<? extends PortObject> portClass) {
        throw new UnsupportedOperationException();
    }
}
