package org.knime.core.node;

/** Compile-only placeholder of KNIME's {@code org.knime.core.node.NodeModel} (see README.md). */
public abstract class NodeModel implements AbstractNodeView.ViewableModel {

    protected NodeModel(final int nrInDataPorts, final int nrOutDataPorts) {
        throw new UnsupportedOperationException();
    }
}
