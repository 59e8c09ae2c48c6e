package org.knime.node.parameters;

/** Compile-only placeholder of KNIME's {@code org.knime.node.parameters.WidgetGroup} (see README.md). */
public interface WidgetGroup {
}
