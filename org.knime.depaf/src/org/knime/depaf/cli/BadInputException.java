package org.knime.depaf.cli;

/**
 * A problem with what the user gave (a missing or unreadable file, an option that does not fit the data): the
 * command stops with exit code {@link DepafCli#EXIT_USAGE} and prints the message as one line.
 */
final class BadInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message what is wrong and what was expected, naming the file or option */
    BadInputException(final String message) {
        super(message);
    }

    /**
     * @param message what is wrong and what was expected
     * @param cause the engine's exception
     */
    BadInputException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
