package org.knime.core.node;

import org.knime.core.internal.MessageAwareException;

/** Compile-only placeholder of KNIME's {@code org.knime.core.node.CanceledExecutionException} (see README.md). */
@SuppressWarnings("serial") // a placeholder is never serialized
public class CanceledExecutionException extends Exception implements MessageAwareException {

    public CanceledExecutionException(final String message) {
        throw new UnsupportedOperationException();
    }
}
