package org.knime.core.data;

import java.util.Iterator;

/**
 * Compile-only placeholder of KNIME's {@code org.knime.core.data.RowIterator} (see README.md): what {@code
 * BufferedDataTable.iterator()} returns.
 */
public abstract class RowIterator implements Iterator<DataRow> {

    public RowIterator() {
        throw new UnsupportedOperationException();
    }
}
