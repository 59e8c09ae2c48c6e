package org.knime.depaf.cli;

import java.util.concurrent.Callable;

import org.knime.depaf.core.net.BackendChoice;
import org.knime.depaf.core.net.Nd4jRuntime;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The base of every subcommand: the common switches and the {@link Session}. A subcommand implements
 * {@link #run(Session)}: check inputs, map options to engine settings, call the engine, report. Exceptions are
 * turned into one error line and an exit code by {@link DepafCli}.
 */
abstract class DepafCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common = new CommonOptions();

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() throws Exception {
        final DepafCli cli = (DepafCli)spec.root().userObject();
        final Session session = cli.session(common.quiet, common.verbose);
        if (usesNetwork()) {
            final BackendChoice.Decision backend = Nd4jRuntime.backend();
            if (backend.warning() != null) {
                session.warn(backend.warning());
            } else if (common.verbose) {
                session.info("Computing on: %s", backend.summary());
            }
        }
        return run(session);
    }

    /** @return whether the command runs the network (then the backend it runs on is reported) */
    boolean usesNetwork() {
        return false;
    }

    /**
     * Runs the command.
     *
     * @return the exit code, normally {@link DepafCli#EXIT_OK}
     * @throws Exception turned into an error line and exit code by {@link DepafCli}
     */
    abstract int run(Session session) throws Exception;

    /** @return whether --verbose was given (read by the error handler) */
    final boolean verbose() {
        return common.verbose;
    }
}
