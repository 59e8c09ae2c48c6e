package org.knime.depaf.node.common;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.KNIMEException;
import org.knime.depaf.core.util.CancelledException;

/**
 * Runs engine work inside a node and turns its exceptions into KNIME's: a cancelled engine run becomes
 * {@link CanceledExecutionException}; bad parameters and unreadable files become {@link KNIMEException}s with the
 * engine's message, which names the option or file and says what to change.
 */
public final class NodeFailures {

    /** Engine work that may fail. */
    @FunctionalInterface
    public interface Work<T> {
        /** @return the result */
        T run() throws IOException;
    }

    private NodeFailures() {
    }

    /**
     * @return the work's result
     * @throws CanceledExecutionException if the user cancelled
     * @throws KNIMEException if the engine refused the input or a file could not be read or written
     */
    public static <T> T execute(final Work<T> work) throws CanceledExecutionException, KNIMEException {
        try {
            return work.run();
        } catch (CancelledException e) {
            throw new CanceledExecutionException(e.getMessage());
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            throw new KNIMEException(e.getMessage(), e);
        }
    }

    /**
     * Runs a check of the options during configuration.
     *
     * @throws InvalidSettingsException with the check's message
     */
    public static void configure(final Runnable check) throws InvalidSettingsException {
        try {
            check.run();
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException(e.getMessage(), e);
        }
    }
}
