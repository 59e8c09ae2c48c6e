/**
 * Patterns of interest (POIs): loading, preprocessing for training (odd sizes, normalisation), generation
 * (Gaussian PSFs, spike kernels), calibration from bead z-stacks, and the background box kernel.
 */
package org.knime.depaf.core.poi;
