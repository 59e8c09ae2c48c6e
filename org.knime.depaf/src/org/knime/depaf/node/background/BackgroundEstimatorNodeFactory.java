package org.knime.depaf.node.background;

import org.knime.depaf.node.port.DepafModelPortObject;
import org.knime.depaf.node.port.ImageStackPortObject;
import org.knime.node.DefaultNode;
import org.knime.node.DefaultNodeFactory;

/** Factory of the Background Estimator node. */
public final class BackgroundEstimatorNodeFactory extends DefaultNodeFactory {

    private static final DefaultNode NODE = DefaultNode.create() //
        .name("Background Estimator") //
        .icon("background-estimator.png") //
        .shortDescription("Estimates the smooth background of a stack with a DEPAF model, and removes it.") //
        .fullDescription("""
            A DEPAF model trained with 'Learn background' separates each frame into signals (copies of the POI) \
            and a smooth background (autofluorescence, out-of-focus light, camera offset). This node outputs that \
            background and the frames with the background subtracted, without detecting signals.

            Both outputs are 32-bit stacks in camera units, with the input's pixel size, stored with the workflow. \
            The subtracted frames can be negative where noise dips below the background. Frames are processed \
            batch by batch; progress shows the frames done.
            """) //
        .sinceVersion(5, 8, 0) // the KNIME release the node first shipped for
        .ports(p -> p //
            .addInputPort("DEPAF model", "A model trained with 'Learn background'.", DepafModelPortObject.TYPE) //
            .addInputPort("Image stack", "The stack whose background is wanted.", ImageStackPortObject.TYPE) //
            .addOutputPort("Background", "The estimated background of every frame (32-bit, camera units).",
                ImageStackPortObject.TYPE) //
            .addOutputPort("Background-subtracted stack", "The frames minus the background (32-bit, camera units).",
                ImageStackPortObject.TYPE)) //
        .model(m -> m.parametersClass(BackgroundEstimatorNodeParameters.class) //
            .configure(BackgroundEstimatorNodeModel::configure) //
            .execute(BackgroundEstimatorNodeModel::execute)) //
        .keywords("background", "subtraction", "autofluorescence", "flat field", "DEPAF");

    /** Creates the factory. */
    public BackgroundEstimatorNodeFactory() {
        super(NODE);
    }
}
