package org.knime.core.data;

/**
 * Compile-only placeholder of KNIME's {@code org.knime.core.data.IntValue} (see README.md): here only as a supertype of
 * other placeholders, so their supertypes match KNIME's.
 */
public interface IntValue extends DataValue {
}
