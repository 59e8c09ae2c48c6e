package org.knime.core.data;

/** Compile-only placeholder of KNIME's {@code org.knime.core.data.DoubleValue} (see README.md). */
public interface DoubleValue extends DataValue {

    double getDoubleValue();
}
