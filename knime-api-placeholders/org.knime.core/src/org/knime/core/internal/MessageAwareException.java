package org.knime.core.internal;

/**
 * Compile-only placeholder of KNIME's {@code org.knime.core.internal.MessageAwareException} (see README.md): here only
 * as a supertype of other placeholders, so their supertypes match KNIME's.
 */
public interface MessageAwareException {
}
