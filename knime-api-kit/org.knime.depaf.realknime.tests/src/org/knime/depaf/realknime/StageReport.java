package org.knime.depaf.realknime;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the real-KNIME stage checked for each node, recorded by the tests as they pass and printed at the end by
 * {@link StageSummaryTest}, which fails unless every node registered in plugin.xml passed every check.
 */
final class StageReport {

    /** The checks, in the order a node meets them in KNIME. */
    enum Check {
        /** The factory is constructed and initialised from its plugin.xml registration. */
        FACTORY("factory"),
        /** KNIME builds the node description: name, descriptions, ports, icon, keywords. */
        DESCRIPTION("description"),
        /** KNIME creates the node model with the declared ports. */
        MODEL("model"),
        /** Default settings: save, validate, load, save again gives the same. */
        SETTINGS("settings"),
        /** Configure with realistic input specs gives the expected output specs or a clear error. */
        CONFIGURE("configure"),
        /** Executes in a workflow run by KNIME's workflow manager. */
        EXECUTE("execute"),
        /** The executed node is saved with its workflow and loaded again, outputs intact, and re-executes. */
        SAVE_LOAD("save/load");

        final String m_title;

        Check(final String title) {
            m_title = title;
        }
    }

    private static final Map<String, Set<Check>> PASSED = new ConcurrentHashMap<>();

    private StageReport() {
    }

    /** Records that the node made by {@code factoryClass} passed a check. */
    static void passed(final String factoryClass, final Check check) {
        PASSED.computeIfAbsent(factoryClass, k -> EnumSet.noneOf(Check.class)).add(check);
    }

    /** @return the checks the node passed so far */
    static Set<Check> passed(final String factoryClass) {
        return PASSED.getOrDefault(factoryClass, EnumSet.noneOf(Check.class));
    }
}
