package org.knime.depaf.update;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Assumptions;

/**
 * The update site with GPU support (Maven profile gpu): everything of the default site, plus the feature
 * "DEPAF GPU support" and its CUDA fragments for Linux and Windows x86-64, each with its platform filter.
 * Skipped with one line when the build ran without the profile.
 */
class GpuUpdateSiteTest extends UpdateSiteTest {

    private static final String PROPERTY = "depaf.gpuUpdateSite";

    private static boolean s_said;

    @Override
    Map<String, String> fragments() {
        final Map<String, String> all = new TreeMap<>(NATIVE_FRAGMENTS);
        all.put("org.knime.depaf.cuda.linux.x86_64", "(&(osgi.arch=x86_64)(osgi.os=linux))");
        all.put("org.knime.depaf.cuda.win32.x86_64", "(&(osgi.arch=x86_64)(osgi.os=win32))");
        return all;
    }

    @Override
    List<String> features() {
        return List.of("org.knime.depaf.feature", "org.knime.depaf.gpu.feature");
    }

    /** Skips the test (one line on the console) when the build ran without the gpu profile. */
    @Override
    Path location() {
        final String site = System.getProperty(PROPERTY);
        if (site == null && !s_said) {
            s_said = true;
            System.out.println("GpuUpdateSiteTest: skipped, the build ran without -Pgpu (no GPU update site)");
        }
        Assumptions.assumeTrue(site != null, "built without -Pgpu");
        return Path.of(site);
    }
}
