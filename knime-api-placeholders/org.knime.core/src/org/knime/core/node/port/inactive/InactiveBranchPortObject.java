package org.knime.core.node.port.inactive;

import javax.swing.JComponent;

import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;

/** Compile-only placeholder of KNIME's {@code org.knime.core.node.port.inactive.InactiveBranchPortObject} (see README.md). */
public final class InactiveBranchPortObject implements PortObject {

    public static final InactiveBranchPortObject INSTANCE = null;

    private InactiveBranchPortObject() {
        throw new UnsupportedOperationException();
    }

    @Override
    public String getSummary() {
        throw new UnsupportedOperationException();
    }

    @Override
    public PortObjectSpec getSpec() {
        throw new UnsupportedOperationException();
    }

    @Override
    public JComponent[] getViews() {
        throw new UnsupportedOperationException();
    }
}
