package org.knime.core.data.container;

import org.knime.core.data.DataRow;
import org.knime.core.data.DataTable;
import org.knime.core.data.DataTableSpec;

/** Compile-only placeholder of KNIME's {@code org.knime.core.data.container.DataContainer} (see README.md). */
public class DataContainer implements RowAppender, RowFlushable {

    public DataContainer(final DataTableSpec spec) {
        throw new UnsupportedOperationException();
    }

    public void addRowToTable(final DataRow row) {
        throw new UnsupportedOperationException();
    }

    public void close() {
        throw new UnsupportedOperationException();
    }

    public DataTable getTable() {
        throw new UnsupportedOperationException();
    }
}
