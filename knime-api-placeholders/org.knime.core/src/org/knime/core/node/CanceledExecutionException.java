package org.knime.core.node;

/** Compile-only placeholder of KNIME's {@code org.knime.core.node.CanceledExecutionException} (see README.md). */
public class CanceledExecutionException extends Exception {
    private static final long serialVersionUID = 1L;

    public CanceledExecutionException(final String message) {
        throw new UnsupportedOperationException();
    }
}
