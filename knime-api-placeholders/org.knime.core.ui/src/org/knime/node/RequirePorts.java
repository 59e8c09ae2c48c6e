package org.knime.node;

import java.util.function.Consumer;
import org.knime.core.node.port.PortType;
import org.knime.node.DefaultNode.RequireModel;

/** Compile-only placeholder of KNIME's {@code org.knime.node.RequirePorts} (see README.md). */
public interface RequirePorts {

    default RequireModel ports(final Consumer<PortsAdder> ports) {
        throw new UnsupportedOperationException();
    }

    interface PortsAdder {

        PortsAdder addInputPort(String name, String description, PortType portType);

        PortsAdder addOutputPort(String name, String description, PortType portType);

        default PortsAdder addInputTable(final String name, final String description) {
            throw new UnsupportedOperationException();
        }

        default PortsAdder addOutputTable(final String name, final String description) {
            throw new UnsupportedOperationException();
        }
    }
}
