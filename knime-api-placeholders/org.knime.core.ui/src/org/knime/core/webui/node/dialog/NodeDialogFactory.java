package org.knime.core.webui.node.dialog;

/**
 * Compile-only placeholder of KNIME's {@code org.knime.core.webui.node.dialog.NodeDialogFactory} (see README.md):
 * here only as a supertype of {@code DefaultNodeFactory}, which implements its methods, so none is declared.
 */
public interface NodeDialogFactory {
}
