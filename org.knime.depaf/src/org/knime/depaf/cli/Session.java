package org.knime.depaf.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What a running subcommand may use of its surroundings: standard output for results, standard error for progress,
 * the quiet and verbose switches and the cancellation flag that Ctrl-C sets. One per command run.
 */
final class Session {

    private final PrintStream out;
    private final PrintStream err;
    private final boolean quiet;
    private final boolean verbose;
    private final ProgressMonitor.Style style;
    private final AtomicBoolean cancelled;
    private final double lineIntervalSeconds;
    private boolean dataOnStdout;

    Session(final PrintStream out, final PrintStream err, final boolean quiet, final boolean verbose,
        final ProgressMonitor.Style style, final AtomicBoolean cancelled, final double lineIntervalSeconds) {
        this.out = out;
        this.err = err;
        this.quiet = quiet;
        this.verbose = verbose;
        this.style = quiet ? ProgressMonitor.Style.NONE : style;
        this.cancelled = cancelled;
        this.lineIntervalSeconds = lineIntervalSeconds;
    }

    /** @return standard output, for results that are the command's purpose (printed even with --quiet) */
    PrintStream out() {
        return out;
    }

    /** Prints an informational line on standard output (standard error when it carries data) unless --quiet. */
    void info(final String format, final Object... args) {
        if (!quiet) {
            final PrintStream to = dataOnStdout ? err : out;
            to.println(args.length == 0 ? format : String.format(Locale.ROOT, format, args));
            to.flush();
        }
    }

    /** @return where results for a person go: standard output, or standard error when a table takes it */
    PrintStream report() {
        return dataOnStdout ? err : out;
    }

    /** A table goes to standard output ({@code -o -}): keep messages out of it. */
    void dataOnStandardOutput() {
        dataOnStdout = true;
    }

    /** Prints a warning on standard error (also with --quiet: warnings matter). */
    void warn(final String message) {
        err.println("warning: " + message);
        err.flush();
    }

    /** @return whether --verbose was given */
    boolean verbose() {
        return verbose;
    }

    /** @return a progress display for one step of the run (close it when the step ends) */
    ProgressMonitor progress(final String task) {
        return new ProgressMonitor(err, style, task, cancelled, lineIntervalSeconds, System::nanoTime);
    }
}
