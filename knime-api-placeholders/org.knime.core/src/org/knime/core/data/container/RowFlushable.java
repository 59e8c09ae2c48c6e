package org.knime.core.data.container;

/**
 * Compile-only placeholder of KNIME's {@code org.knime.core.data.container.RowFlushable} (see README.md): here only as
 * a supertype of other placeholders, so their supertypes match KNIME's.
 */
public interface RowFlushable {
}
