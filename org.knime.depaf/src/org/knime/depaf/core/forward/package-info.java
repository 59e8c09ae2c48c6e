/**
 * DEPAF's forward ("pattern fitting") model in plain Java (depaf-method.md §6, §10): true convolutions with
 * reflect padding of amplitude maps with the POI ({@code D_c = A_c ⊛ P_c}) and of the background seed with
 * a box kernel ({@code BG = G ⊛ B_k}), and the re-synthesis of noiseless images from detected spots.
 *
 * <p>All arrays are {@code float[]}, row-major, channel-major for stacks; coordinates are 0-based with pixel
 * centres at integers. The network package builds the same convolutions into its graph; the classes here
 * are the reference it is tested against, and they serve detection, threshold search and simulation.
 */
package org.knime.depaf.core.forward;
