/** The DEPAF Learner node: trains a DEPAF model on an image stack and a POI, self-supervised. */
package org.knime.depaf.node.learner;
