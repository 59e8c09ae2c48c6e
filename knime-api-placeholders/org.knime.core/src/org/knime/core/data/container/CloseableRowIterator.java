package org.knime.core.data.container;

import java.io.Closeable;

import org.knime.core.data.RowIterator;

/**
 * Compile-only placeholder of KNIME's {@code org.knime.core.data.container.CloseableRowIterator} (see README.md): what
 * {@code BufferedDataTable.iterator()} returns.
 */
public abstract class CloseableRowIterator extends RowIterator implements Closeable {

    public CloseableRowIterator() {
        throw new UnsupportedOperationException();
    }

    /** Unlike {@link Closeable#close()}, throws no {@code IOException}. */
    @Override
    public abstract void close();
}
