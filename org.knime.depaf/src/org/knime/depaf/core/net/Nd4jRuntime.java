package org.knime.depaf.core.net;

import java.nio.file.Path;
import java.util.Objects;

import org.nd4j.common.config.ND4JClassLoading;

/**
 * Prepares ND4J before its first use: the backend it computes with ({@link BackendChoice}: the CPU, or an NVIDIA GPU
 * when DEPAF's GPU support is installed and works), the class loader through which it discovers that backend and
 * the folder into which JavaCPP unpacks the native libraries.
 *
 * <p>ND4J looks for its backend through a class loader that, unless set, is the context class loader of the
 * thread that touches it first; inside OSGi (KNIME) that loader cannot see the bundle and ND4J then stays broken
 * until the JVM restarts. JavaCPP's default cache folder is shared by every JavaCPP user. Call
 * {@link #initialise(ClassLoader, Path)} once, before anything else uses ND4J (e.g. in a bundle activator).
 * Touching only {@link ND4JClassLoading} does not start ND4J.
 */
public final class Nd4jRuntime {

    /** System property JavaCPP reads for its cache folder. */
    public static final String JAVACPP_CACHE_PROPERTY = "org.bytedeco.javacpp.cachedir";

    private static boolean initialised;

    private static BackendChoice.Decision decision = new BackendChoice.Decision(BackendChoice.Backend.CPU,
        "CPU (not yet initialised)", null);

    private Nd4jRuntime() {
    }

    /**
     * Sets ND4J's class loader and JavaCPP's cache folder. Idempotent: only the first call has an effect, later
     * calls return false and change nothing (ND4J cannot switch loaders once started).
     *
     * @param loader the class loader that sees the ND4J jars (e.g. the bundle's), not null
     * @param javacppCacheDir folder for unpacked native libraries, or null to keep JavaCPP's default; an existing
     *            value of the system property is not overridden
     * @return whether this call did the initialisation
     */
    public static synchronized boolean initialise(final ClassLoader loader, final Path javacppCacheDir) {
        Objects.requireNonNull(loader, "loader");
        if (initialised) {
            return false;
        }
        if (javacppCacheDir != null && System.getProperty(JAVACPP_CACHE_PROPERTY) == null) {
            System.setProperty(JAVACPP_CACHE_PROPERTY, javacppCacheDir.toAbsolutePath().toString());
        }
        decision = choose(loader);
        ND4JClassLoading.setNd4jClassloader(new BackendClassLoader(loader, decision.backend()));
        initialised = true;
        return true;
    }

    private static BackendChoice.Decision choose(final ClassLoader loader) {
        final BackendChoice.Request request;
        try {
            request = BackendChoice.request(System.getProperty(BackendChoice.PROPERTY),
                System.getenv(BackendChoice.ENVIRONMENT));
        } catch (IllegalArgumentException e) {
            return new BackendChoice.Decision(BackendChoice.Backend.CPU, "CPU", e.getMessage() + "; computing on "
                + "the CPU");
        }
        final BackendChoice.CudaStatus cuda = request == BackendChoice.Request.CPU
            ? BackendChoice.CudaStatus.NOT_INSTALLED : BackendChoice.probe(loader);
        return BackendChoice.decide(request, cuda);
    }

    /**
     * @return the backend ND4J computes with, a line for the user, and a warning when the GPU was asked for (or is
     *         installed) but cannot be used
     */
    public static synchronized BackendChoice.Decision backend() {
        return decision;
    }

    /** @return whether {@link #initialise} has run */
    public static synchronized boolean isInitialised() {
        return initialised;
    }
}
