/**
 * KNIME-free conversions between the DEPAF nodes and the engine: node options to engine configurations (with the
 * validation messages the dialogs show), port contents to and from plain text and bytes, localisation tables and
 * training histories to and from plain rows, and progress messages.
 *
 * <p>Nothing here imports KNIME: tables are described by {@link org.knime.depaf.node.adapter.ColumnDescriptor}s and
 * rows are {@code Object[]} of {@link Integer}, {@link Long}, {@link Double}, {@link String} or {@code null} (a
 * missing value). The node classes turn these into KNIME cells, so that everything worth testing is tested without
 * KNIME. All classes are immutable or stateless and thread-safe.
 */
package org.knime.depaf.node.adapter;
