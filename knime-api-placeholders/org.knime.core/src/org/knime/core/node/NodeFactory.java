package org.knime.core.node;

/** Compile-only placeholder of KNIME's {@code org.knime.core.node.NodeFactory} (see README.md). */
public abstract class NodeFactory<T extends NodeModel> {

    protected NodeFactory(final boolean lazyInitialization) {
        throw new UnsupportedOperationException();
    }
}
