package org.knime.core.data;

/** Compile-only placeholder of KNIME's {@code org.knime.core.data.DataValue} (see README.md). */
public interface DataValue {
}
