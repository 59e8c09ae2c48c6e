package org.knime.depaf.core.net;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Locale;
import java.util.Objects;

/**
 * Which of Deeplearning4j's backends DEPAF computes with: the CPU, or an NVIDIA GPU through CUDA when the optional
 * "DEPAF GPU support" is installed, its natives load and a GPU is present. The user asks with the system property
 * {@value #PROPERTY} (KNIME: a line {@code -Ddepaf.backend=gpu} in knime.ini) or the environment variable
 * {@value #ENVIRONMENT} (the command line): {@code auto} (the default: the GPU when it works, else the CPU),
 * {@code cpu} or {@code gpu}. The CPU is always the fallback; a request that cannot be met, or GPU support that is
 * installed but cannot run, gives a warning that says why and what to install.
 */
public final class BackendChoice {

    /** System property with the user's request. */
    public static final String PROPERTY = "depaf.backend";

    /** Environment variable with the user's request (the system property wins). */
    public static final String ENVIRONMENT = "DEPAF_BACKEND";

    /** What the user asks for. */
    public enum Request {
        /** The GPU when it works, else the CPU. */
        AUTO,
        /** The CPU, even when GPU support is installed. */
        CPU,
        /** The GPU; the CPU with a warning when it cannot be used. */
        GPU
    }

    /** ND4J's backends and the class ND4J finds each by. */
    public enum Backend {
        /** The CPU backend (nd4j-native, oneDNN where available). */
        CPU("org.nd4j.linalg.cpu.nativecpu.CpuBackend"),
        /** The CUDA backend (nd4j-cuda-11.6), in the GPU support fragment. */
        CUDA("org.nd4j.linalg.jcublas.JCublasBackend");

        private final String m_className;

        Backend(final String className) {
            m_className = className;
        }

        /** @return the name of ND4J's backend class */
        public String className() {
            return m_className;
        }
    }

    /**
     * What a probe found out about CUDA, without starting ND4J.
     *
     * @param installed whether the GPU support (ND4J's CUDA backend) is on the class path
     * @param devices CUDA devices found, 0 when none or when CUDA could not be asked
     * @param problem why CUDA cannot be used (null when it can, or when it is not installed)
     */
    public record CudaStatus(boolean installed, int devices, String problem) {

        /** GPU support is not installed. */
        public static final CudaStatus NOT_INSTALLED = new CudaStatus(false, 0, null);
    }

    /**
     * The decision.
     *
     * @param backend the backend ND4J is to use
     * @param summary one line for a person, e.g. "CPU (GPU support not installed)"
     * @param warning why the GPU is not used although asked for or installed, and what to do; null when all is as
     *            expected
     */
    public record Decision(Backend backend, String summary, String warning) {

        /** Checks the fields. */
        public Decision {
            Objects.requireNonNull(backend, "backend");
            Objects.requireNonNull(summary, "summary");
        }
    }

    private BackendChoice() {
    }

    /**
     * @param property the value of {@value #PROPERTY}, or null
     * @param environment the value of {@value #ENVIRONMENT}, or null
     * @return the request (the property first); {@link Request#AUTO} when neither is set
     * @throws IllegalArgumentException for another value, naming the property and the values it takes
     */
    public static Request request(final String property, final String environment) {
        final String value = property != null && !property.isBlank() ? property
            : environment != null && !environment.isBlank() ? environment : "auto";
        try {
            return Request.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PROPERTY + " (or " + ENVIRONMENT + ") must be auto, cpu or gpu; it is '"
                + value + "'", e);
        }
    }

    /**
     * @param request what the user asks for
     * @param cuda what the probe found
     * @return the backend to use, and what to tell the user
     */
    public static Decision decide(final Request request, final CudaStatus cuda) {
        final boolean usable = cuda.installed() && cuda.problem() == null && cuda.devices() > 0;
        if (request == Request.CPU) {
            return new Decision(Backend.CPU, "CPU (" + PROPERTY + "=cpu)", null);
        }
        if (usable) {
            return new Decision(Backend.CUDA, "NVIDIA GPU through CUDA 11.6 (" + cuda.devices() + " device"
                + (cuda.devices() == 1 ? "" : "s") + ")", null);
        }
        if (!cuda.installed()) {
            return new Decision(Backend.CPU, "CPU (GPU support not installed)", request == Request.GPU
                ? PROPERTY + "=gpu, but DEPAF GPU support is not installed: install the feature 'DEPAF GPU support' "
                    + "from the DEPAF update site (see the README); computing on the CPU"
                : null);
        }
        final String why = cuda.problem() != null ? cuda.problem() : "no NVIDIA GPU was found";
        return new Decision(Backend.CPU, "CPU (GPU support installed, but " + why + ")", "DEPAF GPU support is "
            + "installed, but " + why + "; computing on the CPU (set " + PROPERTY + "=cpu, or " + ENVIRONMENT
            + "=cpu for the command line, to use the CPU without this warning)");
    }

    /** @return the first line of a message, without the search path a library loader lists after it */
    private static String shortened(final String message) {
        if (message == null) {
            return "";
        }
        final String line = message.lines().findFirst().orElse("");
        final int path = line.indexOf(" in java.library.path");
        return path < 0 ? line : line.substring(0, path);
    }

    /**
     * Asks, without starting ND4J, whether the CUDA backend is installed and a GPU answers: loads JavaCPP's CUDA
     * runtime binding (which needs NVIDIA's CUDA 11 runtime on the system) and counts the devices.
     *
     * @param loader the class loader that sees the plugin and its fragments
     * @return what was found; never throws
     */
    public static CudaStatus probe(final ClassLoader loader) {
        try {
            Class.forName(Backend.CUDA.className(), false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return CudaStatus.NOT_INSTALLED;
        }
        try {
            final Class<?> cudart = Class.forName("org.bytedeco.cuda.global.cudart", true, loader);
            final Method count = cudart.getMethod("cudaGetDeviceCount", int[].class);
            final int[] devices = {0};
            final int error = ((Number)count.invoke(null, (Object)devices)).intValue();
            if (error != 0) {
                return new CudaStatus(true, 0, "CUDA reports error " + error + " when asked for devices (no NVIDIA "
                    + "GPU, or a driver too old for CUDA 11.6)");
            }
            return new CudaStatus(true, devices[0], devices[0] > 0 ? null : "no NVIDIA GPU was found");
        } catch (InvocationTargetException e) {
            return new CudaStatus(true, 0, "CUDA could not be asked for devices: " + e.getCause());
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            // typically UnsatisfiedLinkError: NVIDIA's CUDA 11 runtime libraries are not on the system
            return new CudaStatus(true, 0, "NVIDIA's CUDA 11 runtime could not be loaded (install CUDA 11.6 and an "
                + "NVIDIA driver ≥ 510; " + e.getClass().getSimpleName() + ": " + shortened(e.getMessage()) + ")");
        }
    }
}
