package org.knime.core.data;

import java.util.Iterator;
import javax.swing.JComponent;
import org.knime.core.node.port.PortObjectSpec;

/** Compile-only placeholder of KNIME's {@code org.knime.core.data.DataTableSpec} (see README.md). */
public final class DataTableSpec implements PortObjectSpec, Iterable<DataColumnSpec> {

    public DataTableSpec(final DataColumnSpec... colSpecs) {
        throw new UnsupportedOperationException();
    }

    public int getNumColumns() {
        throw new UnsupportedOperationException();
    }

    public DataColumnSpec getColumnSpec(final int index) {
        throw new UnsupportedOperationException();
    }

    public int findColumnIndex(final String columnName) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Iterator<DataColumnSpec> iterator() {
        throw new UnsupportedOperationException();
    }

    @Override
    public JComponent[] getViews() {
        throw new UnsupportedOperationException();
    }
}
