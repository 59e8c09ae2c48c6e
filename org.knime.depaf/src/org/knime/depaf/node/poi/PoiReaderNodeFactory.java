package org.knime.depaf.node.poi;

import org.knime.depaf.node.port.PoiPortObject;
import org.knime.node.DefaultNode;
import org.knime.node.DefaultNodeFactory;

/** Factory of the POI Reader node. */
public final class PoiReaderNodeFactory extends DefaultNodeFactory {

    private static final DefaultNode NODE = DefaultNode.create() //
        .name("POI Reader") //
        .icon("poi-reader.png") //
        .shortDescription("Provides the pattern of interest (PSF or signal shape) that DEPAF fits.") //
        .fullDescription("""
            DEPAF finds and localises copies of a pattern of interest (POI) in the data: the point spread function \
            of single molecules or beads, the shape of a spot, or the time course of a calcium spike. This node \
            provides that pattern.

            Sources: a file (TIFF or MAT; one frame is a 2-D POI, several frames a z-stack for 3-D localisation \
            with the given z step, a single column a 1-D POI); a generated isotropic Gaussian (by σ in pixels or \
            FWHM in nm); an elliptical, optionally rotated Gaussian; a 1-D exponential spike for calcium traces; \
            or a 3-D POI calibrated from a z-stack of beads (beads are found on the in-focus slice, cropped, \
            registered to sub-pixel precision, background-corrected and averaged).

            The POI should be sampled like the data (same pixel size); DEPAF upsamples and normalises it itself.
            """) //
        .sinceVersion(5, 8, 0) // the KNIME release the node first shipped for
        .ports(p -> p.addOutputPort("POI", "The pattern of interest with its kind (2-D, z-stack with step, 1-D) "
            + "and pixel size.", PoiPortObject.TYPE)) //
        .model(m -> m.parametersClass(PoiReaderNodeParameters.class) //
            .configure(PoiReaderNodeModel::configure) //
            .execute(PoiReaderNodeModel::execute)) //
        .keywords("PSF", "point spread function", "pattern", "Gaussian", "FWHM", "bead", "calibration", "z-stack",
            "astigmatism", "spike", "calcium", "POI");

    /** Creates the factory. */
    public PoiReaderNodeFactory() {
        super(NODE);
    }
}
