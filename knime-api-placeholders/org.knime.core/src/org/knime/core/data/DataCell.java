package org.knime.core.data;

import java.io.Serializable;

/** Compile-only placeholder of KNIME's {@code org.knime.core.data.DataCell} (see README.md). */
@SuppressWarnings("serial") // a placeholder is never serialized
public abstract class DataCell implements DataValue, Serializable {

    public DataCell() {
        throw new UnsupportedOperationException();
    }

    public boolean isMissing() {
        throw new UnsupportedOperationException();
    }
}
