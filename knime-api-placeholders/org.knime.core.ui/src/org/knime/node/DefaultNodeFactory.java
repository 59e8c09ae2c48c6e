package org.knime.node;

import org.knime.core.node.ConfigurableNodeFactory;
import org.knime.core.node.NodeModel;

/** Compile-only placeholder of KNIME's {@code org.knime.node.DefaultNodeFactory} (see README.md). */
public abstract class DefaultNodeFactory extends ConfigurableNodeFactory<NodeModel> {

    protected DefaultNodeFactory(final DefaultNode node) {
        super(true);
        throw new UnsupportedOperationException();
    }
}
