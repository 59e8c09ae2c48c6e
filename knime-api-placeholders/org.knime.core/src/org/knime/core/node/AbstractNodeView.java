package org.knime.core.node;

/**
 * Compile-only placeholder of KNIME's {@code org.knime.core.node.AbstractNodeView} (see README.md): here only as a
 * supertype of other placeholders, so their supertypes match KNIME's.
 */
public abstract class AbstractNodeView<T extends AbstractNodeView.ViewableModel> {

    protected AbstractNodeView(final T nodeModel) {
        throw new UnsupportedOperationException();
    }

    /** {@code NodeModel}'s supertype. */
    public interface ViewableModel {
    }
}
