package org.knime.node;

import org.knime.core.node.ConfigurableNodeFactory;
import org.knime.core.node.NodeModel;
import org.knime.core.webui.node.dialog.NodeDialogFactory;
import org.knime.core.webui.node.view.NodeViewFactory;

/** Compile-only placeholder of KNIME's {@code org.knime.node.DefaultNodeFactory} (see README.md). */
public abstract class DefaultNodeFactory extends ConfigurableNodeFactory<NodeModel>
    implements NodeDialogFactory, NodeViewFactory<NodeModel> {

    protected DefaultNodeFactory(final DefaultNode node) {
        super(true);
        throw new UnsupportedOperationException();
    }
}
