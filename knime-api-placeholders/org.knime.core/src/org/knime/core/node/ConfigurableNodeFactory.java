package org.knime.core.node;

/** Compile-only placeholder of KNIME's {@code org.knime.core.node.ConfigurableNodeFactory} (see README.md). */
public abstract class ConfigurableNodeFactory<T extends NodeModel> extends NodeFactory<T> {

    protected ConfigurableNodeFactory(final boolean lazyInitialization) {
        super(lazyInitialization);
        throw new UnsupportedOperationException();
    }
}
