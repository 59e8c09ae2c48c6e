package org.knime.core.webui.node.view;

import org.knime.core.node.NodeModel;
import org.knime.core.node.wizard.page.WizardPageContribution;

/**
 * Compile-only placeholder of KNIME's {@code org.knime.core.webui.node.view.NodeViewFactory} (see README.md): here
 * only as a supertype of {@code DefaultNodeFactory}, which implements its methods, so none is declared.
 */
public interface NodeViewFactory<T extends NodeModel> extends WizardPageContribution {
}
