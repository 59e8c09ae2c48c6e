/** The DEPAF Predictor node: applies a trained model to a stack and outputs the localisation table. */
package org.knime.depaf.node.predictor;
