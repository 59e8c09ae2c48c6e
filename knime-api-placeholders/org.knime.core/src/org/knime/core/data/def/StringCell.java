package org.knime.core.data.def;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataType;

/** Compile-only placeholder of KNIME's {@code org.knime.core.data.def.StringCell} (see README.md). */
public final class StringCell extends DataCell {

    public static final DataType TYPE = null;

    public StringCell(final String value) {
        throw new UnsupportedOperationException();
    }
}
