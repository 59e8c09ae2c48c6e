package org.knime.depaf.node.common;

import java.util.ArrayList;
import java.util.List;

/** A node shows one warning message: several things worth saying go into it one per line. */
public final class NodeWarnings {

    private NodeWarnings() {
    }

    /**
     * @param warnings warnings, null where there is nothing to say
     * @return the warnings one per line, or null when there is none
     */
    public static String join(final String... warnings) {
        final List<String> said = new ArrayList<>();
        for (final String w : warnings) {
            if (w != null && !w.isBlank()) {
                said.add(w);
            }
        }
        return said.isEmpty() ? null : String.join("\n", said);
    }
}
