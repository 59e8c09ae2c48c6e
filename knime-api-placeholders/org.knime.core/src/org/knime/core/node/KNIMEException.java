package org.knime.core.node;

import org.knime.core.internal.MessageAwareException;

/** Compile-only placeholder of KNIME's {@code org.knime.core.node.KNIMEException} (see README.md). */
@SuppressWarnings("serial") // a placeholder is never serialized
public final class KNIMEException extends Exception implements MessageAwareException {

    public KNIMEException(final String message, final Throwable cause) {
        throw new UnsupportedOperationException();
    }

    public KNIMEException(final String message) {
        throw new UnsupportedOperationException();
    }
}
