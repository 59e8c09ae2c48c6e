package org.knime.core.node;

/** Compile-only placeholder of KNIME's {@code org.knime.core.node.InvalidSettingsException} (see README.md). */
public class InvalidSettingsException extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidSettingsException(final String s) {
        throw new UnsupportedOperationException();
    }

    public InvalidSettingsException(final String msg, final Throwable cause) {
        throw new UnsupportedOperationException();
    }
}
