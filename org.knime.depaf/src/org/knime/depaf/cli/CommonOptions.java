package org.knime.depaf.cli;

import picocli.CommandLine.Option;

/** The switches every subcommand has: how much it prints. */
final class CommonOptions {

    @Option(names = {"-q", "--quiet"}, description = "Print no progress and no summary: only errors, warnings and "
        + "the results printed on standard output (e.g. the metrics of evaluate).")
    boolean quiet;

    @Option(names = "--verbose", description = "On an error, also print the stack trace (for bug reports).")
    boolean verbose;
}
