package org.knime.node.parameters;

import org.knime.core.node.InvalidSettingsException;
import org.knime.node.parameters.persistence.Persistable;

/** Compile-only placeholder of KNIME's {@code org.knime.node.parameters.NodeParameters} (see README.md). */
public interface NodeParameters extends Persistable, WidgetGroup {

    default void validate() throws InvalidSettingsException {
        throw new UnsupportedOperationException();
    }
}
