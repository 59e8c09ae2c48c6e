package org.knime.core.data.def;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataType;
import org.knime.core.data.DoubleValue;

/** Compile-only placeholder of KNIME's {@code org.knime.core.data.def.IntCell} (see README.md). */
public final class IntCell extends DataCell implements DoubleValue {

    public static final DataType TYPE = null;

    public IntCell(final int value) {
        throw new UnsupportedOperationException();
    }

    @Override
    public double getDoubleValue() {
        throw new UnsupportedOperationException();
    }
}
