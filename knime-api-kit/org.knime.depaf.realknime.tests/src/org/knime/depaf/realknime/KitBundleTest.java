package org.knime.depaf.realknime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.knime.core.data.DataCell;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * The bundle org.knime.core that the kit forms is the kit: its manifest (written by knime-api-kit/update-manifest.sh,
 * because Tycho reads manifests before the build) lists exactly the jars it holds and exports every package of
 * KNIME's classes. A changed kit fails here until the script has run.
 */
@Order(0)
class KitBundleTest {

    private final Bundle m_core = FrameworkUtil.getBundle(DataCell.class);

    @Test
    void theManifestListsExactlyTheJarsInLib() {
        final Set<String> listed = new TreeSet<>();
        for (final String e : m_core.getHeaders().get("Bundle-ClassPath").split(",")) {
            listed.add(e.trim());
        }
        final Set<String> inLib = new TreeSet<>();
        final Enumeration<URL> jars = m_core.findEntries("lib", "*.jar", false);
        for (final URL u : jars == null ? Collections.<URL> emptyList() : Collections.list(jars)) {
            inLib.add(u.getPath().substring(u.getPath().indexOf("lib/")));
        }
        assertEquals(inLib, listed, "run knime-api-kit/update-manifest.sh");
    }

    @Test
    void everyPackageOfKnimesClassesIsExported() throws IOException {
        final Set<String> exported = new TreeSet<>();
        for (final String e : m_core.getHeaders().get("Export-Package").split(",")) {
            exported.add(e.trim().split(";")[0]);
        }
        final Set<String> packages = new TreeSet<>();
        try (JarInputStream in = new JarInputStream(m_core.getEntry("lib/knime-api-5.8.jar").openStream())) {
            for (JarEntry e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
                final String name = e.getName();
                if (name.startsWith("org/knime/") && name.endsWith(".class")) {
                    packages.add(name.substring(0, name.lastIndexOf('/')).replace('/', '.'));
                }
            }
        }
        assertTrue(packages.size() > 100, "packages in the kit: " + packages.size());
        assertEquals(packages, exported, "run knime-api-kit/update-manifest.sh");
    }
}
