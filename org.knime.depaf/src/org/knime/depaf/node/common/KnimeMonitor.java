package org.knime.depaf.node.common;

import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionMonitor;
import org.knime.depaf.core.util.Monitor;

/**
 * The engine's {@link Monitor} on top of KNIME's {@link ExecutionMonitor}: progress and its message go to the node's
 * progress bar, cancellation is KNIME's cancel button. Thread-safe as the execution monitor.
 */
public final class KnimeMonitor implements Monitor {

    private final ExecutionMonitor m_exec;

    /** @param exec the node's execution monitor */
    public KnimeMonitor(final ExecutionMonitor exec) {
        m_exec = exec;
    }

    @Override
    public void progress(final double fraction, final String message) {
        if (Double.isNaN(fraction)) {
            m_exec.setMessage(message);
        } else {
            m_exec.setProgress(Math.max(0, Math.min(1, fraction)), message);
        }
    }

    @Override
    public boolean isCancelled() {
        try {
            m_exec.checkCanceled();
            return false;
        } catch (CanceledExecutionException e) { // NOSONAR: the exception is the answer
            return true;
        }
    }
}
