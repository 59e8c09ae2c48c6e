/** The SMLM Simulator node: a simulated acquisition with known emitter positions, for trying and measuring DEPAF. */
package org.knime.depaf.node.simulator;
