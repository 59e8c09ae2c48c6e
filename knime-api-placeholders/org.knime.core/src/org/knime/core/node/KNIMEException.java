package org.knime.core.node;

/** Compile-only placeholder of KNIME's {@code org.knime.core.node.KNIMEException} (see README.md). */
public final class KNIMEException extends Exception {
    private static final long serialVersionUID = 1L;

    public KNIMEException(final String message, final Throwable cause) {
        throw new UnsupportedOperationException();
    }

    public KNIMEException(final String message) {
        throw new UnsupportedOperationException();
    }
}
