package org.knime.depaf.core.net.samediff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.knime.depaf.core.net.DepafNetworkContract;
import org.knime.depaf.core.net.NetworkBackend;
import org.knime.depaf.core.net.Nd4jRuntime;

/** The {@link DepafNetworkContract} for the SameDiff engine, plus its own set-up. */
class SameDiffNetworkTest extends DepafNetworkContract {

    @Override
    protected NetworkBackend backend() {
        return new SameDiffBackend();
    }

    @Test
    void backendHasAStableName() {
        assertEquals("samediff", backend().name());
    }

    @Test
    void nd4jRuntimeInitialisesOnlyOnce() {
        // no cache folder here: redirecting JavaCPP's cache in a test would unpack the natives again
        final ClassLoader loader = SameDiffNetworkTest.class.getClassLoader();
        final boolean first = Nd4jRuntime.initialise(loader, null);
        assertTrue(Nd4jRuntime.isInitialised());
        assertFalse(Nd4jRuntime.initialise(loader, null), "a second call changes nothing (first call: " + first
            + ")");
    }
}
