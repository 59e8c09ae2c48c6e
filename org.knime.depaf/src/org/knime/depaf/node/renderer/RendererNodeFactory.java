package org.knime.depaf.node.renderer;

import org.knime.core.node.port.image.ImagePortObject;
import org.knime.depaf.node.port.ImageStackPortObject;
import org.knime.node.DefaultNode;
import org.knime.node.DefaultNodeFactory;

/** Factory of the Localization Renderer node. */
public final class RendererNodeFactory extends DefaultNodeFactory {

    private static final DefaultNode NODE = DefaultNode.create() //
        .name("Localization Renderer") //
        .icon("localization-renderer.png") //
        .shortDescription("Renders a localisation table as a super-resolution image.") //
        .fullDescription("""
            Turns localisations into a super-resolution image: a histogram counts the localisations per render \
            pixel; the Gaussian method draws each localisation as a normalised 2-D Gaussian of a fixed σ or of \
            its own localisation uncertainty.

            The input is a table with the columns 'frame', 'x [nm]' and 'y [nm]' (positions in nm from the \
            top-left corner of the first camera pixel), such as the DEPAF Predictor's output or a ThunderSTORM \
            CSV file read with KNIME's CSV Reader; other columns are carried along and ignored.

            Outputs: a PNG image with percentile contrast for viewing and reports, and the 32-bit rendering as an \
            image stack (exact values, with the render pixel size) for quantification or the Image Stack Writer.
            """) //
        .sinceVersion(5, 8, 0) // the KNIME release the node first shipped for
        .ports(p -> p //
            .addInputTable("Localisations", "Table with 'frame', 'x [nm]', 'y [nm]' and optionally "
                + "'uncertainty [nm]' (for Gaussians of each localisation's uncertainty).") //
            .addOutputPort("Image", "The rendering as a PNG image with the chosen colour map.", ImagePortObject.TYPE) //
            .addOutputPort("Rendered stack", "The rendering as a one-frame 32-bit image stack with the render pixel "
                + "size.", ImageStackPortObject.TYPE)) //
        .model(m -> m.parametersClass(RendererNodeParameters.class) //
            .configure(RendererNodeModel::configure) //
            .execute(RendererNodeModel::execute)) //
        .keywords("render", "super-resolution", "SMLM", "histogram", "Gaussian", "image", "PALM", "STORM");

    /** Creates the factory. */
    public RendererNodeFactory() {
        super(NODE);
    }
}
