package org.knime.core.data.def;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataType;
import org.knime.core.data.NominalValue;
import org.knime.core.data.StringValue;

/** Compile-only placeholder of KNIME's {@code org.knime.core.data.def.StringCell} (see README.md). */
@SuppressWarnings("serial") // a placeholder is never serialized
public final class StringCell extends DataCell implements StringValue, NominalValue {

    public static final DataType TYPE = null;

    public StringCell(final String value) {
        throw new UnsupportedOperationException();
    }
}
