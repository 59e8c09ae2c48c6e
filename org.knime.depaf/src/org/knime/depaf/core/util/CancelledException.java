package org.knime.depaf.core.util;

/** Thrown by engine work that stopped because its {@link Monitor} was cancelled. */
public final class CancelledException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with the standard message. */
    public CancelledException() {
        super("Cancelled by the user");
    }
}
