package org.knime.depaf.core.sim;

import org.knime.depaf.core.image.ImageStack;
import org.knime.depaf.core.loc.LocalisationTable;

/**
 * What a simulation produced.
 *
 * @param stack camera frames in ADU (float; whole numbers when the camera quantises), with the pixel size
 * @param groundTruth the emitters: frame (1-based), x, y (nm), z (nm, 3-D only), intensity [photon] (photons
 *            of that emitter in that frame), background [photon per pixel at the emitter], sigma [nm] (Gaussian
 *            PSFs), id; sorted by frame
 * @param backgroundPhotons the expected background per pixel in photons, one frame per frame of the stack
 */
public record SimulationResult(ImageStack stack, LocalisationTable groundTruth, ImageStack backgroundPhotons) {
}
