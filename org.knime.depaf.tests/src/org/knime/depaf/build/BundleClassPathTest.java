package org.knime.depaf.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.knime.depaf.DepafActivator;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.namespace.HostNamespace;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;

/**
 * The plugin's Bundle-ClassPath (kept by hand in MANIFEST.MF, because Tycho reads it before the build copies
 * the libraries) lists exactly the jars the build put into lib/, none of them native: Deeplearning4j's native
 * libraries come from the platform fragment, as in KNIME. Fix a failure with releng/update-bundle-classpath.sh.
 */
class BundleClassPathTest {

    @Test
    void bundleClassPathListsExactlyTheJarsInLib() {
        final Bundle bundle = FrameworkUtil.getBundle(DepafActivator.class);
        Assumptions.assumeTrue(bundle != null, "not running inside OSGi");
        assertEquals(jarsInLib(bundle), listed(bundle), "run releng/update-bundle-classpath.sh");
        assertFalse(jarsInLib(bundle).isEmpty(), "lib/ holds no jars: the build should have copied the libraries");
    }

    @Test
    void nativeLibrariesComeFromThePlatformFragment() {
        final Bundle host = FrameworkUtil.getBundle(DepafActivator.class);
        Assumptions.assumeTrue(host != null, "not running inside OSGi");
        for (final String jar : jarsInLib(host)) {
            assertFalse(jar.matches(".*-(linux|windows|macosx)-.*"), "the plugin holds a native jar: " + jar);
        }
        final List<Bundle> fragments = new ArrayList<>();
        for (final BundleWire wire : host.adapt(BundleWiring.class).getProvidedWires(HostNamespace.HOST_NAMESPACE)) {
            if (wire.getRequirer().getSymbolicName().startsWith("org.knime.depaf.natives.")) {
                fragments.add(wire.getRequirer().getBundle());
            }
        }
        assertEquals(1, fragments.size(), "exactly one native fragment attached: " + fragments);
        final Bundle natives = fragments.get(0);
        // the fragment lists exactly its jars, and the ND4J backend's library is in one of them
        assertEquals(jarsInLib(natives), listed(natives));
        assertTrue(jarsInLib(natives).stream().anyMatch(j -> j.startsWith("lib/nd4j-native-")),
            "no ND4J natives in " + jarsInLib(natives));
        final String os = natives.getHeaders().get("Eclipse-PlatformFilter");
        assertTrue(os.contains("(osgi.os=" + host.getBundleContext().getProperty("osgi.os") + ")"), os);
    }

    private static Set<String> listed(final Bundle bundle) {
        final Set<String> out = new TreeSet<>();
        for (final String entry : bundle.getHeaders().get("Bundle-ClassPath").split(",")) {
            if (entry.trim().startsWith("lib/")) {
                out.add(entry.trim());
            }
        }
        return out;
    }

    private static Set<String> jarsInLib(final Bundle bundle) {
        final Set<String> out = new TreeSet<>();
        // findEntries would look into attached fragments too: only the bundle's own entries count here
        final Enumeration<String> paths = bundle.getEntryPaths("lib/");
        for (final String p : paths == null ? Collections.<String> emptyList() : Collections.list(paths)) {
            if (p.endsWith(".jar")) {
                out.add(p);
            }
        }
        return out;
    }
}
