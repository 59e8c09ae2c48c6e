package org.knime.core.node;

/** Compile-only placeholder of KNIME's {@code org.knime.core.node.InvalidSettingsException} (see README.md). */
@SuppressWarnings("serial") // a placeholder is never serialized
public class InvalidSettingsException extends Exception {

    public InvalidSettingsException(final String s) {
        throw new UnsupportedOperationException();
    }

    public InvalidSettingsException(final String msg, final Throwable cause) {
        throw new UnsupportedOperationException();
    }
}
