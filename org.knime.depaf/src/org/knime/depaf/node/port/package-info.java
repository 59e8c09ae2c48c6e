/**
 * DEPAF's KNIME port types: Image Stack (a reference to stack frames on disk or in a file store, never the pixels),
 * POI (the pattern itself, small) and DEPAF Model (the model file in a file store, described by its spec). They are
 * registered at the {@code org.knime.core.PortType} extension point in {@code plugin.xml}. Their contents are
 * encoded by the KNIME-free classes of {@link org.knime.depaf.node.adapter}.
 */
package org.knime.depaf.node.port;
