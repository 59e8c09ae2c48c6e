/**
 * Self-supervised training of a DEPAF network (depaf-method.md §7–§9): the λ warm-up, the POI channel-compression
 * curriculum, validation with patience, learning-rate halving and early stopping, and the training loop that ties
 * them to a {@link org.knime.depaf.core.net.DepafNetwork}.
 */
package org.knime.depaf.core.train;
