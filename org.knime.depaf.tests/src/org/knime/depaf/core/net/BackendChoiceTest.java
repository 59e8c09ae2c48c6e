package org.knime.depaf.core.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.ServiceLoader;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knime.depaf.core.net.BackendChoice.Backend;
import org.knime.depaf.core.net.BackendChoice.CudaStatus;
import org.knime.depaf.core.net.BackendChoice.Decision;
import org.knime.depaf.core.net.BackendChoice.Request;

/**
 * The choice between the CPU and the GPU: the GPU only when GPU support is installed and a device answers, the
 * CPU otherwise, with a warning that says why when the user asked for the GPU or installed GPU support; and ND4J
 * shown only the chosen backend. Runs with the CPU backend (no GPU here): the GPU cases use probe results.
 */
class BackendChoiceTest {

    private static final CudaStatus TWO_GPUS = new CudaStatus(true, 2, null);

    private static final CudaStatus NO_RUNTIME = new CudaStatus(true, 0, "NVIDIA's CUDA 11 runtime could not be "
        + "loaded (install CUDA 11.6 and an NVIDIA driver ≥ 510; UnsatisfiedLinkError: no jnicudart)");

    private static final CudaStatus NO_DEVICE = new CudaStatus(true, 0, null);

    @TempDir
    Path dir;

    @Test
    void autoTakesAWorkingGpuAndFallsBackToTheCpuQuietlyWithoutGpuSupport() {
        final Decision gpu = BackendChoice.decide(Request.AUTO, TWO_GPUS);
        assertEquals(Backend.CUDA, gpu.backend());
        assertEquals("NVIDIA GPU through CUDA 11.6 (2 devices)", gpu.summary());
        assertNull(gpu.warning());
        final Decision cpu = BackendChoice.decide(Request.AUTO, CudaStatus.NOT_INSTALLED);
        assertEquals(Backend.CPU, cpu.backend());
        assertNull(cpu.warning(), "a CPU-only installation is no reason to warn");
    }

    @Test
    void installedGpuSupportThatCannotRunWarnsAndSaysWhy() {
        for (final Request r : List.of(Request.AUTO, Request.GPU)) {
            final Decision d = BackendChoice.decide(r, NO_RUNTIME);
            assertEquals(Backend.CPU, d.backend());
            assertTrue(d.warning().contains("install CUDA 11.6"), d.warning());
            assertTrue(d.warning().endsWith("to use the CPU without this warning)"), d.warning());
        }
        assertTrue(BackendChoice.decide(Request.AUTO, NO_DEVICE).warning().contains("no NVIDIA GPU was found"));
    }

    @Test
    void askingForTheGpuWithoutGpuSupportSaysWhatToInstall() {
        final Decision d = BackendChoice.decide(Request.GPU, CudaStatus.NOT_INSTALLED);
        assertEquals(Backend.CPU, d.backend());
        assertTrue(d.warning().contains("install the feature 'DEPAF GPU support'"), d.warning());
    }

    @Test
    void askingForTheCpuIgnoresAWorkingGpu() {
        final Decision d = BackendChoice.decide(Request.CPU, TWO_GPUS);
        assertEquals(Backend.CPU, d.backend());
        assertNull(d.warning());
    }

    @Test
    void theRequestComesFromThePropertyThenTheEnvironment() {
        assertEquals(Request.AUTO, BackendChoice.request(null, null));
        assertEquals(Request.GPU, BackendChoice.request(" GPU ", "cpu"));
        assertEquals(Request.CPU, BackendChoice.request("", "cpu"));
        assertEquals("depaf.backend (or DEPAF_BACKEND) must be auto, cpu or gpu; it is 'cuda'",
            assertThrows(IllegalArgumentException.class, () -> BackendChoice.request("cuda", null)).getMessage());
    }

    @Test
    void withoutGpuSupportTheProbeFindsNothingAndTheRuntimeComputesOnTheCpu() {
        assertEquals(CudaStatus.NOT_INSTALLED, BackendChoice.probe(getClass().getClassLoader()));
        Nd4jRuntime.initialise(getClass().getClassLoader(), null);
        assertEquals(Backend.CPU, Nd4jRuntime.backend().backend());
    }

    @Test
    void nd4jSeesOnlyTheChosenBackendsRegistration() throws IOException {
        final Path cpuJar = serviceFolder("cpu", "# CPU\n" + Backend.CPU.className() + "\n");
        final Path cudaJar = serviceFolder("cuda", Backend.CUDA.className() + " # the GPU\n");
        try (URLClassLoader both = new URLClassLoader(new URL[] {cpuJar.toUri().toURL(), cudaJar.toUri().toURL()},
            null)) {
            assertEquals(2, Collections.list(both.getResources(BackendClassLoader.SERVICE)).size());
            for (final Backend b : Backend.values()) {
                final BackendClassLoader loader = new BackendClassLoader(both, b);
                final List<URL> seen = Collections.list(loader.getResources(BackendClassLoader.SERVICE));
                assertEquals(1, seen.size(), b.name());
                assertTrue(seen.get(0).toString().contains("/" + b.name().toLowerCase() + "/"), seen.toString());
                assertEquals(seen.get(0), loader.getResource(BackendClassLoader.SERVICE));
            }
            // other resources pass through unfiltered
            assertFalse(Collections.list(new BackendClassLoader(both, Backend.CPU).getResources("nothing")).size()
                > 0);
        }
        // in the test runtime the real CPU backend is found through the filtered loader
        final BackendClassLoader real = new BackendClassLoader(getClass().getClassLoader(), Backend.CPU);
        assertEquals(Backend.CPU.className(), ServiceLoader.load(org.nd4j.linalg.factory.Nd4jBackend.class, real)
            .stream().findFirst().orElseThrow().type().getName());
    }

    private Path serviceFolder(final String name, final String content) throws IOException {
        final Path services = dir.resolve(name).resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve("org.nd4j.linalg.factory.Nd4jBackend"), content);
        return dir.resolve(name);
    }
}
