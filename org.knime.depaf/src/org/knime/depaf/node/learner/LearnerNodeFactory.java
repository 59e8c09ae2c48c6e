package org.knime.depaf.node.learner;

import org.knime.depaf.node.port.DepafModelPortObject;
import org.knime.depaf.node.port.ImageStackPortObject;
import org.knime.depaf.node.port.PoiPortObject;
import org.knime.node.DefaultNode;
import org.knime.node.DefaultNodeFactory;

/** Factory of the DEPAF Learner node. */
public final class LearnerNodeFactory extends DefaultNodeFactory {

    private static final DefaultNode NODE = DefaultNode.create() //
        .name("DEPAF Learner") //
        .icon("depaf-learner.png") //
        .shortDescription("Trains a DEPAF model on your own data, without ground truth (self-supervised).") //
        .fullDescription("""
            Trains a deep network to explain the image stack as a sum of copies of the pattern of interest (POI) \
            plus a smooth background, with as few copies as possible. No annotated data is needed: the network \
            learns from the stack it will later analyse (DEPAF, self-supervised deep pattern fitting).

            The stack is split into training and validation frames (a random 80 % / 20 % split by default); \
            patches are drawn once; the sparsity weight λ is warmed up, the POI's channels are decompressed step \
            by step (z-stack POIs), the learning rate halves when validation stops improving, and the best model \
            is kept. Finally the detection threshold is chosen on training patches so that the detections best \
            explain the network's reconstruction.

            λ is the one parameter to choose: it sets the sensitivity (larger: fewer, surer detections). The CPU \
            preset trains a small network within about 20 minutes; the Paper preset reproduces the published \
            settings (meant for a GPU). Progress shows epoch, iteration and loss; cancelling stops at once. The \
            model can be applied to other stacks of the same kind with the DEPAF Predictor.
            """) //
        .sinceVersion(5, 8, 0) // the KNIME release the node first shipped for
        .ports(p -> p //
            .addInputPort("Image stack", "The stack to learn from (camera frames in raw counts).",
                ImageStackPortObject.TYPE) //
            .addInputPort("POI", "The pattern of interest, sampled like the data.", PoiPortObject.TYPE) //
            .addOutputPort("DEPAF model", "The trained model: network, POI, normalisation, threshold, λ and "
                + "provenance, saved with the workflow.", DepafModelPortObject.TYPE) //
            .addOutputTable("Training history", "One row per iteration: epoch, training loss with its fidelity and "
                + "sparsity terms, validation loss (when validated), λ, learning rate, curriculum level, time in "
                + "seconds.")) //
        .model(m -> m.parametersClass(LearnerNodeParameters.class) //
            .configure(LearnerNodeModel::configure) //
            .execute(LearnerNodeModel::execute)) //
        .keywords("deep learning", "training", "self-supervised", "SMLM", "localization", "PALM", "STORM",
            "U-Net", "DEPAF", "spot detection");

    /** Creates the factory. */
    public LearnerNodeFactory() {
        super(NODE);
    }
}
