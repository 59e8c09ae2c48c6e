package org.knime.depaf.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.knime.depaf.DepafActivator;
import org.knime.depaf.core.net.BackendChoice;
import org.knime.depaf.core.net.Nd4jRuntime;
import org.nd4j.linalg.factory.Nd4j;
import org.osgi.framework.FrameworkUtil;

/**
 * DEPAF with "DEPAF GPU support" installed, as KNIME loads it: the CUDA fragment is attached, the activator chose
 * the backend before ND4J started, and ND4J computes with exactly the chosen one. On a machine with an NVIDIA GPU
 * and CUDA 11.6 that is the GPU; elsewhere (as on the project's build machines) the CPU, with a warning that says
 * what is missing, and ND4J still works.
 */
class GpuSupportTest {

    @Test
    void theChosenBackendIsTheOneNd4jComputesWith() {
        assertNotNull(FrameworkUtil.getBundle(DepafActivator.class), "runs in OSGi");
        final BackendChoice.CudaStatus cuda = BackendChoice.probe(DepafActivator.class.getClassLoader());
        assertTrue(cuda.installed(), "the CUDA fragment is attached: ND4J's CUDA backend is on the class path");
        final BackendChoice.Decision decision = Nd4jRuntime.backend();
        System.out.println("GPU support installed; computing on: " + decision.summary()
            + (decision.warning() == null ? "" : "\n  warning: " + decision.warning()));
        if (cuda.problem() == null && cuda.devices() > 0) {
            assertEquals(BackendChoice.Backend.CUDA, decision.backend());
            assertNull(decision.warning());
        } else {
            assertEquals(BackendChoice.Backend.CPU, decision.backend());
            assertNotNull(decision.warning(), "installed GPU support that cannot run is worth a warning");
        }
        // ND4J starts with exactly that backend, and computes
        assertEquals(decision.backend().className(), Nd4j.getBackend().getClass().getName());
        assertEquals(6.0, Nd4j.createFromArray(1f, 2f, 3f).sumNumber().doubleValue(), 1e-6);
    }
}
