package org.knime.depaf.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

import org.knime.depaf.core.util.Monitor;

/**
 * Shows the engine's progress on standard error and passes Ctrl-C to it as cancellation.
 *
 * <ul>
 * <li>{@link Style#BAR} (a terminal): one line redrawn in place with {@code \r}, at most ten times a second:
 * {@code training [#######-------]  48%  0:42 left  iteration 120 (epoch 3): loss 0.53, …}.</li>
 * <li>{@link Style#LINES} (output redirected to a file or a pipe): a plain line at most every few seconds, so a
 * cluster log stays readable.</li>
 * <li>{@link Style#NONE} ({@code --quiet}): nothing.</li>
 * </ul>
 * Thread-safe: the engine reports from several threads. {@link #close()} ends the line of a bar.
 */
final class ProgressMonitor implements Monitor, AutoCloseable {

    /** How progress is shown. */
    enum Style {
        /** A bar redrawn in place (for terminals). */
        BAR,
        /** Plain lines, at most every few seconds (for logs). */
        LINES,
        /** Nothing (--quiet). */
        NONE
    }

    private static final long BAR_INTERVAL_NS = 100_000_000L;

    private static final int BAR_CELLS = 20;

    private final PrintStream err;
    private final Style style;
    private final String task;
    private final AtomicBoolean cancelled;
    private final LongSupplier clock;
    private final long lineIntervalNs;
    private final int width;
    private final long started;
    private long lastShown = Long.MIN_VALUE;
    private int lastLength;
    private double lastFraction = Double.NaN;
    private String lastMessage;
    private boolean shown;

    /**
     * @param err where progress goes (standard error)
     * @param style how it is shown
     * @param task a few words naming the step ("training")
     * @param cancelled the flag Ctrl-C sets; shared by every monitor of the run
     * @param lineIntervalSeconds the least time between two plain lines
     * @param clock nanosecond clock (System::nanoTime; tests give their own)
     */
    ProgressMonitor(final PrintStream err, final Style style, final String task, final AtomicBoolean cancelled,
        final double lineIntervalSeconds, final LongSupplier clock) {
        this.err = err;
        this.style = style;
        this.task = task;
        this.cancelled = cancelled;
        this.clock = clock;
        this.lineIntervalNs = (long)(lineIntervalSeconds * 1e9);
        this.width = terminalWidth();
        this.started = clock.getAsLong();
    }

    @Override
    public synchronized void progress(final double fraction, final String message) {
        if (!Double.isNaN(fraction)) {
            lastFraction = fraction;
        }
        if (message != null) {
            lastMessage = message;
        }
        if (style == Style.NONE) {
            return;
        }
        final long now = clock.getAsLong();
        final long interval = style == Style.BAR ? BAR_INTERVAL_NS : lineIntervalNs;
        if (shown && now - lastShown < interval) {
            return;
        }
        lastShown = now;
        shown = true;
        if (style == Style.BAR) {
            drawBar(now);
        } else {
            err.println(task + ": " + percent() + (lastMessage == null ? "" : "  " + lastMessage));
            err.flush();
        }
    }

    @Override
    public boolean isCancelled() {
        return cancelled.get();
    }

    /** Shows the final state: a full bar, or a closing line; call once the step succeeded. */
    synchronized void done(final String summary) {
        if (style == Style.NONE) {
            return;
        }
        final String seconds = String.format(Locale.ROOT, "%.0f s", (clock.getAsLong() - started) / 1e9);
        final String text = task + ": done in " + seconds + (summary == null ? "" : ", " + summary);
        if (style == Style.BAR) {
            redraw(text);
            err.println();
            shown = false;
            lastLength = 0;
        } else {
            err.println(text);
        }
        err.flush();
    }

    /** Ends the bar's line so that what follows (an error) starts on a fresh line. */
    @Override
    public synchronized void close() {
        if (style == Style.BAR && shown) {
            err.println();
            err.flush();
            shown = false;
        }
    }

    private void drawBar(final long now) {
        final StringBuilder sb = new StringBuilder(task).append(" [");
        final double f = Double.isNaN(lastFraction) ? 0 : Math.max(0, Math.min(1, lastFraction));
        final int full = (int)Math.round(f * BAR_CELLS);
        sb.append("#".repeat(full)).append("-".repeat(BAR_CELLS - full)).append("] ").append(percent());
        final double elapsed = (now - started) / 1e9;
        if (f > 0.02 && f < 1) {
            sb.append("  ").append(clockTime(elapsed * (1 - f) / f)).append(" left");
        }
        if (lastMessage != null) {
            sb.append("  ").append(lastMessage);
        }
        redraw(sb.toString());
    }

    private void redraw(final String text) {
        final String line = text.length() > width - 1 ? text.substring(0, Math.max(0, width - 2)) + "…" : text;
        final int pad = Math.max(0, lastLength - line.length());
        err.print("\r" + line + " ".repeat(pad));
        err.flush();
        lastLength = line.length();
    }

    private String percent() {
        return Double.isNaN(lastFraction) ? "  ?%" : String.format(Locale.ROOT, "%3.0f%%", 100 * lastFraction);
    }

    static String clockTime(final double seconds) {
        final long s = Math.round(Math.max(0, seconds));
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
            : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    private static int terminalWidth() {
        try {
            final String columns = System.getenv("COLUMNS");
            if (columns != null) {
                final int c = Integer.parseInt(columns.trim());
                if (c >= 40) {
                    return c;
                }
            }
        } catch (final NumberFormatException e) {
            // not a number: use the default
        }
        return 100;
    }
}
