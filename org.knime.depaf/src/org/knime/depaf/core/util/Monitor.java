package org.knime.depaf.core.util;

/**
 * Progress and cancellation for long-running engine work.
 *
 * <p>The engine reports progress and polls for cancellation only through this interface; KNIME nodes and
 * the command line bridge it to their own mechanisms. Implementations must be thread-safe: parallel loops
 * call {@link #isCancelled()} and {@link #progress(double, String)} from several threads.
 */
public interface Monitor {

    /** A monitor that ignores progress and is never cancelled. */
    Monitor NONE = new Monitor() {
        @Override
        public void progress(final double fraction, final String message) {
            // ignored
        }

        @Override
        public boolean isCancelled() {
            return false;
        }
    };

    /**
     * Reports progress.
     *
     * @param fraction the fraction of the work done, in [0, 1], or NaN when unknown
     * @param message a short message for a person (e.g. "iteration 120, loss 0.53"), may be null
     */
    void progress(double fraction, String message);

    /** @return whether the caller asked the work to stop */
    boolean isCancelled();

    /**
     * Throws if the work was cancelled; long loops call this once per step.
     *
     * @throws CancelledException if {@link #isCancelled()} is true
     */
    default void checkCancelled() {
        if (isCancelled()) {
            throw new CancelledException();
        }
    }

    /**
     * A monitor for a sub-task that covers the part [from, to] of this monitor's progress range.
     *
     * @param from start of the sub-range, in [0, 1]
     * @param to end of the sub-range, in [from, 1]
     * @return a monitor that maps its fractions into [from, to] and shares this monitor's cancellation
     */
    default Monitor subTask(final double from, final double to) {
        if (!(from >= 0 && from <= to && to <= 1)) {
            throw new IllegalArgumentException("Sub-task range must satisfy 0 <= from <= to <= 1, got [" + from
                + ", " + to + "]");
        }
        final Monitor parent = this;
        return new Monitor() {
            @Override
            public void progress(final double fraction, final String message) {
                parent.progress(Double.isNaN(fraction) ? Double.NaN : from + (to - from) * fraction, message);
            }

            @Override
            public boolean isCancelled() {
                return parent.isCancelled();
            }
        };
    }
}
