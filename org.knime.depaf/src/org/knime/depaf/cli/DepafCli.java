package org.knime.depaf.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.knime.depaf.core.net.Nd4jRuntime;
import org.knime.depaf.core.util.CancelledException;
import org.knime.depaf.core.util.DepafVersion;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code depaf}: the DEPAF engine on the command line, one subcommand per KNIME node.
 *
 * <p>{@link #main} runs a command and exits with its code; {@link #execute} runs one in-process (tests) and
 * returns the code. Exit codes: {@link #EXIT_OK}, {@link #EXIT_FAILED}, {@link #EXIT_USAGE},
 * {@link #EXIT_CANCELLED}. Errors are printed as one line, {@code depaf <command>: <what is wrong>}.
 */
@Command(name = "depaf", scope = ScopeType.INHERIT, mixinStandardHelpOptions = true,
    versionProvider = DepafCli.Version.class, sortOptions = false, usageHelpAutoWidth = true,
    description = {"DEPAF (DEep PAttern Fitting): find and localise fluorescence signals (SMLM emitters in 2-D and "
        + "3-D, spots, calcium spikes) without ground truth, and estimate the background.", ""},
    subcommands = {DemoCommand.class, TrainCommand.class, PredictCommand.class, ThresholdCommand.class,
        BackgroundCommand.class, PoiCommand.class, SimulateCommand.class, EvaluateCommand.class,
        RenderCommand.class},
    footer = {"", "Try it: depaf demo", "Each command explains itself: depaf train --help. Guide: docs/cli.md.",
        "Exit codes: 0 success, 1 the run failed, 2 bad usage or input, 130 stopped by Ctrl-C."})
public final class DepafCli implements Runnable {

    /** Exit code: success. */
    public static final int EXIT_OK = 0;

    /** Exit code: the run failed (an error while computing or writing). */
    public static final int EXIT_FAILED = 1;

    /** Exit code: bad usage or input (unknown option, missing or corrupt file, parameter out of range). */
    public static final int EXIT_USAGE = 2;

    /** Exit code: stopped by Ctrl-C (128 + SIGINT, the shell's convention); no output was left half-written. */
    public static final int EXIT_CANCELLED = 130;

    private final PrintStream out;
    private final PrintStream err;
    private final ProgressMonitor.Style progressStyle;
    private final AtomicBoolean cancelled;
    private final double lineIntervalSeconds;

    @Spec
    private CommandSpec spec;

    /**
     * A command line writing to the given streams.
     *
     * @param out standard output (results)
     * @param err standard error (progress, errors)
     * @param terminal whether progress may be drawn as a bar redrawn in place (else plain lines)
     * @param cancelled the flag that stops a running command when set (Ctrl-C)
     */
    public DepafCli(final PrintStream out, final PrintStream err, final boolean terminal,
        final AtomicBoolean cancelled) {
        this(out, err, terminal ? ProgressMonitor.Style.BAR : ProgressMonitor.Style.LINES, cancelled, 5);
    }

    DepafCli(final PrintStream out, final PrintStream err, final ProgressMonitor.Style style,
        final AtomicBoolean cancelled, final double lineIntervalSeconds) {
        this.out = out;
        this.err = err;
        this.progressStyle = style;
        this.cancelled = cancelled;
        this.lineIntervalSeconds = lineIntervalSeconds;
    }

    /**
     * Runs a command and exits the JVM with its exit code. Ctrl-C asks the running command to stop and waits up
     * to half a minute for it, so that it leaves no half-written file.
     *
     * @param args the command line
     */
    public static void main(final String[] args) {
        final AtomicBoolean cancelled = new AtomicBoolean();
        final CountDownLatch finished = new CountDownLatch(1);
        final Thread onInterrupt = new Thread(() -> {
            if (finished.getCount() == 0) {
                return; // a normal exit, not Ctrl-C
            }
            cancelled.set(true);
            System.err.println();
            System.err.println("depaf: interrupted; stopping without leaving half-written files …");
            System.err.flush();
            try {
                finished.await(30, TimeUnit.SECONDS);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "depaf-ctrl-c");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        int code = EXIT_FAILED;
        try {
            code = new DepafCli(System.out, System.err, System.console() != null, cancelled).execute(args);
        } catch (final OutOfMemoryError e) {
            System.err.println("depaf: out of memory; give Java more (JAVA_OPTS=-Xmx8g) or use smaller batches");
        } catch (final Throwable e) { // NOPMD: the last line of defence prints one line, never a raw trace
            System.err.println("depaf: internal error: " + e);
            e.printStackTrace();
        } finally {
            finished.countDown();
        }
        System.exit(code);
    }

    /**
     * Runs one command in this JVM.
     *
     * @param args the command line, e.g. {@code "evaluate", "loc.csv", "gt.csv"}
     * @return the exit code
     */
    public int execute(final String... args) {
        // ND4J must find its backend through this class loader before anything touches it (see Nd4jRuntime).
        Nd4jRuntime.initialise(DepafCli.class.getClassLoader(), null);
        final CommandLine cl = commandLine();
        final int code = cl.execute(args);
        // a result lost on the way (disk full, pipe closed) is a failed run, not a success
        if (out.checkError() && code == EXIT_OK) {
            err.println("depaf: writing to standard output failed (disk full, or the receiving program stopped); "
                + "the output is incomplete");
            err.flush();
            return EXIT_FAILED;
        }
        return code;
    }

    /** @return the configured picocli command line (for tests of the help text) */
    CommandLine commandLine() {
        final CommandLine cl = new CommandLine(this);
        cl.setResourceBundle(new PresetDefaults());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setParameterExceptionHandler(this::onBadUsage);
        cl.setExecutionExceptionHandler(this::onFailure);
        return cl;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command; choose one of "
            + String.join(", ", spec.subcommands().keySet()));
    }

    Session session(final boolean quiet, final boolean verbose) {
        return new Session(out, err, quiet, verbose, progressStyle, cancelled, lineIntervalSeconds);
    }

    private int onBadUsage(final ParameterException e, final String[] args) {
        final CommandLine cmd = e.getCommandLine();
        final String name = cmd.getCommandSpec().qualifiedName();
        ParameterException problem = e;
        if (!(e instanceof UnmatchedArgumentException) && !cmd.getUnmatchedArguments().isEmpty()) {
            // a mistyped option also leaves the option it meant "missing": report the cause, not the symptom
            problem = new UnmatchedArgumentException(cmd, cmd.getUnmatchedArguments());
        }
        String message = problem.getMessage();
        if (problem instanceof UnmatchedArgumentException) {
            final List<String> suggestions = ((UnmatchedArgumentException)problem).getSuggestions();
            if (!suggestions.isEmpty()) {
                message += "; did you mean " + String.join(" or ", suggestions.subList(0,
                    Math.min(3, suggestions.size()))) + "?";
            }
        }
        err.println(name + ": " + oneLine(message) + " (see '" + name + " --help')");
        err.flush();
        return EXIT_USAGE;
    }

    private int onFailure(final Exception e, final CommandLine cmd, final ParseResult parsed) {
        final String name = cmd.getCommandSpec().qualifiedName();
        final int code;
        final String message;
        if (e instanceof CancelledException) {
            code = EXIT_CANCELLED;
            message = "cancelled; no output was written by the step that was running";
        } else if (e instanceof BadInputException || e instanceof IllegalArgumentException) {
            code = EXIT_USAGE;
            message = text(e);
        } else {
            code = EXIT_FAILED;
            message = text(e);
        }
        err.println(name + ": " + oneLine(message));
        final Object command = cmd.getCommand();
        if (command instanceof DepafCommand && ((DepafCommand)command).verbose()) {
            e.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    private static String text(final Throwable e) {
        final String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getSimpleName() + (e.getCause() == null ? "" : ": " + text(e.getCause()));
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "file or folder '" + m + "' not found";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied: '" + m + "'";
        }
        return m;
    }

    static String oneLine(final String s) {
        return s.replaceAll("\\s*[\\r\\n]+\\s*", "; ").strip();
    }

    /** Prints the version of DEPAF and of the Java runtime. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"depaf " + DepafVersion.VERSION + " (DEPAF for KNIME, command line)",
                String.format(Locale.ROOT, "Java %s (%s) on %s %s", Runtime.version(),
                    System.getProperty("java.vendor"), System.getProperty("os.name"),
                    System.getProperty("os.arch"))};
        }
    }
}
