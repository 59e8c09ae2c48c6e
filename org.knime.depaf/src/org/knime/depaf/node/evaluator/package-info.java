/** The Localisation Evaluator node: localisations against ground truth, EPFL SMLM challenge metrics. */
package org.knime.depaf.node.evaluator;
