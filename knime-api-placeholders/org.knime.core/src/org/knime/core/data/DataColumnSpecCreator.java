package org.knime.core.data;

/** Compile-only placeholder of KNIME's {@code org.knime.core.data.DataColumnSpecCreator} (see README.md). */
public final class DataColumnSpecCreator {

    public DataColumnSpecCreator(final String name, final DataType type) {
        throw new UnsupportedOperationException();
    }

    public void setProperties(final DataColumnProperties props) {
        throw new UnsupportedOperationException();
    }

    public DataColumnSpec createSpec() {
        throw new UnsupportedOperationException();
    }
}
