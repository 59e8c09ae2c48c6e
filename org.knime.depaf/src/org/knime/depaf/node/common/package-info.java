/**
 * What every DEPAF node model shares: the bridge from the engine's {@link org.knime.depaf.core.util.Monitor} to
 * KNIME's progress and cancellation, the conversion of the adapters' plain rows to KNIME tables, and the mapping of
 * engine exceptions to KNIME's.
 */
package org.knime.depaf.node.common;
