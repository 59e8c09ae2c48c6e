package org.knime.core.data;

/** Compile-only placeholder of KNIME's {@code org.knime.core.data.RowKey} (see README.md). */
public final class RowKey implements RowKeyValue {

    public RowKey(final String key) {
        throw new UnsupportedOperationException();
    }
}
