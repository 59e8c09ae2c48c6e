package org.knime.core.data.convert.map;

/**
 * Compile-only placeholder of KNIME's {@code org.knime.core.data.convert.map.IdentifiableType} (see README.md): here
 * only as a supertype of other placeholders, so their supertypes match KNIME's.
 */
public interface IdentifiableType {
}
