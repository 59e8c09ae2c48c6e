package org.knime.core.data;

/** Compile-only placeholder of KNIME's {@code org.knime.core.data.DataColumnSpec} (see README.md). */
public final class DataColumnSpec {

    private DataColumnSpec() {
        throw new UnsupportedOperationException();
    }

    public String getName() {
        throw new UnsupportedOperationException();
    }

    public DataColumnProperties getProperties() {
        throw new UnsupportedOperationException();
    }
}
