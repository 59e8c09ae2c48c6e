/** The Threshold Optimizer node: chooses a model's detection threshold again on patches of a stack. */
package org.knime.depaf.node.threshold;
