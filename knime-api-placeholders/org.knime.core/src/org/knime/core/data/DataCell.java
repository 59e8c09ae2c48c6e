package org.knime.core.data;

/** Compile-only placeholder of KNIME's {@code org.knime.core.data.DataCell} (see README.md). */
public abstract class DataCell {

    protected DataCell() {
        throw new UnsupportedOperationException();
    }

    public boolean isMissing() {
        throw new UnsupportedOperationException();
    }
}
