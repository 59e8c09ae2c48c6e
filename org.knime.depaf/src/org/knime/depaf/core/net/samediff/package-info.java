/**
 * The Deeplearning4j SameDiff engine of {@link org.knime.depaf.core.net.DepafNetwork}
 * ({@link org.knime.depaf.core.net.samediff.SameDiffBackend}): one SameDiff graph holds the U-Net, |·|, the
 * masked POI convolution, the box background and the loss; gradients come from SameDiff, the Adam update from
 * ND4J's fused Adam op, dropout masks from a seeded Java generator.
 *
 * <p>Why not {@code sd.fit}: a custom step returns both loss terms directly, lets the learning rate change between
 * steps without a custom schedule class in the saved training configuration, and keeps inference (no dropout)
 * and training in one graph: dropout is a multiplication by a mask placeholder that inference fills with ones.
 * Why not ComputationGraph: it never uses oneDNN in 1.0.0-M2.1.
 *
 * <p>The fixed-kernel part of the graph is shaped by what was measured here (1.0.0-M2.1, oneDNN, one thread):
 * reflect padding and the box mean are products with small padding/averaging matrices given as placeholders per
 * patch size ({@link org.knime.depaf.core.net.samediff.SeparableMap}); the POI convolution is a depthwise
 * convolution with batch and channels merged into one channel axis
 * ({@link org.knime.depaf.core.net.samediff.ForwardModelInputs}). ND4J's pad op, average pooling and a
 * C-to-1 conv2d were 2–6× slower. Avoided because broken in M2.1: conv2d weights other than [kH, kW, in, out]
 * (their gradient op rejects the shapes), tensorMmul gradients, two gather ops in one graph.
 *
 * <p>Memory over long runs: each call frees the native memory of the arrays it made before it returns
 * ({@link org.knime.depaf.core.net.samediff.ExecutionMemory}; SameDiff would leave the outputs, and every array of
 * a gradient computation, to the garbage collector), and each graph runs in one bounded session whatever the thread
 * ({@link org.knime.depaf.core.net.samediff.ReusedSession}; M2.1's own per-thread session remembers the id of every
 * array it ever released). Weights, optimiser moments and cached placeholders live until the network is closed.
 *
 * <p>SameDiff prints one "Added differentiated op" line per op to {@code System.out} when it builds the gradient
 * graph; {@link org.knime.depaf.core.net.samediff.QuietStdout} filters those lines while the graph is built.
 */
package org.knime.depaf.core.net.samediff;
