package org.knime.depaf.node.threshold;

import org.knime.depaf.node.port.DepafModelPortObject;
import org.knime.depaf.node.port.ImageStackPortObject;
import org.knime.node.DefaultNode;
import org.knime.node.DefaultNodeFactory;

/** Factory of the Threshold Optimizer node. */
public final class ThresholdOptimizerNodeFactory extends DefaultNodeFactory {

    private static final DefaultNode NODE = DefaultNode.create() //
        .name("Threshold Optimizer") //
        .icon("threshold-optimizer.png") //
        .shortDescription("Chooses a DEPAF model's detection threshold again, on a stack of your choice.") //
        .fullDescription("""
            The detection threshold decides which of the network's amplitudes count as signals. The Learner \
            chooses it after training; this node chooses it again on another stack (e.g. a new acquisition with \
            other brightness or density) without retraining.

            Patches are cut at random from the stack's frames and analysed by the network. For each candidate \
            threshold the detections are re-synthesised with the POI and compared with the network's own \
            reconstruction; the threshold with the smallest difference wins (a coarse grid over the 0.01th to \
            99.99th percentile of the amplitudes, then a fine search around the best point, as in the method). \
            A threshold at the edge of that range is reported as a warning.

            Output: the same model with the new threshold, and a table of the objective over the thresholds \
            evaluated (plot it to see how clear the optimum is).
            """) //
        .sinceVersion(5, 8, 0) // the KNIME release the node first shipped for
        .ports(p -> p //
            .addInputPort("DEPAF model", "A trained model.", DepafModelPortObject.TYPE) //
            .addInputPort("Image stack", "The stack to choose the threshold on.", ImageStackPortObject.TYPE) //
            .addOutputPort("Retuned DEPAF model", "The model with the new threshold.", DepafModelPortObject.TYPE) //
            .addOutputTable("Threshold objective", "One row per evaluated threshold: stage (coarse or fine), "
                + "threshold (normalised amplitude units), objective (mean absolute difference per patch), chosen "
                + "(1 for the selected threshold).")) //
        .model(m -> m.parametersClass(ThresholdOptimizerNodeParameters.class) //
            .configure(ThresholdOptimizerNodeModel::configure) //
            .execute(ThresholdOptimizerNodeModel::execute)) //
        .keywords("threshold", "detection", "sensitivity", "optimisation", "DEPAF", "calibration");

    /** Creates the factory. */
    public ThresholdOptimizerNodeFactory() {
        super(NODE);
    }
}
