package org.knime.depaf.node.simulator;

import org.knime.depaf.node.port.ImageStackPortObject;
import org.knime.node.DefaultNode;
import org.knime.node.DefaultNodeFactory;

/** Factory of the SMLM Simulator node. */
public final class SimulatorNodeFactory extends DefaultNodeFactory {

    private static final DefaultNode NODE = DefaultNode.create() //
        .name("SMLM Simulator") //
        .icon("smlm-simulator.png") //
        .shortDescription("Simulates a single-molecule localisation acquisition with known emitter positions.") //
        .fullDescription("""
            Makes a camera stack of blinking fluorescent molecules whose true positions are known, to try DEPAF \
            on data like yours and to measure how well it finds and places them (connect the ground truth and the \
            DEPAF Predictor's localisations to the Localisation Evaluator).

            Choose a preset (sparse or dense molecules, filaments, 3-D astigmatism, EMCCD or sCMOS camera) and \
            change the frame size, pixel size, density, brightness and background as needed. Molecules emit \
            photons that pass through the point-spread function onto the camera pixels; photon shot noise, the \
            camera's gain, read noise and offset are added as a real camera would (the EMCCD of the 2016 SMLM \
            challenge by default). The same seed and settings always give the same stack.

            Outputs: the stack (16-bit TIFF for a 16-bit camera, otherwise 32-bit, kept with the workflow) and the \
            ground truth: one row per molecule that was on in a frame, with 'frame' (from 1), 'x [nm]' and \
            'y [nm]' measured from the top-left corner of the first camera pixel, 'z [nm]' for 3-D, its photons \
            ('intensity [photon]'), the background under it and the PSF width. The same simulation as \
            'depaf simulate' on the command line.
            """) //
        .sinceVersion(5, 8, 0) // the KNIME release the node first shipped for
        .ports(p -> p //
            .addOutputPort("Image stack", "The simulated camera frames (ADU), with the pixel size.",
                ImageStackPortObject.TYPE) //
            .addOutputTable("Ground truth", "The true emitters: frame, x [nm], y [nm], (z [nm]), photons, "
                + "background, PSF width, emitter id.")) //
        .model(m -> m.parametersClass(SimulatorNodeParameters.class) //
            .configure(SimulatorNodeModel::configure) //
            .execute(SimulatorNodeModel::execute)) //
        .keywords("simulation", "simulator", "ground truth", "SMLM", "PALM", "STORM", "synthetic", "test data");

    /** Creates the factory. */
    public SimulatorNodeFactory() {
        super(NODE);
    }
}
