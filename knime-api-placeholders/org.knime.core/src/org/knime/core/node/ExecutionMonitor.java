package org.knime.core.node;

/** Compile-only placeholder of KNIME's {@code org.knime.core.node.ExecutionMonitor} (see README.md). */
public class ExecutionMonitor {

    public void setProgress(final double progress, final String message) {
        throw new UnsupportedOperationException();
    }

    public void setMessage(final String message) {
        throw new UnsupportedOperationException();
    }

    public void checkCanceled() throws CanceledExecutionException {
        throw new UnsupportedOperationException();
    }
}
