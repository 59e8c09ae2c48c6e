/**
 * The {@code depaf} command line: one subcommand per KNIME node, with the engine's parameter names and defaults,
 * so that a workflow and a script are interchangeable.
 *
 * <p>This layer only orchestrates: it parses options ({@code picocli}), checks that input files exist, turns the
 * options into the engine's typed settings, calls the engine ({@code org.knime.depaf.core.*}) and reports progress,
 * results and errors. Nothing here computes what a KNIME node would also need.
 *
 * <p>Conventions: results go to standard output, progress and errors to standard error; an error is one line
 * ({@code depaf train: data file 'x.tif' not found}), with the stack trace only under {@code --verbose}. Exit codes:
 * {@link org.knime.depaf.cli.DepafCli#EXIT_OK 0} success, {@link org.knime.depaf.cli.DepafCli#EXIT_FAILED 1} the run
 * failed, {@link org.knime.depaf.cli.DepafCli#EXIT_USAGE 2} bad usage or input,
 * {@link org.knime.depaf.cli.DepafCli#EXIT_CANCELLED 130} stopped by Ctrl-C (nothing half-written is left: the
 * engine writes every file atomically).
 */
package org.knime.depaf.cli;
