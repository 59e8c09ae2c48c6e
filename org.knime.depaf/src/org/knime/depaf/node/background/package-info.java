/** The Background Estimator node: a model's learned background of a stack, and the stack without it. */
package org.knime.depaf.node.background;
