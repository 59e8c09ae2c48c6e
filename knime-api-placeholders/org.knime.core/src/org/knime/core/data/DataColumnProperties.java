package org.knime.core.data;

import java.util.Map;

/** Compile-only placeholder of KNIME's {@code org.knime.core.data.DataColumnProperties} (see README.md). */
public final class DataColumnProperties implements Cloneable {

    public DataColumnProperties(final Map<String, String> content) {
        throw new UnsupportedOperationException();
    }

    public String getProperty(final String key) {
        throw new UnsupportedOperationException();
    }
}
