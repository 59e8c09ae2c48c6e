package org.knime.node.parameters.persistence;

/** Compile-only placeholder of KNIME's {@code org.knime.node.parameters.persistence.Persistable} (see README.md). */
public interface Persistable {
}
