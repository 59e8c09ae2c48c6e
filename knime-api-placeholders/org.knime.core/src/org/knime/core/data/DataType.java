package org.knime.core.data;

import org.knime.core.data.convert.map.IdentifiableType;

/** Compile-only placeholder of KNIME's {@code org.knime.core.data.DataType} (see README.md). */
public final class DataType implements IdentifiableType {

    private DataType(final DataType type1, final DataType type2) {
        throw new UnsupportedOperationException();
    }

    public static DataCell getMissingCell() {
        throw new UnsupportedOperationException();
    }
}
