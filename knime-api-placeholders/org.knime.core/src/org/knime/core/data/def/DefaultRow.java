package org.knime.core.data.def;

import java.util.Iterator;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataRow;
import org.knime.core.data.RowKey;

/** Compile-only placeholder of KNIME's {@code org.knime.core.data.def.DefaultRow} (see README.md). */
public class DefaultRow implements DataRow {

    public DefaultRow(final RowKey rowKey, final DataCell... row) {
        throw new UnsupportedOperationException();
    }

    @Override
    public final int getNumCells() {
        throw new UnsupportedOperationException();
    }

    @Override
    public final DataCell getCell(final int index) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Iterator<DataCell> iterator() {
        throw new UnsupportedOperationException();
    }
}
