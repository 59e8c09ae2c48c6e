package org.knime.core.data;

/** Compile-only placeholder of KNIME's {@code org.knime.core.data.DataType} (see README.md). */
public final class DataType {

    private DataType() {
        throw new UnsupportedOperationException();
    }

    public static DataCell getMissingCell() {
        throw new UnsupportedOperationException();
    }
}
