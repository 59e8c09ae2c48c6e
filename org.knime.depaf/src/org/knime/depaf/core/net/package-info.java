/**
 * The DEPAF network and its training graph, behind one narrow backend interface.
 *
 * <p>{@link org.knime.depaf.core.net.NetworkBackend} builds or reads a
 * {@link org.knime.depaf.core.net.DepafNetwork}: a fully convolutional U-Net whose |output| gives the amplitude
 * maps A (one per POI channel) and, optionally, a background seed G; the forward model D = A ⊛ POI,
 * BG = G ⊛ box; and the loss of the method (depaf-method.md §5–§7). Everything crosses the interface as plain
 * {@code float[]} and small value types ({@link org.knime.depaf.core.net.NetworkConfig},
 * {@link org.knime.depaf.core.net.ForwardKernels}, {@link org.knime.depaf.core.net.Objective},
 * {@link org.knime.depaf.core.net.LossTerms}, {@link org.knime.depaf.core.net.NetworkOutput},
 * {@link org.knime.depaf.core.net.WeightsSnapshot}), so a trainer or predictor never sees the engine.
 *
 * <p>The default engine is Deeplearning4j SameDiff with the oneDNN CPU natives
 * ({@code org.knime.depaf.core.net.samediff}). No package outside {@code core.net} may import
 * {@code org.nd4j} or {@code org.deeplearning4j}; {@link org.knime.depaf.core.net.Nd4jRuntime} is the one
 * place in this package that names ND4J, to set it up before first use (class loader, native cache folder).
 */
package org.knime.depaf.core.net;
