package org.knime.depaf.core.net;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Objects;

/**
 * The class loader ND4J finds its backend through: everything of the plugin (and its fragments), but of ND4J's
 * backend registrations ({@value #SERVICE}) only the chosen backend's. ND4J otherwise takes the backend of highest
 * priority that says it is available, and the CUDA backend's own check can fail with an error that breaks ND4J for
 * the rest of the session; deciding first ({@link BackendChoice}) and showing ND4J one backend makes the choice the
 * user's, and the CPU a safe fallback.
 */
public final class BackendClassLoader extends ClassLoader {

    /** The resource through which ND4J (java.util.ServiceLoader) finds its backends. */
    public static final String SERVICE = "META-INF/services/org.nd4j.linalg.factory.Nd4jBackend";

    private final ClassLoader m_delegate;

    private final BackendChoice.Backend m_backend;

    /**
     * @param delegate the class loader that sees the plugin and its fragments
     * @param backend the backend ND4J is to find
     */
    public BackendClassLoader(final ClassLoader delegate, final BackendChoice.Backend backend) {
        super(delegate);
        m_delegate = Objects.requireNonNull(delegate, "delegate");
        m_backend = Objects.requireNonNull(backend, "backend");
    }

    /** @return the backend ND4J finds through this loader */
    public BackendChoice.Backend backend() {
        return m_backend;
    }

    @Override
    public Enumeration<URL> getResources(final String name) throws IOException {
        final Enumeration<URL> all = m_delegate.getResources(name);
        if (!SERVICE.equals(name)) {
            return all;
        }
        final List<URL> chosen = new ArrayList<>();
        for (final URL url : Collections.list(all)) {
            if (names(url, m_backend.className())) {
                chosen.add(url);
            }
        }
        return Collections.enumeration(chosen);
    }

    @Override
    public URL getResource(final String name) {
        if (!SERVICE.equals(name)) {
            return m_delegate.getResource(name);
        }
        try {
            final Enumeration<URL> chosen = getResources(name);
            return chosen.hasMoreElements() ? chosen.nextElement() : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** @return whether the service file names the class (a line of its own, comments aside) */
    private static boolean names(final URL serviceFile, final String className) throws IOException {
        try (InputStream in = serviceFile.openStream()) {
            for (final String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
                final int hash = line.indexOf('#');
                if ((hash < 0 ? line : line.substring(0, hash)).trim().equals(className)) {
                    return true;
                }
            }
        }
        return false;
    }
}
