package org.knime.depaf.node.predictor;

import org.knime.depaf.node.port.DepafModelPortObject;
import org.knime.depaf.node.port.ImageStackPortObject;
import org.knime.node.DefaultNode;
import org.knime.node.DefaultNodeFactory;

/** Factory of the DEPAF Predictor node. */
public final class PredictorNodeFactory extends DefaultNodeFactory {

    private static final DefaultNode NODE = DefaultNode.create() //
        .name("DEPAF Predictor") //
        .icon("depaf-predictor.png") //
        .shortDescription("Detects and localises signals in an image stack with a trained DEPAF model.") //
        .fullDescription("""
            Applies a trained DEPAF model to a stack: every frame is normalised with the model's constants, \
            upsampled, cut into overlapping patches that the network analyses, and blended; signals above the \
            model's threshold are detected and localised with sub-pixel precision.

            The result is a localisation table with one row per detected signal: frame (counted from 1), x [nm] \
            and y [nm] (origin at the top-left corner of the first pixel, as ThunderSTORM), z [nm] for a z-stack \
            POI, the normalised amplitude and the amplitude in camera units. It is an ordinary KNIME table: plot, \
            filter, summarise or write it with KNIME's own nodes, or render it with the Localization Renderer.

            With a 2-D POI every detection is then refined (on by default, section "Fitting and camera"): a \
            maximum-likelihood fit of the model's POI and a local background to the camera pixels, neighbours \
            fitted together, under the camera's noise (offset, gain, EMCCD, read noise; the gain is read from the \
            data unless given). Positions are no longer bound to DEPAF's grid; two detections of one molecule are \
            merged, a molecule missed beside a detected one is added, and detections the data do not support are \
            dropped by a likelihood-ratio test. The table gains intensity [photon], offset [photon], \
            bkgstd [photon], uncertainty [nm] (the Cramér–Rao bound, ThunderSTORM's convention), crlb x/y [nm], \
            llr and fit status (1 fitted, 0 failed and DEPAF's position kept, 2 added). A warning says when more \
            than a tenth of the fits failed, most often a wrong camera offset.

            Optionally the node also outputs the re-synthesised stack (the detections drawn with the POI, to check \
            the fit) and the estimated background. Frames are processed batch by batch, so memory does not grow \
            with the length of the stack. Progress shows the frames done; cancelling stops at once.
            """) //
        .sinceVersion(5, 8, 0) // the KNIME release the node first shipped for
        .ports(p -> p //
            .addInputPort("DEPAF model", "A model trained by the DEPAF Learner.", DepafModelPortObject.TYPE) //
            .addInputPort("Image stack", "The stack to analyse (same kind of data as the training stack).",
                ImageStackPortObject.TYPE) //
            .addOutputTable("Localisations", "One row per localisation: frame, x [nm], y [nm], (z [nm]), "
                + "amplitude, amplitude raw, (z slice), and when fitted intensity [photon], offset [photon], "
                + "bkgstd [photon], uncertainty [nm], crlb x [nm], crlb y [nm], llr, fit status. The camera pixel "
                + "size is a property of the columns.") //
            .addOutputPort("Re-synthesised stack", "The detections re-synthesised with the POI on the camera grid "
                + "(32-bit, camera units); inactive unless enabled.", ImageStackPortObject.TYPE) //
            .addOutputPort("Background stack", "The estimated background (32-bit, camera units); inactive unless "
                + "enabled.", ImageStackPortObject.TYPE)) //
        .model(m -> m.parametersClass(PredictorNodeParameters.class) //
            .configure(PredictorNodeModel::configure) //
            .execute(PredictorNodeModel::execute)) //
        .keywords("localization", "localisation", "detection", "SMLM", "PALM", "STORM", "spot", "super-resolution",
            "inference", "DEPAF");

    /** Creates the factory. */
    public PredictorNodeFactory() {
        super(NODE);
    }
}
