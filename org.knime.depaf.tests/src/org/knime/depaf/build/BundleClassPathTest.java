package org.knime.depaf.build;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.knime.depaf.DepafActivator;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * The plugin's Bundle-ClassPath (kept by hand in MANIFEST.MF, because Tycho reads it before the build copies
 * the libraries) lists exactly the jars the build put into lib/. Fix a failure with
 * releng/update-bundle-classpath.sh.
 */
class BundleClassPathTest {

    private static final List<String> PLATFORMS = List.of("linux-x86_64", "windows-x86_64", "macosx-x86_64");

    @Test
    void bundleClassPathListsExactlyTheJarsInLib() {
        final Bundle bundle = FrameworkUtil.getBundle(DepafActivator.class);
        Assumptions.assumeTrue(bundle != null, "not running inside OSGi");
        final Set<String> listed = new LinkedHashSet<>();
        for (final String entry : bundle.getHeaders().get("Bundle-ClassPath").split(",")) {
            listed.add(entry.trim());
        }
        final Enumeration<URL> jars = bundle.findEntries("lib", "*.jar", false);
        final Set<String> inLib = new LinkedHashSet<>();
        for (final URL url : jars == null ? Collections.<URL> emptyList() : Collections.list(jars)) {
            inLib.add(url.getPath().substring(url.getPath().indexOf("lib/")));
        }
        assertFalse(inLib.isEmpty(), "lib/ holds no jars: the build should have copied the engine libraries");

        final List<String> unlisted = new ArrayList<>(inLib);
        unlisted.removeAll(listed);
        assertTrue(unlisted.isEmpty(), "jars in lib/ missing from Bundle-ClassPath " + unlisted
            + "; run releng/update-bundle-classpath.sh");

        // Native jars of the platforms this build did not select are listed too (see the script); they may be absent.
        final List<String> platformsBuilt = PLATFORMS.stream()
            .filter(p -> inLib.stream().anyMatch(jar -> jar.contains(p))).toList();
        final List<String> missing = new ArrayList<>();
        for (final String entry : listed) {
            final boolean forAnotherPlatform = PLATFORMS.stream()
                .anyMatch(p -> entry.contains(p) && !platformsBuilt.contains(p));
            if (entry.startsWith("lib/") && !inLib.contains(entry) && !forAnotherPlatform) {
                missing.add(entry);
            }
        }
        assertTrue(missing.isEmpty(), "Bundle-ClassPath lists jars that are not in lib/ " + missing
            + "; run releng/update-bundle-classpath.sh");
    }
}
