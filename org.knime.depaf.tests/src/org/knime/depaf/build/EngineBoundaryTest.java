package org.knime.depaf.build;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.knime.depaf.core.util.Monitor;

/**
 * The engine ({@code org.knime.depaf.core}) knows nothing of KNIME or of the command line, and only its network
 * package talks to the deep-learning library, so each can be replaced or reused on its own. The nodes' adapters
 * (conversions between ports, tables, parameters and engine types) are KNIME-free too, so they can be tested here.
 */
class EngineBoundaryTest {

    private static final String ENGINE = "org/knime/depaf/core";

    private static final String NETWORK = "org/knime/depaf/core/net/";

    @Test
    void engineReferencesNeitherKnimeNorTheCommandLineLibrary() throws IOException {
        final List<String> violations = violations(List.of("org/knime/core/", "org/knime/node/", "picocli/"),
            false);
        assertTrue(violations.isEmpty(), "engine classes must not use KNIME or picocli:\n" + String.join("\n",
            violations));
    }

    @Test
    void nodeAdaptersAreKnimeFreeSoTheirTestsTestRealCode() throws IOException {
        final List<String> out = new ArrayList<>();
        for (final ClassReferences.ClassFile c : ClassReferences.classesUnder(Monitor.class,
            "org/knime/depaf/node/adapter")) {
            for (final String name : ClassReferences.referencedNames(c.bytes())) {
                if (name.contains("org/knime/core/") || name.contains("org/knime/node/")) {
                    out.add(c.path() + " refers to " + name);
                }
            }
        }
        assertTrue(out.isEmpty(), "node adapters must not use the KNIME API:\n" + String.join("\n", out));
    }

    @Test
    void onlyTheNetworkPackageUsesDeeplearning4j() throws IOException {
        final List<String> violations = violations(List.of("org/nd4j/", "org/deeplearning4j/"), true);
        assertTrue(violations.isEmpty(), "only " + NETWORK + " may use ND4J/Deeplearning4j:\n" + String.join("\n",
            violations));
    }

    private static List<String> violations(final List<String> forbidden, final boolean exemptNetwork)
        throws IOException {
        final List<ClassReferences.ClassFile> classes = ClassReferences.classesUnder(Monitor.class, ENGINE);
        assertFalse(classes.isEmpty(), "found no engine classes to check");
        final List<String> out = new ArrayList<>();
        for (final ClassReferences.ClassFile c : classes) {
            if (exemptNetwork && c.path().contains(NETWORK)) {
                continue;
            }
            for (final String name : ClassReferences.referencedNames(c.bytes())) {
                for (final String prefix : forbidden) {
                    if (name.contains(prefix)) {
                        out.add(c.path() + " refers to " + name);
                    }
                }
            }
        }
        return out;
    }
}
